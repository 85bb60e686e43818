// The dashboard in a real headless Chromium (Debian's package), driven by
// playwright-core. Run by tests/browser.rs with BASE_URL, SHOTS_DIR and
// the steps to run; prints one line per step; exits non-zero on failure.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { projectSteps } from './projects.mjs';
import { officerMonthSteps } from './officer_month.mjs';
import { vietnameseSteps } from './vietnamese.mjs';
import { securitySteps } from './security.mjs';
import { releaseSteps } from './releases.mjs';
import { chartSteps } from './charts.mjs';

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
// Script and resource errors fail the run; a 4xx answer to a page load is
// not one of them (the steps check the statuses they expect).
page.on('console', (m) => {
  if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) {
    consoleErrors.push(m.text());
  }
});

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
  // The briefing is one click from the menu; a figure jumps to its table row.
  async briefing() {
    await page.goto(`${base}/`);
    await page.click('nav a[href="/bao-cao"]');
    await page.waitForLoadState('load');
    check(await page.isVisible('#briefing h1'), 'briefing heading');
    check(await page.isVisible('#synthetic-notice'), 'synthetic notice in the briefing');
    const link = page.locator('#briefing a.fig').first();
    const target = (await link.getAttribute('href')).slice(1);
    await link.click();
    check(page.url().endsWith(`#${target}`), `jumped to #${target}`);
    check(await page.locator(`[id="${target}"]`).isVisible(), 'the row is there');
    await shot('09-briefing');
  },
  // A province officer logs in through the form.
  async login() {
    await page.goto(`${base}/dang-nhap`);
    await page.fill('input[name=username]', process.env.OFFICER_USER);
    await page.fill('input[name=password]', process.env.OFFICER_PASSWORD);
    await page.click('form button[type=submit]');
    await page.waitForLoadState('load');
    check((await page.textContent('#who')).includes(process.env.OFFICER_USER), 'logged in');
    await shot('05-logged-in');
  },
  // A file with two bad lines: both errors in the table, with line and column; no version.
  async upload_bad() {
    await page.goto(`${base}/nop-bao-cao`);
    await page.fill('#submit-form input[name=period]', '2025-04');
    await page.fill('#submit-form input[name=note]', 'first report');
    await page.setInputFiles('#submit-form input[name=file]', `${fixtures}/bad.csv`);
    await page.click('#submit-form button[type=submit]');
    await page.waitForLoadState('load');
    const rows = await page.locator('#errors tbody tr').allTextContents();
    check(rows.length === 2, `two error rows, got ${rows.length}: ${rows.join(' | ')}`);
    check(rows.some((r) => r.includes('3') && r.includes('product')), 'line 3, product');
    check(rows.some((r) => r.includes('4') && r.includes('quantity')), 'line 4, quantity');
    check((await page.locator('#versions tbody tr').count()) === 0, 'no version stored');
    await shot('06-upload-errors');
  },
  // The corrected file becomes version 1 of the month, listed with who and why.
  async upload_good() {
    await page.goto(`${base}/nop-bao-cao`);
    await page.fill('#submit-form input[name=period]', '2025-04');
    await page.fill('#submit-form input[name=note]', 'first report');
    await page.setInputFiles('#submit-form input[name=file]', `${fixtures}/good.csv`);
    await page.click('#submit-form button[type=submit]');
    await page.waitForLoadState('load');
    check(await page.isVisible('#submit-result'), 'a result message');
    const versions = await page.locator('#versions tbody tr').allTextContents();
    check(versions.length === 1, `one version, got ${versions.length}`);
    check(versions[0].includes('2025-04') && versions[0].includes(process.env.OFFICER_USER), `version row: ${versions[0]}`);
    await shot('07-upload-version');
  },
  // Another province's submissions are refused (403).
  async other_province() {
    const r = await page.goto(`${base}/nop-bao-cao?province=${process.env.OTHER_PROVINCE}`);
    check(r.status() === 403, `other province status ${r.status()}`);
    check(await page.locator('#error-page').count() === 1, 'a 403 page, not raw JSON');
    await shot('08-other-province');
  },
};

Object.assign(run, projectSteps({ page, base, check, shot }));
Object.assign(run, officerMonthSteps({ page, base, check, shot, shots }));
Object.assign(run, vietnameseSteps({ page, base, check, shot }));
Object.assign(run, securitySteps({ page, base, check, shot }));
Object.assign(run, releaseSteps({ page, base, check, shot }));
Object.assign(run, chartSteps({ page, base, check, shot }));

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
