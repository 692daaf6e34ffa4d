import { eventually, randomOfficeCode, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import type { Browser, Page } from 'playwright-core';
import { complaintPath, loginPath, ROUTES } from '../app/routes';
import type { MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office } from './__fixtures__/office';
import { registerPhoneComplaint } from './__fixtures__/phone-complaint';
import { officeToday } from '@pengaduan/sop';
import { formatWib } from '../lib/format';
import { stepShortName } from '../lib/sop-labels';

// The office's administration (docs/adr/0042) in Debian's Chromium against the whole platform:
// the head of office adds an officer, who then logs in with the one-time password; renames a
// section and retires another (disposition keeps them); and reads each change in the office's
// administration log.

const t = (key: MessageKey, params?: MessageParams) => translate('id', key, params);
const required = (text: string) => `${text} (${t('form.required')})`;
const optional = (text: string) => `${text} (${t('form.optional')})`;

let stack: PlatformStack;
let office: Office;
let browser: Browser;
let kakan: TestPage;
const newcomer = { username: '', displayName: 'Sari Wulandari', nip: '199507072020122001' };

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  stack = await startPlatformStack();
  office = await new Office(stack, randomOfficeCode()).setUp();
  newcomer.username = `sari.${office.code.toLowerCase()}`;
  kakan = await newTestPage(browser, stack.gatewayUrl);
  // Retiring asks first.
  kakan.page.on('dialog', (dialog) => void dialog.accept());
  await logIn(kakan.page, 'kakan', office);
}, 240_000);

afterEach(() => expectNoPageProblems([kakan]));

afterAll(() => closeBrowserStack(browser, stack), 60_000);

const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

describe('the head of office administers the office', () => {
  it('adds an officer, who logs in with the one-time password and finds no administration', async () => {
    const page = kakan.page;
    await page.getByRole('navigation').getByRole('link', { name: t('nav.accounts'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('accounts.title'), exact: true }).waitFor();
    await page.getByRole('button', { name: t('admin.addOfficerTitle'), exact: true }).click();
    const form = page.getByRole('form', { name: t('admin.addOfficerTitle'), exact: true });
    await form.getByLabel(required(t('accounts.username')), { exact: true }).fill(newcomer.username);
    await form.getByLabel(required(t('accounts.name')), { exact: true }).fill(newcomer.displayName);
    await form.getByLabel(optional(t('admin.nip')), { exact: true }).fill(newcomer.nip);
    await form.getByLabel(optional(t('admin.position')), { exact: true }).fill('Analis Keimigrasian Pertama');
    await form.getByLabel(required(t('accounts.role')), { exact: true }).selectOption('SEKSI_TERKAIT');
    await form.getByLabel(required(t('admin.section')), { exact: true }).selectOption('INTELDAKIM');
    await form.getByRole('button', { name: t('admin.addOfficer'), exact: true }).click();

    await status(page, t('accounts.oneTimePassword', { username: newcomer.username })).waitFor();
    const password = (await page.locator('code.one-time-password').innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    const table = page.getByRole('table', { name: t('accounts.listLabel'), exact: true });
    await table.getByRole('rowheader', { name: newcomer.username, exact: true }).waitFor();
    await shot(page, 'admin-petugas');

    const officer = await newTestPage(browser, stack.gatewayUrl);
    try {
      await officer.page.goto(loginPath());
      await officer.page.getByLabel(required(t('login.username')), { exact: true }).fill(newcomer.username);
      await officer.page.getByLabel(required(t('login.password')), { exact: true }).fill(password);
      await officer.page.getByRole('button', { name: t('login.submit'), exact: true }).click();
      await officer.page.getByRole('heading', { level: 1, name: t('worklist.title'), exact: true }).waitFor();
      await officer.page.getByRole('banner').getByText(newcomer.displayName).waitFor();
      expect(await officer.page.getByRole('link', { name: t('nav.accounts'), exact: true }).count()).toBe(0);
      expect(officer.problems).toEqual([]);
    } finally {
      await officer.context.close();
    }
  });

  it('renames a section and retires another', async () => {
    const page = kakan.page;
    await page.getByRole('navigation', { name: t('admin.navLabel'), exact: true }).getByRole('link', { name: t('admin.tabSections'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('admin.sectionsTitle'), exact: true }).waitFor();
    expect(page.url()).toContain(ROUTES.adminSections);

    await page.getByRole('button', { name: t('admin.renameFor', { name: 'Seksi Inteldakim' }), exact: true }).click();
    await page.getByLabel(required(t('admin.newName', { code: 'INTELDAKIM' })), { exact: true }).fill('Seksi Intelijen dan Penindakan Keimigrasian');
    await page.getByRole('button', { name: t('admin.saveName'), exact: true }).click();
    await status(page, t('admin.sectionRenamed', { name: 'Seksi Intelijen dan Penindakan Keimigrasian' })).waitFor();

    await page.getByRole('button', { name: t('admin.retireFor', { name: 'Seksi Lalu Lintas Keimigrasian' }), exact: true }).click();
    await status(page, t('admin.sectionRetired', { name: 'Seksi Lalu Lintas Keimigrasian' })).waitFor();
    const table = page.getByRole('table', { name: t('admin.sectionsTitle'), exact: true });
    const retired = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'LANTASKIM', exact: true }) });
    await retired.getByText(t('admin.retired'), { exact: true }).waitFor();
    await table.getByRole('cell', { name: 'Seksi Intelijen dan Penindakan Keimigrasian', exact: true }).waitFor();
    await shot(page, 'admin-seksi');

    // Offered for no new disposition: the office's list no longer has it.
    const sections = await office.call('GET', '/sections', 'kakan');
    expect((sections.body['items'] as { code: string; name: string }[]).map((s) => [s.code, s.name])).toEqual([['INTELDAKIM', 'Seksi Intelijen dan Penindakan Keimigrasian']]);
  });

  it('reads each change in the administration log', async () => {
    const page = kakan.page;
    await page.getByRole('navigation', { name: t('admin.navLabel'), exact: true }).getByRole('link', { name: t('admin.tabLog'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('admin.logTitle'), exact: true }).waitFor();
    const table = page.getByRole('table', { name: t('admin.logTitle'), exact: true });
    await table.getByRole('row').first().waitFor();
    const actions = (await table.getByRole('rowheader').allInnerTexts()).map((s) => s.trim());
    expect(actions).toEqual([t('admin.kind.SECTION_RETIRED'), t('admin.kind.SECTION_RENAMED'), t('admin.kind.ACCOUNT_CREATED')]);
    await table.getByRole('cell', { name: newcomer.username, exact: true }).waitFor();
    await table.getByText('name: Seksi Inteldakim → Seksi Intelijen dan Penindakan Keimigrasian').waitFor();
    await shot(page, 'admin-log');
  });
});

