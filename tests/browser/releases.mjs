// The analyst's path through the releases (issue 14, "Done when"): make a
// release and watch its progress until the confirmation, open the
// comparison with the previous release (names, not codes), follow the
// permanent link of the older release (the page says which release it
// shows), and open the briefing pinned to that release.
export function releaseSteps({ page, base, check, shot }) {
  return {
    async release_login() {
      await page.goto(`${base}/dang-nhap`);
      await page.fill('input[name=username]', process.env.ANALYST_USER);
      await page.fill('input[name=password]', process.env.ANALYST_PASSWORD);
      await page.click('form button[type=submit]');
      await page.waitForLoadState('load');
      check((await page.textContent('#who')).includes(process.env.ANALYST_USER), 'analyst logged in');
    },
    async release_make() {
      await page.goto(`${base}/cong-bo`);
      await page.fill('#release-form input[name=period]', process.env.RELEASE_PERIOD);
      await page.fill('#release-form input[name=note]', 'Số liệu tháng 3 đã hiệu chỉnh');
      await Promise.all([page.waitForNavigation(), page.click('#release-form button[type=submit]')]);
      check(page.url().includes('/cong-bo/tien-do'), `progress page, at ${page.url()}`);
      if (await page.locator('#release-progress').count()) {
        check(await page.isVisible('#release-stage'), 'the stage is shown');
        await shot('20-release-progress');
      }
      // The page refreshes itself (meta refresh) until the release is made.
      await page.waitForSelector('#release-done', { timeout: 180000 });
      const heading = await page.textContent('#release-done');
      check(heading.includes('Đã lập lần công bố 2'), `confirmation: ${heading}`);
      await shot('21-release-done');
    },
    async release_compare() {
      await Promise.all([page.waitForNavigation(), page.click('#release-links a[href="/cong-bo/1/so-sanh/2"]')]);
      const rows = await page.locator('#compare-rows tbody tr').allTextContents();
      check(rows.length > 0, 'changed figures listed');
      check(rows[0].includes('Toàn ngành công nghiệp'), `names, not codes: ${rows[0]}`);
      check(!rows.some((r) => /\bTOTAL\b/.test(r)), 'no raw TOTAL code');
      check(rows.some((r) => r.includes('Hà Nội')), 'province names');
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/22-release-compare-top.png` });
      await shot('22-release-compare');
    },
    async release_pinned() {
      await Promise.all([page.waitForNavigation(), page.click('#compare-releases a[data-release="1"]')]);
      check(page.url().includes('release=1'), `pinned link: ${page.url()}`);
      const notice = await page.textContent('#pinned-release');
      check(notice.includes('Lần công bố 1') && notice.includes('không phải lần mới nhất'), `notice: ${notice}`);
      check((await page.getAttribute('#permalink', 'href')).includes('release=1'), 'permanent link');
      check((await page.textContent('#release-label')).includes('Lần công bố 1'), 'footer names the release');
      await shot('23-release-pinned');
    },
    async release_briefing() {
      await Promise.all([page.waitForNavigation(), page.click('nav a[href^="/bao-cao"]')]);
      check(page.url().includes('release=1'), `briefing pinned: ${page.url()}`);
      check(await page.isVisible('#briefing h1'), 'briefing heading');
      check((await page.textContent('#pinned-release')).includes('Lần công bố 1'), 'the briefing says which release');
      await shot('24-release-briefing');
      // The latest is one click away.
      await Promise.all([page.waitForNavigation(), page.click('#latest-release-link')]);
      check(!page.url().includes('release='), `latest: ${page.url()}`);
      check((await page.locator('#pinned-release').count()) === 0, 'no notice on the latest');
    },
  };
}
