import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSeedInputs } from '../../src/seeds/seed.loader';
import { REPO_ROOT, SEED_STUDY_FILE, seedFiles } from '../fixtures/seed-inputs';

/** Which files a load of a folder reads: every .json below it, except the reference copies under a reference/ folder. */
describe('readSeedInputs', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-read-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reads the vocabulary and the study files of seeds/, not the reference copies', () => {
    const files = readSeedInputs(path.join(REPO_ROOT, 'seeds')).map((i) => i.file);
    expect(files).toEqual(seedFiles());
    expect(files.some((f) => f.includes(`${path.sep}reference${path.sep}`))).toBe(false);
  });

  it('reads the same files when seeds/ is given relative to the working directory', () => {
    const cwd = process.cwd();
    process.chdir(REPO_ROOT);
    try {
      expect(readSeedInputs('seeds').map((i) => path.resolve(i.file))).toEqual(seedFiles());
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads a folder whose own path contains a folder named "reference"', () => {
    const dir = path.join(tmp, 'reference', 'new-studies');
    fs.mkdirSync(path.join(dir, 'reference'), { recursive: true });
    fs.copyFileSync(SEED_STUDY_FILE, path.join(dir, 'study.json'));
    fs.writeFileSync(path.join(dir, 'reference', 'copy.json'), '{"not": "a seed file"}');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not json');
    expect(readSeedInputs(dir).map((i) => i.file)).toEqual([path.join(dir, 'study.json')]);
  });

  it('reads nested folders in path order, and a single file given directly', () => {
    fs.mkdirSync(path.join(tmp, 'b'));
    fs.mkdirSync(path.join(tmp, 'a'));
    for (const f of ['b/2.json', 'a/1.json', '0.json']) fs.writeFileSync(path.join(tmp, f), '{}');
    expect(readSeedInputs(tmp).map((i) => path.relative(tmp, i.file))).toEqual([
      '0.json',
      path.join('a', '1.json'),
      path.join('b', '2.json'),
    ]);
    expect(readSeedInputs(path.join(tmp, '0.json'))).toEqual([{ file: path.join(tmp, '0.json'), text: '{}' }]);
  });
});