describe('the office profile', () => {
  const address = 'Jl. Hang Tuah No. 1, Belakang Padang, Kota Batam';
  const phone = '(0778) 311234';

  it('changes the address and phone with a preview of the letterhead, keeps them, and logs the change', async () => {
    const page = kakan.page;
    await page.getByRole('navigation', { name: t('admin.navLabel'), exact: true }).getByRole('link', { name: t('admin.tabProfile'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('profile.title'), exact: true }).waitFor();
    expect(page.url()).toContain(ROUTES.adminProfile);
    await page.getByText(t('profile.sourceFile'), { exact: true }).waitFor();

    // The office has the file's template until now: no address or city of its own.
    await page.getByLabel(required(t('profile.address')), { exact: true }).fill(address);
    await page.getByLabel(required(t('profile.city')), { exact: true }).fill('Belakang Padang');
    await page.getByLabel(optional(t('profile.phone')), { exact: true }).fill(phone);
    const preview = page.getByRole('group', { name: t('profile.previewTitle'), exact: true });
    await preview.getByText(`${address}; Telepon ${phone}`, { exact: true }).waitFor();
    await preview.getByText(`KANTOR IMIGRASI ${office.code}`, { exact: true }).waitFor();

    await page.getByRole('button', { name: t('profile.save'), exact: true }).click();
    await status(page, t('profile.saved', { version: 1 })).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: t('profile.title'), exact: true }).waitFor();
    await page.getByText(t('profile.sourceOffice', { version: 1 }), { exact: true }).waitFor();
    expect(await page.getByLabel(required(t('profile.address')), { exact: true }).inputValue()).toBe(address);
    expect(await page.getByLabel(optional(t('profile.phone')), { exact: true }).inputValue()).toBe(phone);
    await preview.getByText(`${address}; Telepon ${phone}`, { exact: true }).waitFor();
    await shot(page, 'admin-profil');

    // The documents' services read it from intake: the gateway answers the profile in force.
    expect((await office.call('GET', '/office-profile', 'auditor')).body).toMatchObject({ version: 1, address, phone, city: 'Belakang Padang' });

    await page.getByRole('navigation', { name: t('admin.navLabel'), exact: true }).getByRole('link', { name: t('admin.tabLog'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('admin.logTitle'), exact: true }).waitFor();
    const table = page.getByRole('table', { name: t('admin.logTitle'), exact: true });
    const entry = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: t('admin.kind.OFFICE_PROFILE_CHANGED'), exact: true }) });
    await entry.getByRole('cell', { name: t('admin.targetOfficeProfile'), exact: true }).waitFor();
    await entry.getByText(`address: — → ${address}`).waitFor();
    await entry.getByText(`phone: — → ${phone}`).waitFor();
  });
});

