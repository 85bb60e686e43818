// Key-project steps of the browser scenario (issue 8), imported by
// scenario.mjs. The server holds the synthetic registers made for TODAY and
// the demo accounts (see crates/web/tests/browser.rs).
const TODAY = '2026-11-26';

export function projectSteps({ page, base, check, shot }) {
  let projectUrl = null;

  async function login(user, password, next) {
    await page.goto(`${base}/dang-nhap?next=${encodeURIComponent(next)}`);
    await page.fill('input[name=username]', user);
    await page.fill('input[name=password]', password);
    await Promise.all([page.waitForNavigation(), page.click('#login-form button[type=submit]')]);
  }

  async function logout() {
    if (await page.isVisible('form[action="/dang-xuat"] button')) {
      await Promise.all([page.waitForNavigation(), page.click('form[action="/dang-xuat"] button')]);
    }
  }

  return {
    // An analyst opens "north_28, late key projects": who must act by when.
    async projects_late() {
      const late = `/du-an?group=north_28&today=${TODAY}`;
      const r = await page.goto(`${base}${late}`);
      check(page.url().includes('/dang-nhap'), `anonymous readers log in first (${r.status()} ${page.url()})`);
      await login('phantich', 'demo-phantich', late);
      check(page.url().includes('/du-an?'), `back on the late list: ${page.url()}`);
      check(await page.isVisible('#synthetic-banner'), 'synthetic banner');
      const rows = page.locator('#late tbody tr');
      check((await rows.count()) >= 3, 'rows to act on');
      const who = (await page.locator('#late td.who').first().textContent()).trim();
      check(who.length > 0, 'the first row names who must act');
      check((await page.locator('#late .badge.late').count()) > 0, 'some items are late');
      check((await page.textContent('h1')).includes('28'), 'the group is named in the heading');
      await shot('10-projects-late-north-28');
    },
    // The registers beside the projects, in English this time.
    async projects_pages() {
      const q = `group=north_28&today=${TODAY}&lang=en`;
      await page.goto(`${base}/du-an/chien-luoc?${q}`);
      check((await page.locator('#grid tbody tr').count()) === 18, 'the 18 provinces of north_28 on the 2025 map');
      check((await page.locator('#grid td.cell-integrated, #grid td.cell-issued').count()) > 0, 'some issued');
      check((await page.locator('#grid td.cell-not_issued, #grid td.cell-partial, #grid td.cell-no_record').count()) > 0, 'some not');
      await shot('15-strategy-grid');
      await page.goto(`${base}/du-an/dau-tu?${q}`);
      check((await page.locator('#by-industry tbody tr').count()) >= 5, 'priority industries');
      await shot('16-investment');
      await page.goto(`${base}/du-an/kho-khan?${q}`);
      check((await page.locator('#by-agency tbody tr').count()) > 0, 'agencies');
      check((await page.locator('#overdue tbody tr').count()) > 0, 'overdue difficulties');
      await shot('17-difficulties');
      await page.goto(`${base}/du-an/giai-ngan?${q}`);
      check((await page.locator('#ranking tbody tr').count()) > 3, 'ranked provinces');
      check((await page.textContent('#average')).includes('%'), 'the average');
      await shot('18-disbursement');
      await page.goto(`${base}/du-an?${q}`);
    },
    // A project's timeline: baseline against re-plans against actual.
    async projects_timeline() {
      await page.click('#late a.project-link >> nth=0');
      await page.waitForLoadState('load');
      check((await page.locator('svg#gantt g.ms').count()) >= 3, 'one row per milestone');
      check((await page.locator('svg#gantt .baseline').count()) >= 3, 'baselines drawn');
      check((await page.locator('svg#gantt line.today').count()) === 1, 'today line');
      check(await page.isVisible('#synthetic-banner'), 'synthetic banner on the project');
      await shot('11-project-timeline');
    },
    // A Bắc Ninh officer re-plans and completes milestones of a Bắc Ninh project and sees it.
    async projects_officer_edit() {
      await logout();
      const mine = `/du-an?province=24&today=${TODAY}`;
      await login('bacninh', 'demo-bacninh', mine);
      check((await page.locator('#late a.project-link').count()) > 0, 'Bắc Ninh has projects to act on');
      await page.click('#late a.project-link >> nth=0');
      await page.waitForLoadState('load');
      projectUrl = page.url();
      check(await page.isVisible('#replan-form'), 'the officer may edit their own project');
      const code = await page.inputValue('#replan-form select[name=milestone]');
      const before = Number(await page.getAttribute(`svg#gantt g.ms[data-code="${code}"]`, 'data-replans'));
      await page.fill('#replan-form input[name=date]', '2027-06-30');
      await page.fill('#replan-form input[name=reason]', 'Chờ bàn giao mặt bằng (thử nghiệm trình duyệt)');
      await Promise.all([page.waitForNavigation(), page.click('#replan-form button[type=submit]')]);
      check((await page.textContent('#notice')).includes('Đã lưu'), 'saved notice');
      const row = page.locator(`svg#gantt g.ms[data-code="${code}"]`);
      check(Number(await row.getAttribute('data-replans')) === before + 1, 'one more re-plan on the timeline');
      check((await row.getAttribute('data-plan')) === '2027-06-30', 'the current plan moved');
      check((await page.textContent(`#milestones tr[data-code="${code}"]`)).includes('thử nghiệm trình duyệt'), 'the reason is listed');
      check((await page.textContent('#history')).includes('bacninh (cán bộ Sở · Bắc Ninh)'), 'who in the history, in words');
      await shot('12-officer-replanned');
      // And records an actual date on the same milestone.
      await page.selectOption('#actual-form select[name=milestone]', code);
      await page.fill('#actual-form input[name=date]', TODAY);
      await Promise.all([page.waitForNavigation(), page.click('#actual-form button[type=submit]')]);
      check((await row.getAttribute('data-actual')) === TODAY, 'the actual date is on the timeline');
      check((await row.getAttribute('data-state')) === 'done', 'done');
      await shot('13-officer-done');
    },
    // Hà Nội's officer sees the Bắc Ninh project read-only and is refused a write.
    async projects_other_refused() {
      await logout();
      const path = new URL(projectUrl).pathname + new URL(projectUrl).search;
      await login('hanoi', 'demo-hanoi', path);
      check(await page.isVisible('#read-only'), 'read-only notice');
      check((await page.locator('#replan-form').count()) === 0, 'no edit form');
      const csrf = await page.getAttribute('form[action="/dang-xuat"] input[name=csrf]', 'value');
      const version = await page.getAttribute('#project-version', 'data-version');
      const id = (await page.textContent('#project-id')).trim();
      const code = await page.getAttribute('svg#gantt g.ms >> nth=0', 'data-code');
      const r = await page.request.post(`${base}/du-an/${encodeURIComponent(id)}/dieu-chinh?today=${TODAY}`, {
        form: { csrf, version, milestone: code, date: '2027-12-31', reason: 'không được phép' },
        maxRedirects: 0,
      });
      check(r.status() === 403, `a write by another province is refused (${r.status()})`);
      await page.reload();
      check(!(await page.textContent('#milestones')).includes('không được phép'), 'nothing changed');
      await shot('14-other-province-read-only');
    },
  };
}
