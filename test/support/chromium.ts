import fs from 'node:fs';
import { Browser, chromium } from 'playwright-core';

/** Debian's Chromium, which CI installs (scripts/ensure-chromium.sh). */
export const CHROMIUM = '/usr/bin/chromium';

/** Features known to make Debian's Chromium call home (update, sync, safe browsing, hints…). */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'AutofillServerCommunication',
];

/** Flags that keep headless Chromium quiet and offline (for every browser test). */
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-client-side-phishing-detection',
  '--disable-domain-reliability',
  '--no-pings',
  '--component-updater=url-source=http://127.0.0.1:9/',
  '--gaia-url=http://127.0.0.1:9/',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

/** Launches headless Chromium, or fails saying how to install it. */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `This test needs Chromium at ${CHROMIUM}; install it with \`bash scripts/ensure-chromium.sh\` (apt-get install chromium). CI installs it.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS, timeout: 60_000 });
}
