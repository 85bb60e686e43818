// Chart and map steps of the browser scenario (issue 14 items 3 and 10),
// imported by scenario.mjs: the overview, a province and the briefing at
// 1440 px and at 390 px, in Vietnamese and English. Checks what a person
// sees: every chart's text at 10 px or more on a phone (map names hidden
// there), no page wider than the screen, both archipelagos drawn and
// captioned, decline hatched, the SVG and PNG downloads, the table view.

export function chartSteps({ page, base, check, shot }) {
  // Every visible <text> of the charts on the page, with its rendered size
  // (font size × the SVG's scale on screen).
  async function chartTexts() {
    return page.evaluate(() => {
      const out = [];
      for (const svg of document.querySelectorAll('svg.chart')) {
        const scale = svg.getScreenCTM() ? svg.getScreenCTM().a : 0;
        for (const t of svg.querySelectorAll('text')) {
          const style = getComputedStyle(t);
          const box = t.getBoundingClientRect();
          if (style.display === 'none' || style.visibility === 'hidden' || box.width === 0) continue;
          if (t.closest('[style*="display: none"]')) continue;
          let hidden = false;
          for (let e = t.parentElement; e && e !== svg; e = e.parentElement) {
            if (getComputedStyle(e).display === 'none') hidden = true;
          }
          if (hidden) continue;
          out.push({ text: t.textContent.trim(), px: parseFloat(style.fontSize) * scale, chart: svg.getAttribute('class') });
        }
      }
      return out;
    });
  }

  async function noSideways(width) {
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > width + 1) {
      // Name the widest elements, to say what to fix.
      const wide = await page.evaluate((width) => [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1)
        .filter((e) => !e.closest('.table-scroll, table.data, .briefing table'))
        .slice(0, 6)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`), width);
      check(false, `the page is ${w} px wide on a ${width} px screen: ${wide.join(', ')}`);
    }
  }

  // A picture of one part of the page (what a phone shows of it).
  async function part(selector, name) {
    await page.locator(selector).first().screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png` });
  }

  async function archipelagos(lang) {
    const parts = await page.locator('svg.map path[data-part^="inset_"]').evaluateAll((ps) =>
      ps.map((p) => ({ part: p.dataset.part, opacity: getComputedStyle(p).fillOpacity, stroke: p.getAttribute('stroke'), w: p.getBoundingClientRect().width })),
    );
    check(parts.length === 2, `two archipelagos drawn, got ${parts.length}`);
    for (const p of parts) {
      check(p.opacity === '1' && p.stroke === '#1d2731' && p.w > 10, `${p.part} clearly drawn: ${JSON.stringify(p)}`);
    }
    const text = await page.locator('svg.map').textContent();
    const names = lang === 'en' ? ['Hoàng Sa archipelago', 'Trường Sa archipelago'] : ['Quần đảo Hoàng Sa', 'Quần đảo Trường Sa'];
    for (const n of names) check(text.includes(n), `${n} captioned`);
  }

  async function downloads(selector) {
    const links = await page.locator(`${selector} [data-chart-downloads] a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    check(links.length >= 2, `${selector}: SVG and PNG links, got ${links.length}`);
    for (const href of links) {
      const r = await page.request.get(`${base}${href}`);
      check(r.status() === 200, `${href}: ${r.status()}`);
      const type = r.headers()['content-type'];
      const body = await r.body();
      if (href.includes('.png')) {
        check(type === 'image/png' && body.subarray(1, 4).toString() === 'PNG', `${href} is a PNG (${type})`);
      } else {
        check(type.startsWith('image/svg+xml') && body.toString().startsWith('<svg'), `${href} is an SVG (${type})`);
      }
    }
    return links;
  }

  async function tableView(selector) {
    const details = page.locator(`${selector} details[data-chart-table]`).first();
    await details.locator('summary').click();
    const rows = await details.locator('tbody tr').count();
    check(rows > 0 && (await details.locator('table').isVisible()), `${selector}: the table view opens with ${rows} rows`);
  }

  return {
    // 1440 px, Vietnamese: the map with names, hatched decline, downloads, tables.
    async charts_desktop() {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${base}/?period=2025-06&boundaries=pre2025`);
      await archipelagos('vi');
      const labels = await page.locator('svg.map text.map-label').evaluateAll((ts) => ts.filter((t) => t.getBoundingClientRect().width > 0).length);
      check(labels >= 28, `the 28 northern provinces are named on the map (${labels})`);
      const hatched = await page.locator('svg.map path[data-part="main"][data-hatched="true"]').count();
      const plain = await page.locator('svg.map path[data-part="main"][data-hatched="false"]').count();
      check(hatched > 0 && plain > 0, `decline hatched (${hatched}), growth plain (${plain})`);
      // No two names overlap as drawn.
      const boxes = await page.locator('svg.map text.map-label').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          const overlap = Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 1 && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 1;
          check(!overlap, `names ${i} and ${j} overlap on screen`);
        }
      }
      const small = (await chartTexts()).filter((t) => t.px < 9.5 && !t.chart.includes('map'));
      check(small.length === 0, `chart text under 10 px at 1440: ${JSON.stringify(small.slice(0, 5))}`);
      await downloads('#chart-map');
      await downloads('#chart-ranking');
      await tableView('#chart-map');
      await tableView('#chart-ranking');
      await noSideways(1440);
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/20-charts-1440-vi-top.png` });
      await part('#chart-map svg', '20-charts-1440-map');
      await shot('20-charts-1440-vi');
    },
    // 390 px, Vietnamese then English: everything readable, nothing sideways.
    async charts_phone() {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const lang of ['vi', 'en']) {
        const q = lang === 'en' ? '&lang=en' : '';
        for (const path of [`/?period=2025-06${q}`, `/tinh/24?period=2025-06${q}`, `/bao-cao?period=2025-06${q}`]) {
          const r = await page.goto(`${base}${path}`);
          check(r.status() === 200, `${path}: ${r.status()}`);
          const texts = await chartTexts();
          check(texts.length > 0, `${path}: chart text shown`);
          const small = texts.filter((t) => t.px < 9.5);
          check(small.length === 0, `${path}: text under 10 px at 390: ${JSON.stringify(small.slice(0, 5))}`);
          await noSideways(390);
          if (path.startsWith('/?') || path.startsWith('/bao-cao')) {
            await archipelagos(lang);
            const shown = await page.locator('svg.map text.map-label').evaluateAll((ts) => ts.filter((t) => t.getBoundingClientRect().width > 0).length);
            check(shown === 0, `map names hidden on a phone (${shown} shown)`);
          }
          const name = path.startsWith('/tinh') ? 'province' : path.startsWith('/bao-cao') ? 'briefing' : 'overview';
          await page.screenshot({ path: `${process.env.SHOTS_DIR}/21-charts-390-${name}-${lang}.png` });
          if (name === 'province') {
            await part('#chart-index', `21-charts-390-province-index-${lang}`);
          } else {
            await part(name === 'overview' ? '#chart-map' : '#figure-2', `21-charts-390-${name}-map-${lang}`);
            await part(name === 'overview' ? '#chart-ranking' : '#figure-1', `21-charts-390-${name}-ranking-${lang}`);
          }
        }
      }
      await page.goto(`${base}/tinh/24?period=2025-06`);
      await tableView('#chart-growth');
      await shot('22-charts-390-province-table');
      await page.setViewportSize({ width: 1366, height: 900 });
    },
    // The briefing's figures: downloads and tables; the province page's charts at 1440 in English.
    async charts_briefing() {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${base}/bao-cao?period=2025-06&lang=en`);
      await archipelagos('en');
      await downloads('#figure-1');
      await downloads('#figure-2');
      await tableView('#figure-2');
      await shot('23-charts-briefing-1440-en');
      await page.goto(`${base}/tinh/24?period=2025-06&lang=en`);
      await downloads('#chart-index');
      await tableView('#chart-index');
      await shot('24-charts-province-1440-en');
      await page.setViewportSize({ width: 1366, height: 900 });
    },
  };
}
