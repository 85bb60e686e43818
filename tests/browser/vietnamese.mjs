// Vietnamese pages speak Vietnamese, and read Vietnamese numbers (steps of
// the browser scenario, imported by scenario.mjs; run by
// crates/web/tests/vietnamese.rs with the demo accounts).

export function vietnameseSteps({ page, base, check, shot }) {
  return {
    // A province officer's account reads in words, the province by name.
    async vi_officer() {
      await page.goto(`${base}/dang-nhap?next=/`);
      await page.fill('input[name=username]', 'bacninh');
      await page.fill('input[name=password]', 'demo-bacninh');
      await Promise.all([page.waitForNavigation(), page.click('#login-form button[type=submit]')]);
      const who = await page.textContent('#who');
      check(who.includes('Cán bộ Sở · Bắc Ninh'), `the account in words: ${who}`);
      check(!/officer/.test(who), `no English role: ${who}`);
      await shot('20-vi-officer');
    },
    // The overview's threshold typed the Vietnamese way: 10,5.
    async vi_threshold() {
      await page.goto(`${base}/`);
      await page.fill('form.filters input[name=threshold]', '10,5');
      await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
      const tiles = await page.textContent('.tiles');
      check(tiles.includes('10,5 %'), `threshold 10,5 % on the tiles: ${tiles}`);
      check((await page.inputValue('form.filters input[name=threshold]')) === '10,5', 'shown back as typed');
      await shot('21-vi-threshold');
    },
    // A threshold that is not a number: the error page names the field, in Vietnamese.
    async vi_bad_threshold() {
      await page.goto(`${base}/`);
      await page.fill('form.filters input[name=threshold]', 'mười');
      const [r] = await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
      check(r.status() === 400, `status ${r.status()}`);
      const text = await page.textContent('#error-page');
      check(text.includes('Ngưỡng tăng trưởng') && text.includes('không phải là số'), `the field and the reason: ${text}`);
      await shot('22-vi-bad-threshold');
    },
    // A wrong check digit on a pack's Digital Link, said in Vietnamese.
    async vi_digital_link() {
      const r = await page.goto(`${base}/01/08935553000029`);
      check(r.status() === 400, `status ${r.status()}`);
      const text = await page.textContent('main');
      check(text.includes('số kiểm tra (chữ số cuối) sai: là 9, đúng phải là 8'), text);
      await shot('23-vi-digital-link');
    },
    // The API's documentation in Vietnamese, inside the site's layout.
    async vi_api_docs() {
      const r = await page.goto(`${base}/api/docs`);
      check(r.status() === 200, `status ${r.status()}`);
      check((await page.getAttribute('html', 'lang')) === 'vi', 'Vietnamese');
      check((await page.textContent('h1')).includes('Giao diện lập trình (API)'), 'heading');
      const first = await page.textContent('section.operation p');
      check(/[ạảãàáâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđ]/i.test(first), `a Vietnamese summary: ${first}`);
      // The top of the page: the full page is one long column.
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/24-vi-api-docs.png` });
    },
  };
}
