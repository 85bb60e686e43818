// The dashboard in a real headless Chromium (Debian's package), driven by
// playwright-core. Run by tests/browser.rs with BASE_URL, SHOTS_DIR and
// the steps to run; prints one line per step; exits non-zero on failure.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { projectSteps } from './projects.mjs';

const base = process.env.BASE_URL;
const shots = process.env.SHOTS_DIR;
const steps = (process.env.STEPS || 'overview').split(',');
const fixtures = process.env.FIXTURES_DIR;
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

function check(cond, message) {
  if (!cond) throw new Error(message);
}
async function shot(name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const run = {
  // The overview opens in Vietnamese with the synthetic-data banner, a map and the ranking.
  async overview() {
    const r = await page.goto(`${base}/`);
    check(r.status() === 200, `overview status ${r.status()}`);
    check((await page.getAttribute('html', 'lang')) === 'vi', 'Vietnamese by default');
    check(await page.isVisible('#synthetic-banner'), 'synthetic banner');
    check((await page.locator('svg.map path[data-code]').count()) > 0, 'map drawn');
    check((await page.locator('#ranking tbody tr').count()) >= 3, 'ranking rows');
    await shot('01-overview');
  },
  // The boundary toggle redraws the map on the other boundaries.
  async toggle() {
    await page.goto(`${base}/?period=2025-06&boundaries=2025`);
    check((await page.getAttribute('svg.map', 'data-boundaries')) === '2025', '2025 map first');
    const n2025 = new Set(await page.locator('svg.map path[data-code]').evaluateAll((ps) => ps.map((p) => p.dataset.code))).size;
    await page.click('a[data-boundaries-link]:not(.active)');
    await page.waitForLoadState('load');
    check((await page.getAttribute('svg.map', 'data-boundaries')) === 'pre2025', 'toggled to pre2025');
    const n63 = new Set(await page.locator('svg.map path[data-code]').evaluateAll((ps) => ps.map((p) => p.dataset.code))).size;
    check(n2025 === 34 && n63 === 63, `provinces on the map: ${n2025} then ${n63}`);
    await shot('02-boundaries-pre2025');
  },
  // The language switch keeps the page and its parameters.
  async language() {
    await page.goto(`${base}/?period=2025-06&boundaries=pre2025`);
    await page.click('#switch-lang');
    await page.waitForLoadState('load');
    check((await page.getAttribute('html', 'lang')) === 'en', 'English after the switch');
    check(page.url().includes('boundaries=pre2025'), 'parameters kept');
    check((await page.textContent('h1')).includes('Industrial production'), 'English heading');
    await shot('03-english');
  },
  // A province opens from the ranking.
  async province() {
    await page.goto(`${base}/`);
    const first = page.locator('#ranking tbody tr a').first();
    const name = (await first.textContent()).trim();
    await first.click();
    await page.waitForLoadState('load');
    check((await page.textContent('h1')).includes(name), `province page for ${name}`);
    check((await page.locator('svg.chart.line').count()) === 2, 'two charts');
    check((await page.locator('#industries tbody tr').count()) > 0, 'industries table');
    await shot('04-province');
  },
};

Object.assign(run, projectSteps({ page, base, check, shot }));

let failed = false;
for (const step of steps) {
  try {
    await run[step]();
    console.log(`ok ${step}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${step}: ${e.message}`);
    try { await shot(`fail-${step}`); } catch {}
  }
}
if (consoleErrors.length) {
  failed = true;
  console.log(`FAIL console errors: ${consoleErrors.join(' | ')}`);
}
writeFileSync(`${shots}/result.txt`, failed ? 'failed\n' : 'ok\n');
await browser.close();
process.exit(failed ? 1 : 0);
