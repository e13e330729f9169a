// Headless Chromium for the review page: Debian's `chromium` package, driven by playwright-core.
// This machine has no internet: everything that phones home is switched off.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's chromium lives; MBREPORT_CHROMIUM overrides it. */
export const CHROMIUM = process.env.MBREPORT_CHROMIUM ?? '/usr/bin/chromium';

export const hasChromium = existsSync(CHROMIUM);

export const SKIP_MESSAGE = `review page browser test SKIPPED: no Chromium at ${CHROMIUM} (install Debian's package: apt-get install -y chromium; .ci/run does it)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      '--no-first-run',
      '--metrics-recording-only',
    ],
  });
}
