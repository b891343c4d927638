// `node dist/src/assets/bundle-cli.js`, the last step of `npm run build`: bundles the pages'
// browser scripts into dist/browser/ (see bundles.ts).
import path from 'node:path';
import { REPO_ROOT } from '../config';
import { writeBundles } from './bundles';

writeBundles().then(
  (written) => {
    for (const { file, bytes } of written)
      process.stderr.write(`[bundle] ${path.relative(REPO_ROOT, file)}: ${(bytes / 1024).toFixed(1)} KB\n`);
  },
  (error: Error) => {
    process.stderr.write(`[bundle] failed: ${error.message}\n`);
    process.exitCode = 1;
  },
);
