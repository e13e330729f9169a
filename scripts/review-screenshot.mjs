// Regenerate docs/review.png (the README's picture of `mbreport review`):
//   npm run build && node scripts/review-screenshot.mjs
// Needs Debian's chromium (/usr/bin/chromium, or MBREPORT_CHROMIUM) and a CJK font
// (apt-get install -y chromium fonts-wqy-zenhei).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mbreport-shot-'));
const html = path.join(dir, 'review.html');
const inputs = ['000_3075c7cfa9612663.txt', '002_e7f40e55d537d7d1.txt', '004_85f6a187291e936b.txt'].map((n) => `fixtures/${n}`);
execFileSync(process.execPath, ['bin/mbreport.js', 'review', ...inputs, '--title', 'mbreport review: 3 bulletins', '--out', html], { stdio: 'inherit' });
const browser = await chromium.launch({
  executablePath: process.env.MBREPORT_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(pathToFileURL(html).href);
  const row = page.locator('section#doc-0 tr.rec').nth(8);
  await row.click();
  await page.waitForTimeout(250); // mid-flash
  await page.evaluate(() => window.scrollTo(0, 0));
  const out = path.resolve('docs/review.png');
  await page.screenshot({ path: out });
  console.log(`${out}: ${statSync(out).size} bytes`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
