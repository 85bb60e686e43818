// The exporters' pages in a real headless Chromium (Debian's package),
// driven by playwright-core: the origin calculator shows pass or fail with
// the arithmetic; a product opened by its GS1 Digital Link path shows its
// lot's trace. Run by crates/web/tests/exports_browser.rs with BASE_URL,
// SHOTS_DIR and STEPS; prints one line per step; exits non-zero on failure.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';

const base = process.env.BASE_URL;
const shots = process.env.SHOTS_DIR;
const steps = (process.env.STEPS || 'origin').split(',');
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

// The README's steel frame (synthetic): RVC exactly 40 %.
const steel = [
  ['7208.51', 'Thép tấm cán nóng', '52', 'no', 'CN'],
  ['7318.15', 'Bu lông và đai ốc', '8', 'yes', 'TH'],
  ['7308.90', 'Khung thép phụ', '6', 'no', 'CN'],
  ['3208.20', 'Sơn phủ', '2', 'unknown', ''],
];

const run = {
  // Fill the calculator, see ATIGA pass with the arithmetic; one more unit
  // of imported steel under RVC40 alone, see it fail.
  async origin() {
    const r = await page.goto(`${base}/xuat-khau/xuat-xu`);
    check(r.status() === 200, `calculator status ${r.status()}`);
    check(await page.isVisible('#no-psr'), 'says the PSR tables are not bundled');
    await page.fill('input[name=product_name]', 'Khung thép (minh hoạ)');
    await page.fill('input[name=product_hs]', '7308.90');
    await page.fill('input[name=ex_works]', '95');
    await page.fill('input[name=fob]', '100');
    await page.check('input[name=agreements][value=atiga]');
    await page.check('input[name=agreements][value=rcep]');
    await page.fill('input[name=rule]', 'RVC40 or CTH');
    for (const [i, row] of steel.entries()) {
      await page.fill(`input[name=hs_${i}]`, row[0]);
      await page.fill(`input[name=desc_${i}]`, row[1]);
      await page.fill(`input[name=value_${i}]`, row[2]);
      await page.selectOption(`select[name=orig_${i}]`, row[3]);
      await page.fill(`input[name=country_${i}]`, row[4]);
    }
    await Promise.all([page.waitForNavigation(), page.click('#check-origin')]);
    check(await page.isVisible('#result tr[data-agreement=ATIGA][data-outcome=pass]'), 'ATIGA passes');
    const detail = await page.textContent('#detail-ATIGA');
    check(detail.includes('(FOB 100 − VNM 60) / FOB 100 = 40 % ≥ 40 %'), `the arithmetic: ${detail.slice(0, 400)}`);
    check(detail.includes('C/O'), 'the certificate route');
    await shot('10-origin-pass');
    // The form keeps what was typed: change one value and the rule.
    await page.fill('input[name=value_0]', '53');
    await page.fill('input[name=rule]', 'RVC40');
    await Promise.all([page.waitForNavigation(), page.click('#check-origin')]);
    check(await page.isVisible('#result tr[data-agreement=ATIGA][data-outcome=fail]'), 'ATIGA fails at 39 %');
    check((await page.textContent('#detail-ATIGA')).includes('39 %'), '39 % shown');
    await shot('11-origin-fail');
  },
  // A product's Digital Link path, then its lot: the trace back to the farms.
  async 'digital-link'() {
    const r = await page.goto(`${base}/01/08935553000028`);
    check(r.status() === 200, `product page status ${r.status()}`);
    check((await page.textContent('#product-name')).includes('Vải thiều sấy'), 'product name');
    check((await page.textContent('#stars')).includes('★'), 'stars');
    await shot('12-product-public');
    await Promise.all([page.waitForNavigation(), page.click('#lots a')]);
    check(page.url().endsWith('/01/08935553000028/10/VS-2025-06'), `lot page: ${page.url()}`);
    const trace = await page.textContent('#trace');
    check(trace.includes('VT-0618-A') && trace.includes('VT-0618-B'), 'both farm lots');
    check(trace.includes('Vải thiều tươi'), 'the input product named');
    check((await page.locator('#trace > li').count()) >= 4, 'lot, two inputs, pallet');
    await shot('13-lot-trace');
    await page.click('#switch-lang');
    await page.waitForLoadState('load');
    check((await page.textContent('main')).includes('Where it comes from'), 'English');
    await shot('14-lot-trace-en');
  },
  // The register and one product's page with its certificate.
  async register() {
    await page.goto(`${base}/nhan-hieu`);
    check((await page.locator('#provinces tbody tr').count()) === 34, '34 provinces');
    check(await page.isVisible('#alerts'), 'certificates needing attention');
    await shot('15-register');
    await page.goto(`${base}/xuat-khau`);
    check((await page.textContent('#export-ready')).trim() !== '0', 'export-ready products');
    await shot('16-readiness');
  },
};

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
