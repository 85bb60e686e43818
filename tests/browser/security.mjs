// Logins as a person sees them (issue 13 items 2, 4, 5; issue 14 item 8),
// imported by scenario.mjs. The server holds an analyst and a viewer whose
// names and passwords come in ANALYST_USER/ANALYST_PASSWORD and
// VIEWER_USER/VIEWER_PASSWORD (see crates/web/tests/security_browser.rs).

export function securitySteps({ page, base, check, shot }) {
  async function submitLogin(user, password) {
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', password);
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.click('#login-form button[type=submit]'),
    ]);
    return response;
  }

  async function logout() {
    if (await page.isVisible('form[action="/dang-xuat"] button')) {
      await Promise.all([page.waitForNavigation(), page.click('form[action="/dang-xuat"] button')]);
    }
  }

  return {
    // An analyst who logs in without a `next` lands on the releases.
    async security_landing() {
      await page.goto(`${base}/dang-nhap`);
      await submitLogin(process.env.ANALYST_USER, process.env.ANALYST_PASSWORD);
      check(new URL(page.url()).pathname === '/cong-bo', `the analyst landed on ${page.url()}`);
      check((await page.textContent('#who')).includes(process.env.ANALYST_USER), 'logged in');
      await shot('20-analyst-lands-on-releases');
      await logout();
      check(new URL(page.url()).pathname === '/', `after logout: ${page.url()}`);
    },
    // A login name longer than any account's: a Vietnamese page says which
    // field is too long and that nothing was stored.
    async security_too_long() {
      await page.goto(`${base}/dang-nhap`);
      const response = await submitLogin('a'.repeat(80), 'x');
      check(response.status() === 422, `status ${response.status()}`);
      check(await page.isVisible('#error-page'), 'an error page, not raw JSON');
      const text = await page.textContent('main');
      check(text.includes('Có trường nhập quá dài'), `heading: ${text}`);
      check(text.includes('"username" dài 80 ký tự; tối đa 64'), `detail: ${text}`);
      await shot('21-field-too-long');
    },
    // A login link whose `next` points elsewhere lands on the viewer's page.
    async security_next() {
      await page.goto(`${base}/dang-nhap?next=${encodeURIComponent('/\\evil.example')}`);
      await submitLogin(process.env.VIEWER_USER, process.env.VIEWER_PASSWORD);
      const url = new URL(page.url());
      check(url.origin === new URL(base).origin && url.pathname === '/', `landed on ${page.url()}`);
      await shot('22-next-refused-viewer-on-overview');
      await logout();
    },
    // Five wrong passwords, then the form says (in Vietnamese) to wait.
    async security_throttle() {
      let last = null;
      for (let i = 0; i < 6; i++) {
        await page.goto(`${base}/dang-nhap`);
        last = await submitLogin('khong-co-ai', 'sai mat khau');
      }
      check(last.status() === 429, `status ${last.status()}`);
      const error = await page.textContent('#login-error');
      check(error.includes('Đăng nhập sai quá nhiều lần'), `message: ${error}`);
      await shot('23-login-paused');
    },
  };
}