describe('the SLA policy and the working calendar', () => {
  const dayOff = 'Rapat kerja kantor';

  it('counts working hours with today as a day off: a complaint registered now is due on a later day, and the change is in the log', async () => {
    const page = kakan.page;
    const today = officeToday({ timeZone: 'Asia/Jakarta' }, new Date());
    await page.getByRole('navigation', { name: t('admin.navLabel'), exact: true }).getByRole('link', { name: t('admin.tabSla'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('sla.title'), exact: true }).waitFor();
    expect(page.url()).toContain(ROUTES.adminSla);
    await page.getByText(t('sla.appliesFromNow'), { exact: true }).waitFor();
    await page.getByText(t('sla.stateDefault'), { exact: true }).waitFor();

    await page.getByRole('radio', { name: t('sla.calendarWorking'), exact: true }).check();
    await page.getByLabel(required(t('sla.dayOffDate')), { exact: true }).fill(today);
    await page.getByLabel(required(t('sla.dayOffName')), { exact: true }).fill(dayOff);
    await page.getByRole('button', { name: t('sla.addDayOff'), exact: true }).click();
    const daysOff = page.getByRole('table', { name: t('sla.daysOffTitle'), exact: true });
    await daysOff.getByRole('cell', { name: dayOff, exact: true }).waitFor();
    await page.getByRole('button', { name: t('sla.save'), exact: true }).click();
    await status(page, t('sla.saved', { version: 1 })).waitFor();
    await shot(page, 'admin-sla');

    // A deadline started now is counted in working hours, none of them today.
    const { id } = await registerPhoneComplaint(office, 'Petugas loket paspor meminta uang tambahan di luar tarif resmi.');
    const dueAt = await eventually(
      async () => ((await office.view(id, 'kakan'))['deadlines'] as { stepId: string; dueAt: string; calendar: string }[]).find((d) => d.stepId === 'CONFIRM'),
      30_000,
      `the confirmation deadline of ${id}`,
    ).then((d) => {
      expect(d.calendar).toBe('WORKING_CALENDAR');
      return d.dueAt;
    });
    expect(officeToday({ timeZone: 'Asia/Jakarta' }, new Date(dueAt)) > today).toBe(true);
    await page.goto(complaintPath(id));
    const deadlines = page.getByRole('table', { name: t('complaint.deadlines'), exact: true });
    const confirm = deadlines.getByRole('row').filter({ hasText: stepShortName('CONFIRM', 'id') });
    await confirm.getByRole('cell', { name: formatWib(dueAt, 'id'), exact: true }).waitFor();

    await page.goto(ROUTES.adminLog);
    await page.getByRole('heading', { level: 1, name: t('admin.logTitle'), exact: true }).waitFor();
    const log = page.getByRole('table', { name: t('admin.logTitle'), exact: true });
    const entry = log.getByRole('row').filter({ has: page.getByRole('rowheader', { name: t('admin.kind.SLA_POLICY_CHANGED'), exact: true }) });
    await entry.getByRole('cell', { name: t('admin.targetSlaPolicy'), exact: true }).waitFor();
    await entry.getByText('calendar: WALL_CLOCK → WORKING_CALENDAR').waitFor();
    await entry.getByText(`extraNonWorkingDays.${today}: — → ${dayOff}`).waitFor();
  });
});
