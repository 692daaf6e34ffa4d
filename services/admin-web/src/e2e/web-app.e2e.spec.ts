import { DOCUMENT_KINDS, DOCUMENT_TITLES } from '@pengaduan/documents';
import {
  CHANNEL_LABELS,
  DISPOSITION_INSTRUCTION_LABELS,
  FOLLOW_UP_DECISION_LABELS,
  ROLE_LABELS,
  SEVERITY_LABELS,
  SOP_STEPS,
  STATUS_LABELS,
  SUBSTANTIATION_LABELS,
  TEAM_MEMBER_ROLE_LABELS,
  type ComplaintStatus,
} from '@pengaduan/sop';
import { eventually, randomOfficeCode, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { offeredActions, UI_ACTIONS, type UiAction } from '../api/commands';
import { complaintPath, ROUTES, trackPath } from '../app/routes';
import { ACTION_LABELS, MESSAGES, type MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';
import { formatNumber, formatWib, wibDateKey } from '../lib/format';
import { GUIDE_SECTIONS, GUIDE_TITLES, type GuideSection } from '../lib/guide';
import { periodRange } from '../lib/periods';
import { classificationLabel, stepShortName } from '../lib/sop-labels';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office, OFFICER_NAMES, OFFICERS, SECTIONS, type Officer } from './__fixtures__/office';
import { registerPhoneComplaint } from './__fixtures__/phone-complaint';
import { queueItem } from './__fixtures__/work-queues';

// The built web app as the gateway serves it, in Debian's Chromium (playwright-core), against
// every service running as its own process on the real broker and Postgres: a complainant
// reports on /lapor and tracks on /lacak, and officers of each role, each in their own browser
// context, carry the complaint through the SOP in the UI. The page is found by what a user
// (and a screen reader) finds it by: roles, accessible names and labels, in Bahasa Indonesia.

const office = randomOfficeCode();
/** A second office whose policy gives Admin Tikkim seconds to confirm: its complaints are escalated at once. */
const hastyOffice = randomOfficeCode();
let stack: PlatformStack;
let gatewayUrl: string;
let sop: Office;
let browser: Browser;
const pages = new Map<Officer, TestPage>();
const others: TestPage[] = [];

// What test 1 reports and test 2 carries through; the later tests read it.
const reporter = { name: 'Siti Rahmawati', phone: `0812${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` };
const complaintText = 'Saat mengurus paspor di loket 2, saya diminta membayar Rp500.000 di luar tarif resmi agar paspor cepat selesai.';
const confidential = {
  summary: 'Dugaan pungutan liar di loket paspor nomor 2.',
  sectionResponse: 'Petugas loket 2 telah diperiksa; uang dikembalikan kepada pemohon.',
  findings: 'Terdapat pungutan di luar PNBP yang dilakukan oleh petugas loket.',
  // The chair is one of the office's officers (picked in the team form), the member someone from outside it (typed in).
  members: [
    { name: OFFICERS.inteldakim.displayName, nip: OFFICERS.inteldakim.nip, position: OFFICERS.inteldakim.position, teamRole: 'KETUA' },
    { name: 'Maria Ulfa', nip: '198502022010012002', position: 'Analis Keimigrasian', teamRole: 'ANGGOTA' },
  ],
};
const followUpText = 'Petugas yang bersangkutan telah dijatuhi sanksi disiplin dan uang Anda dikembalikan. Terima kasih atas laporan Anda.';
const reported: { trackingNumber?: string; id?: string } = {};
/** A phone complaint left as received (unclassified), from the dashboard test on. */
let waiting: string | undefined;

/** A message of the app in Bahasa Indonesia (the default language). */
const t = (key: MessageKey, params?: MessageParams) => translate('id', key, params);
/** A field's accessible name as the app writes its <label>: the text, then "(wajib)" or "(tidak wajib)". */
const required = (text: string) => `${text} (${t('form.required')})`;
const optional = (text: string) => `${text} (${t('form.optional')})`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (s: string) => new RegExp(`^${escape(s)}$`);
/** A message with its other `{name}` placeholders as a pattern, each capturing what stands there. */
const pattern = (key: MessageKey, fixed: MessageParams = {}) => new RegExp(escape(translate('id', key, fixed)).replace(/\\\{\w+\\\}/g, '(\\S+)'));

/** The bookkeeping commands the gateway may offer that have no form, hence no button. */
const FORMLESS_ACTIONS = ['appendMessage', 'recordNotificationFailure'];

const FORM_TITLES: Record<UiAction, MessageKey> = {
  confirm: 'form.confirm.title',
  dismiss: 'form.dismiss.title',
  dispose: 'form.dispose.title',
  respondAsSection: 'form.respond.title',
  analyze: 'form.analyze.title',
  decideFollowUp: 'form.decide.title',
  formTeam: 'form.team.title',
  informReporter: 'form.inform.title',
  recordDelivery: 'form.delivery.title',
  recordCallAttempt: 'form.callAttempt.title',
  rate: 'form.rate.title',
  appeal: 'form.appeal.title',
  reviewAppeal: 'form.reviewAppeal.title',
};

function requireReported(): { trackingNumber: string; id: string } {
  if (!reported.trackingNumber || !reported.id) throw new Error('needs the complaint the first test reports on /lapor (run the whole file)');
  return { trackingNumber: reported.trackingNumber, id: reported.id };
}

async function publicPage(options?: Parameters<typeof newTestPage>[2]): Promise<TestPage> {
  const p = await newTestPage(browser, gatewayUrl, options);
  others.push(p);
  return p;
}

/** The officer's own browser context and page, logged in on first use. */
async function officer(who: Officer): Promise<Page> {
  let p = pages.get(who);
  if (!p) {
    p = await newTestPage(browser, gatewayUrl);
    pages.set(who, p);
    await logIn(p.page, who, sop);
  }
  return p.page;
}

const header = (page: Page) => page.getByRole('region', { name: t('complaint.summaryLabel'), exact: true });
const actionsRegion = (page: Page) => page.getByRole('region', { name: t('complaint.actions'), exact: true });
const region = (page: Page, key: MessageKey) => page.getByRole('region', { name: t(key), exact: true });

/** Waits until the complaint page's header shows `status` (the page polls after each command). */
async function statusShown(page: Page, status: ComplaintStatus): Promise<void> {
  await header(page).locator('.badge--status').filter({ hasText: exactly(STATUS_LABELS[status].id) }).waitFor();
}

async function openComplaint(page: Page, id: string, status: ComplaintStatus): Promise<void> {
  await page.goto(complaintPath(id));
  await statusShown(page, status);
}

/** Opens a command's form by its button; resolves with the form (its region, named by its title). */
async function openForm(page: Page, action: UiAction): Promise<Locator> {
  await actionsRegion(page).getByRole('button', { name: ACTION_LABELS[action].id, exact: true }).click();
  const form = actionsRegion(page).getByRole('region', { name: t(FORM_TITLES[action]), exact: true });
  await form.waitFor();
  return form;
}

/**
 * Submits the form with its own button (the action's name), waits for the new status in the
 * header and the "saved" notice; resolves with the number the notice names (sheet, decree), if any.
 */
async function submit(page: Page, form: Locator, action: UiAction, status: ComplaintStatus): Promise<string | undefined> {
  await form.getByRole('button', { name: ACTION_LABELS[action].id, exact: true }).click();
  await statusShown(page, status);
  const params = { action: ACTION_LABELS[action].id, status: STATUS_LABELS[status].id };
  const notice = page.getByRole('status').filter({ hasText: new RegExp(`${pattern('complaint.saved', params).source}|${pattern('complaint.savedWithNumber', params).source}`) });
  const text = (await notice.innerText()).trim();
  return pattern('complaint.savedWithNumber', params).exec(text)?.[1];
}

/** The names of the action buttons the complaint page shows now. */
async function buttonsShown(page: Page): Promise<string[]> {
  return (await actionsRegion(page).getByRole('button').allInnerTexts()).map((s) => s.trim()).sort();
}

/** The navigation's link to a work queue, whose name carries the queue's count when something waits. */
const queueLink = (page: Page, key: MessageKey) => page.getByRole('navigation', { name: t('nav.label'), exact: true }).getByRole('link', { name: new RegExp(`^${escape(t(key))}`) });

async function noHorizontalScroll(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  const policies = join(mkdtempSync(join(tmpdir(), 'sla-policies-')), 'policies.json');
  writeFileSync(policies, JSON.stringify({ [hastyOffice]: { deadlineHours: { CONFIRM: 0.001 } } }));
  stack = await startPlatformStack({ extraEnv: { WEB_FORM_OFFICES: office, SLA_OFFICE_POLICIES_FILE: policies } });
  gatewayUrl = stack.gatewayUrl;
  sop = await new Office(stack, office).setUp();
}, 240_000);

afterEach(() => expectNoPageProblems([...pages.values(), ...others]));

afterAll(() => closeBrowserStack(browser, stack), 60_000);

describe('the web app in a browser, on the whole platform', () => {
  it('lets a complainant report on /lapor and shows the tracking number', async () => {
    const { page } = await publicPage();
    await page.goto(ROUTES.report);
    await page.getByRole('heading', { level: 1, name: t('report.title'), exact: true }).waitFor();
    await page.getByLabel(required(t('report.office')), { exact: true }).selectOption(office);
    await page.getByLabel(required(t('report.text')), { exact: true }).fill(complaintText);
    await page.getByLabel(optional(t('report.name')), { exact: true }).fill(reporter.name);
    await page.getByLabel(optional(t('report.phone')), { exact: true }).fill(reporter.phone);
    await page.getByRole('button', { name: t('report.submit'), exact: true }).click();

    await page.getByRole('heading', { level: 2, name: t('report.registeredTitle'), exact: true }).waitFor();
    const trackingNumber = (await page.locator('#tracking-number').innerText()).trim();
    expect(trackingNumber).toMatch(new RegExp(`^${office}-\\d{4}-\\d{6}$`));
    await page.getByRole('link', { name: t('report.trackThis'), exact: true }).waitFor();
    await shot(page, '01-lapor-submitted');

    reported.trackingNumber = trackingNumber;
    reported.id = await sop.idOf(trackingNumber);
    const view = await sop.view(reported.id, 'admin');
    expect(view).toMatchObject({ channel: 'WEB', status: 'RECEIVED', officeCode: office });
  });

  it('lets the officer of each step carry it through the SOP in the UI, each in their own browser', async () => {
    const { trackingNumber, id } = requireReported();

    // Admin Tikkim: the worklist lists it, with the confirmation's countdown.
    await eventually(async () => {
      const worklist = await sop.call('GET', '/worklist', 'admin');
      return (worklist.body['items'] as { id: string }[]).some((i) => i.id === id) ? true : undefined;
    }, 30_000, "the complaint in Admin Tikkim's worklist");
    const admin = await officer('admin');
    await admin.goto(ROUTES.worklist);
    const item = admin
      .getByRole('list', { name: t('worklist.listLabel'), exact: true })
      .getByRole('listitem')
      .filter({ has: admin.getByRole('link', { name: trackingNumber, exact: true }) });
    await item.getByText(new RegExp(`^${escape(t('countdown.left').split('{duration}')[0] ?? '')}\\d`)).first().waitFor();
    await item.locator('.badge--status').filter({ hasText: exactly(STATUS_LABELS.RECEIVED.id) }).waitFor();
    await shot(admin, '02-worklist');

    await item.getByRole('link', { name: trackingNumber, exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: t('complaint.title', { number: trackingNumber }), exact: true }).waitFor();
    await statusShown(admin, 'RECEIVED');
    const messages = region(admin, 'complaint.messages');
    await messages.getByRole('blockquote').filter({ hasText: exactly(complaintText) }).waitFor();
    await messages.getByText(reporter.name, { exact: true }).waitFor();
    await shot(admin, '03-complaint-received');

    let form = await openForm(admin, 'confirm');
    await form.getByLabel(required(t('field.classification')), { exact: true }).selectOption('03');
    await form.getByLabel(required(t('field.summary')), { exact: true }).fill(confidential.summary);
    await submit(admin, form, 'confirm', 'CONFIRMED');

    // Kepala Kantor dispositions it to Inteldakim, with an instruction.
    const kakan = await officer('kakan');
    await openComplaint(kakan, id, 'CONFIRMED');
    form = await openForm(kakan, 'dispose');
    const section = SECTIONS[0];
    await form.getByLabel(`${section.name} (${section.code})`, { exact: true }).check();
    await form.getByLabel(DISPOSITION_INSTRUCTION_LABELS.PELAJARI_DAN_LAPORKAN.id, { exact: true }).check();
    await form.getByLabel(optional(t('form.dispose.noteOf', { section: section.name })), { exact: true }).fill('Mohon ditelaah segera.');
    const sheetNumber = await submit(kakan, form, 'dispose', 'DISPOSED');
    expect(sheetNumber).toMatch(new RegExp(`^LD/${office}/\\d{4}/\\d{6}$`));

    // The section's officer answers for it.
    const inteldakim = await officer('inteldakim');
    await openComplaint(inteldakim, id, 'DISPOSED');
    form = await openForm(inteldakim, 'respondAsSection');
    await form.getByLabel(required(t('field.sectionResponse')), { exact: true }).fill(confidential.sectionResponse);
    await submit(inteldakim, form, 'respondAsSection', 'SECTION_PROCESSED');

    // Admin Tikkim analyses it.
    await openComplaint(admin, id, 'SECTION_PROCESSED');
    form = await openForm(admin, 'analyze');
    await form.getByLabel(required(t('field.findings')), { exact: true }).fill(confidential.findings);
    await form.getByRole('group', { name: required(t('field.substantiated')), exact: true }).getByLabel(SUBSTANTIATION_LABELS.YES.id, { exact: true }).check();
    await form.getByRole('group', { name: required(t('field.severity')), exact: true }).getByLabel(SEVERITY_LABELS.HIGH.id, { exact: true }).check();
    expect(await form.getByLabel(required(t('field.classification')), { exact: true }).inputValue()).toBe('03');
    await form.getByLabel(required(t('field.recommendation')), { exact: true }).fill('Bentuk tim penanganan aduan.');
    await submit(admin, form, 'analyze', 'ANALYZED');

    // Kepala Seksi TI decides to follow it up.
    const kasiTi = await officer('kasiTi');
    await openComplaint(kasiTi, id, 'ANALYZED');
    form = await openForm(kasiTi, 'decideFollowUp');
    await form.getByText('Bentuk tim penanganan aduan.', { exact: true }).waitFor();
    await form.getByRole('group', { name: required(t('field.decision')), exact: true }).getByLabel(FOLLOW_UP_DECISION_LABELS.FOLLOW_UP.id, { exact: true }).check();
    await form.getByLabel(required(t('field.decisionReason')), { exact: true }).fill('Pungutan terbukti; perlu tim penanganan.');
    await submit(kasiTi, form, 'decideFollowUp', 'FOLLOW_UP_DECIDED');

    // Kepala Kantor issues the team decree: two members, one of them the chair. The chair is
    // picked from the office's officers ("Nama — NIP"), which fills in their name, NIP and
    // position; the other is someone from outside the office, typed in.
    await openComplaint(kakan, id, 'FOLLOW_UP_DECIDED');
    form = await openForm(kakan, 'formTeam');
    await form.getByRole('button', { name: t('form.team.addMember'), exact: true }).click();
    for (const [i, m] of confidential.members.entries()) {
      const row = form.getByRole('group', { name: t('form.team.member', { n: i + 1 }), exact: true });
      const [name, nip, position] = (['field.memberName', 'field.nip', 'field.position'] as const).map((k) => row.getByLabel(required(t(k)), { exact: true }));
      const picker = row.getByLabel(optional(t('form.team.officer')), { exact: true });
      if (i === 0) {
        await picker.selectOption({ label: `${m.name} — ${m.nip}` });
        expect([await name.inputValue(), await nip.inputValue(), await position.inputValue()]).toEqual([m.name, m.nip, m.position]);
        expect(await nip.isEditable()).toBe(false);
      } else {
        await picker.selectOption({ label: t('form.team.officerOutside') });
        await name.fill(m.name);
        await nip.fill(m.nip);
        await position.fill(m.position);
      }
      await row.getByLabel(required(t('field.teamRole')), { exact: true }).selectOption(m.teamRole);
    }
    const roles = form.getByLabel(required(t('field.teamRole')), { exact: true });
    expect(await roles.evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent))).toEqual(
      confidential.members.map((m) => TEAM_MEMBER_ROLE_LABELS[m.teamRole as keyof typeof TEAM_MEMBER_ROLE_LABELS].id),
    );
    await form.getByLabel(required(t('field.mandate')), { exact: true }).fill('Menelusuri dan menindaklanjuti dugaan pungutan liar di loket paspor.');
    expect(await form.getByLabel(required(t('field.periodStart')), { exact: true }).inputValue()).toBe(wibDateKey(Date.now()));
    await form.getByLabel(required(t('field.periodEnd')), { exact: true }).fill(wibDateKey(Date.now() + 30 * 86_400_000));
    await shot(kakan, '04-team-decree-form');
    const decreeNumber = await submit(kakan, form, 'formTeam', 'TEAM_FORMED');
    expect(decreeNumber).toMatch(new RegExp(`^SK/${office}/\\d{4}/\\d{6}$`));

    // Admin Tikkim writes the follow-up information; the form says how it goes out.
    await openComplaint(admin, id, 'TEAM_FORMED');
    form = await openForm(admin, 'informReporter');
    await form.getByText(t('replyWindow.noReplyChannel', { channel: CHANNEL_LABELS.WEB.id }), { exact: true }).waitFor();
    await form.getByLabel(required(t('field.followUpText')), { exact: true }).fill(followUpText);
    await submit(admin, form, 'informReporter', 'REPORTER_INFORMED');

    // No channel can deliver it (the office has no SMS provider): it waits among Admin Tikkim's
    // calls, with why each channel failed; the navigation counts it.
    const task = await eventually(() => queueItem(admin, ROUTES.callTasks, 'callTasks.listLabel', trackingNumber), 30_000, 'the call task');
    await task.getByText(t('callTasks.allFailed'), { exact: true }).waitFor();
    await task.getByText(`${CHANNEL_LABELS.SMS.id}: ${t('callTasks.reason.NO_ADAPTER')} (SMS.NO_ADAPTER) (`, { exact: false }).waitFor();
    await queueLink(admin, 'nav.callTasks').filter({ hasText: /\d+$/ }).waitFor();
    await shot(admin, '09-panggilan');
    await task.getByRole('link', { name: t('callTasks.open', { number: trackingNumber }), exact: true }).click();
    await statusShown(admin, 'REPORTER_INFORMED');

    // … and records that it reached the complainant by phone: the complaint is closed.
    form = await openForm(admin, 'recordDelivery');
    await form.getByLabel(required(t('field.deliveryMethod')), { exact: true }).selectOption('PHONE_CALL');
    await form.getByLabel(optional(t('field.note')), { exact: true }).fill('Pelapor dihubungi melalui telepon dan menerima penjelasan.');
    await submit(admin, form, 'recordDelivery', 'CLOSED');
    expect(STATUS_LABELS.CLOSED.id).toBe('Selesai');
    // The call task ended with it.
    await eventually(async () => ((await queueItem(admin, ROUTES.callTasks, 'callTasks.listLabel', trackingNumber)) ? undefined : true), 30_000, 'the call task to end');

    // Every step's document, once its owner has rendered it; then the page shows them all.
    const titles = DOCUMENT_KINDS.map((k) => DOCUMENT_TITLES[k].id);
    await eventually(async () => {
      const docs = await sop.call('GET', `/complaints/${id}/documents`, 'admin');
      return (docs.body['documents'] as unknown[] | undefined)?.length === titles.length ? true : undefined;
    }, 30_000, 'every document of the complaint');
    await openComplaint(admin, id, 'CLOSED');
    // Closed: Admin Tikkim may only record the complainant's rating or appeal (docs/adr/0053).
    await actionsRegion(admin).getByRole('button', { name: ACTION_LABELS.rate.id, exact: true }).waitFor();
    const documents = region(admin, 'complaint.documents');
    await documents.getByRole('button', { name: t('documents.downloadNamed', { title: titles[0] ?? '' }), exact: true }).waitFor();
    const downloads = documents.getByRole('button', { name: new RegExp(`^${escape(t('documents.downloadNamed', { title: '' }))}`) });
    const named = await downloads.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
    expect(named).toEqual(titles.map((title) => t('documents.downloadNamed', { title })));
    expect(titles).toEqual(expect.arrayContaining(['Lembar Disposisi', 'Surat Keputusan Tim Penanganan Aduan']));
    for (const title of titles) await documents.getByText(title, { exact: true }).waitFor();
    const outputs = region(admin, 'complaint.outputs');
    await outputs.getByText(t('outputs.disposition', { number: sheetNumber ?? '' }), { exact: true }).waitFor();
    await outputs.getByText(t('outputs.teamDecree', { number: decreeNumber ?? '' }), { exact: true }).waitFor();
    await outputs.getByText(t('outputs.delivery'), { exact: true }).waitFor();
    const timeline = region(admin, 'complaint.timeline');
    await timeline.getByText(t('timeline.statusAfter', { status: STATUS_LABELS.CLOSED.id }), { exact: true }).first().waitFor();
    expect(await timeline.getByRole('listitem').count()).toBeGreaterThanOrEqual(11);
    await shot(admin, '05-complaint-closed');
  }, 240_000);

  it('never shows an officer a button for an action they may not take', async () => {
    const id = (await registerPhoneComplaint(sop, 'Petugas informasi tidak ada di tempat selama jam pelayanan, antrean menumpuk.')).id;
    // The officer whose step it is, and the command that must be among their buttons, so the
    // comparison cannot pass with nothing on either side.
    const steps: { status: ComplaintStatus; by: Officer | null; expects: UiAction | null; next?: [Officer, string, unknown | (() => unknown)] }[] = [
      { status: 'RECEIVED', by: 'admin', expects: 'confirm', next: ['admin', 'confirm', { classificationCode: '02', summary: 'Petugas informasi tidak di tempat.', anonymous: false, confidential: false }] },
      { status: 'CONFIRMED', by: 'kakan', expects: 'dispose', next: ['kakan', 'disposition', { lines: [{ sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] }] }] },
      { status: 'DISPOSED', by: 'inteldakim', expects: 'respondAsSection', next: ['inteldakim', 'section-responses', { response: 'Jadwal piket petugas informasi diperbaiki.' }] },
      {
        status: 'SECTION_PROCESSED',
        by: 'admin',
        expects: 'analyze',
        next: ['admin', 'analysis', { findings: 'Jadwal piket tidak diatur.', substantiated: 'YES', classificationCode: '02', severity: 'MEDIUM', recommendation: 'Tindak lanjuti.' }],
      },
      { status: 'ANALYZED', by: 'kasiTi', expects: 'decideFollowUp', next: ['kasiTi', 'decision', { decision: 'FOLLOW_UP', reason: 'Perlu perbaikan layanan.' }] },
      {
        status: 'FOLLOW_UP_DECIDED',
        by: 'kakan',
        expects: 'formTeam',
        next: [
          'kakan',
          'team-decree',
          {
            decreeDate: wibDateKey(Date.now()),
            members: confidential.members,
            mandate: 'Memperbaiki jadwal piket petugas informasi.',
            periodStartDate: wibDateKey(Date.now()),
            periodEndDate: wibDateKey(Date.now() + 14 * 86_400_000),
          },
        ],
      },
      { status: 'TEAM_FORMED', by: 'admin', expects: 'informReporter', next: ['admin', 'follow-up-information', { text: 'Jadwal piket petugas informasi telah diperbaiki.' }] },
      { status: 'REPORTER_INFORMED', by: 'admin', expects: 'recordDelivery', next: ['admin', 'delivery-confirmation', () => ({ method: 'PHONE_CALL', deliveredAt: new Date().toISOString() })] },
      { status: 'CLOSED', by: null, expects: null },
    ];
    const pagesOf = new Map<Officer, Page>();
    for (const who of OFFICER_NAMES) pagesOf.set(who, await officer(who));

    for (const [i, step] of steps.entries()) {
      const seen = await Promise.all(
        OFFICER_NAMES.map(async (who) => {
          const page = pagesOf.get(who) as Page;
          await openComplaint(page, id, step.status);
          const available = (await sop.view(id, who))['availableActions'] as string[];
          return {
            who,
            status: step.status,
            available,
            shown: await buttonsShown(page),
            allowed: offeredActions(available).map((a) => ACTION_LABELS[a].id).sort(),
            noActionsNote: await actionsRegion(page).getByText(t('complaint.noActions'), { exact: true }).count(),
          };
        }),
      );
      // The buttons are exactly the gateway's actions that have a form …
      expect(seen.map(({ who, status, shown }) => ({ who, status, shown }))).toEqual(seen.map(({ who, status, allowed }) => ({ who, status, shown: allowed })));
      // … the others are bookkeeping commands only …
      for (const s of seen) expect(s.available.filter((a) => !(UI_ACTIONS as readonly string[]).includes(a) && !FORMLESS_ACTIONS.includes(a))).toEqual([]);
      // … the officer whose step it is has theirs, and an officer with none is told so.
      if (step.by && step.expects) expect(seen.find((s) => s.who === step.by)?.shown).toContain(ACTION_LABELS[step.expects].id);
      for (const s of seen) expect({ who: s.who, note: s.noActionsNote }).toEqual({ who: s.who, note: s.shown.length === 0 ? 1 : 0 });
      // The auditor reads everything and may do nothing.
      expect(seen.find((s) => s.who === 'auditor')).toMatchObject({ available: [], shown: [] });
      if (step.next) {
        const [who, path, body] = step.next;
        await sop.act(who, id, path, typeof body === 'function' ? (body as () => unknown)() : body, steps[i + 1]?.status ?? '');
      }
    }
  }, 240_000);

  it('lets the complainant track it on /lacak with the last four digits of the phone, and tells nothing more', async () => {
    const { trackingNumber } = requireReported();
    const { page } = await publicPage();
    await page.goto(trackPath(trackingNumber));
    await page.getByRole('heading', { level: 1, name: t('track.title'), exact: true }).waitFor();
    expect(await page.getByLabel(required(t('track.number')), { exact: true }).inputValue()).toBe(trackingNumber);
    await page.getByLabel(required(t('track.verifier')), { exact: true }).fill(reporter.phone.slice(-4));
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/public/tracking') && r.request().method() === 'POST');
    await page.getByRole('button', { name: t('track.submit'), exact: true }).click();
    const tracked = (await (await answer).json()) as { status: string; closed: boolean; steps: { number: number; state: string; completedAt?: string }[] };

    const result = page.getByRole('region', { name: t('track.resultTitle', { number: trackingNumber }), exact: true });
    await result.waitFor();
    await result.getByText(`${STATUS_LABELS.CLOSED.id} (${t('track.closed')})`, { exact: true }).waitFor();
    const steps = result.getByRole('list').getByRole('listitem');
    const texts = await steps.allInnerTexts();
    // The SOP's steps in order, every one done, each with the date it was done.
    expect(tracked).toMatchObject({ status: 'CLOSED', closed: true });
    expect(tracked.steps.map((s) => [s.number, s.state])).toEqual(SOP_STEPS.map((s) => [s.number, 'DONE']));
    expect(texts).toHaveLength(SOP_STEPS.length);
    for (const [i, step] of SOP_STEPS.entries()) {
      const text = texts[i] ?? '';
      const completedAt = tracked.steps[i]?.completedAt;
      expect(completedAt).toBeDefined();
      expect(text).toContain(`${t('step.label', { n: step.number })} ${step.nameId}`);
      expect(text).toContain(t('tracking.state.DONE'));
      expect(text).toContain(formatWib(completedAt, 'id'));
    }
    const completed = tracked.steps.map((s) => Date.parse(s.completedAt ?? ''));
    expect(completed).toEqual([...completed].sort((a, b) => a - b));
    await shot(page, '06-lacak');

    // Nothing of the handling reaches the public page: no officer, no content.
    const html = await page.content();
    const secrets = [
      ...Object.values(OFFICERS).map((o) => o.displayName),
      ...confidential.members.map((m) => m.name),
      confidential.summary,
      confidential.sectionResponse,
      confidential.findings,
      followUpText,
      complaintText,
      reporter.name,
    ];
    expect(secrets.filter((s) => html.includes(s))).toEqual([]);

    // A wrong verifier gets the same answer as an unknown number.
    const wrong = reporter.phone.slice(-4) === '0000' ? '1111' : '0000';
    await page.getByLabel(required(t('track.verifier')), { exact: true }).fill(wrong);
    await page.getByRole('button', { name: t('track.submit'), exact: true }).click();
    await page.getByRole('alert').filter({ hasText: t('track.notFound') }).waitFor();
    expect(await result.count()).toBe(0);
  });

  it('shows Kepala Kantor the dashboard: charts with captions, and their numbers as tables', async () => {
    requireReported();
    // One complaint not confirmed yet: counted, but under no classification.
    waiting = (await registerPhoneComplaint(sop, 'Pemohon lansia harus mengantre berdiri lebih dari dua jam tanpa kursi di ruang tunggu lantai satu.')).id;
    const kakan = await officer('kakan');
    const range = periodRange(30, Date.now());
    const answer = kakan.waitForResponse((r) => r.url().includes('/api/v1/dashboard?') && r.status() === 200);
    await kakan.goto(ROUTES.dashboard);
    await kakan.getByRole('heading', { level: 1, name: t('dashboard.title'), exact: true }).waitFor();
    const dashboard = (await (await answer).json()) as {
      byChannel: { channel: string; count: number }[];
      byClassification: { classificationCode: string | null; count: number }[];
      byStatus: { status: string; count: number }[];
    };
    expect(dashboard.byClassification.find((c) => c.classificationCode === null)?.count).toBeGreaterThanOrEqual(1);
    expect(new URL((await answer).url()).searchParams.get('from')).toBe(range.from);

    const captions: MessageKey[] = ['dashboard.byChannel', 'dashboard.byClassification', 'dashboard.byStatus', 'dashboard.slaPerStep', 'dashboard.overTimeDay'];
    for (const caption of captions) {
      const figure = kakan.getByRole('figure', { name: t(caption) });
      await figure.waitFor();
      // The chart itself (an SVG), not the "no data" line.
      expect({ caption, drawn: (await figure.locator('svg.chart__svg').count()) === 1 }).toEqual({ caption, drawn: true });
    }

    const byChannel = kakan.getByRole('figure', { name: t('dashboard.byChannel') });
    await byChannel.getByRole('button', { name: t('chart.showTable'), exact: true }).click();
    const table = byChannel.getByRole('table', { name: t('dashboard.byChannel'), exact: true });
    await table.waitFor({ state: 'visible' });
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => (c.textContent ?? '').trim())));
    const expected = [...dashboard.byChannel].sort((a, b) => b.count - a.count).map((c) => [CHANNEL_LABELS[c.channel as keyof typeof CHANNEL_LABELS]?.id ?? c.channel, formatNumber(c.count, 'id')]);
    expect(rows).toEqual(expected);
    // The complaint of /lapor is among them.
    expect(dashboard.byChannel.find((c) => c.channel === 'WEB')?.count).toBeGreaterThanOrEqual(1);
    const total = dashboard.byChannel.reduce((n, c) => n + c.count, 0);
    const foot = await table.locator('tfoot tr').evaluate((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => (c.textContent ?? '').trim()));
    expect(foot).toEqual([t('chart.total'), t('chart.count', { n: formatNumber(total, 'id') })]);

    // By classification: the confirmed complaints only, by code.
    const byClassification = kakan.getByRole('figure', { name: t('dashboard.byClassification') });
    await byClassification.getByRole('button', { name: t('chart.showTable'), exact: true }).click();
    const classificationTable = byClassification.getByRole('table', { name: t('dashboard.byClassification'), exact: true });
    await classificationTable.waitFor({ state: 'visible' });
    const classificationRows = await classificationTable
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => (c.textContent ?? '').trim())));
    const confirmed = dashboard.byClassification.flatMap((c) => (c.classificationCode === null ? [] : [{ code: c.classificationCode, count: c.count }]));
    expect(confirmed.map((c) => c.code)).toEqual(expect.arrayContaining(['02', '03']));
    expect(classificationRows).toEqual(confirmed.sort((a, b) => a.code.localeCompare(b.code)).map((c) => [classificationLabel(c.code, 'id'), formatNumber(c.count, 'id')]));

    const byStatus = kakan.getByRole('figure', { name: t('dashboard.byStatus') });
    await byStatus.getByRole('button', { name: t('chart.showTable'), exact: true }).click();
    const statusTable = byStatus.getByRole('table', { name: t('dashboard.byStatus'), exact: true });
    await statusTable.waitFor({ state: 'visible' });
    const closed = dashboard.byStatus.find((s) => s.status === 'CLOSED')?.count ?? 0;
    expect(closed).toBeGreaterThanOrEqual(1);
    const statusRows = await statusTable.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => (c.textContent ?? '').trim())));
    expect(statusRows).toContainEqual([STATUS_LABELS.CLOSED.id, formatNumber(closed, 'id')]);
    await shot(kakan, '07-dasbor');
  });

  it('shows Kepala Seksi TI the missed confirmation escalated to them, and takes it off once Admin Tikkim confirms', async () => {
    // An office that gives Admin Tikkim seconds to confirm: a phone complaint is late at once.
    const hasty = await new Office(stack, hastyOffice).setUp();
    const registered = await hasty.call('POST', '/complaints', 'admin', { officeCode: hastyOffice, channel: 'PHONE', text: 'Antrean paspor tidak bergerak selama tiga jam tanpa penjelasan.' });
    expect(registered.status).toBe(201);
    const id = registered.body['id'] as string;
    const trackingNumber = registered.body['trackingNumber'] as string;

    const { page } = await publicPage();
    await logIn(page, 'kasiTi', hasty);
    const item = await eventually(() => queueItem(page, ROUTES.escalations, 'escalations.listLabel', trackingNumber), 60_000, 'the escalation');
    await item.getByText(stepShortName('CONFIRM', 'id'), { exact: true }).waitFor();
    await item.getByText(pattern('countdown.overdue')).waitFor();
    await item.getByText(ROLE_LABELS.KEPALA_SEKSI_TI.id, { exact: true }).waitFor();
    await queueLink(page, 'nav.escalations').filter({ hasText: /\d+$/ }).waitFor();
    await shot(page, '10-eskalasi');

    // The link leads to the complaint, where Kepala Seksi TI sees who is to act.
    await item.getByRole('link', { name: t('escalations.open', { number: trackingNumber }), exact: true }).click();
    await statusShown(page, 'RECEIVED');

    // Admin Tikkim confirms it, late: the step is done, and the escalation leaves the queue.
    await hasty.act('admin', id, 'confirm', { classificationCode: '02', summary: 'Antrean paspor macet tiga jam.', anonymous: false, confidential: false }, 'CONFIRMED');
    await eventually(async () => ((await queueItem(page, ROUTES.escalations, 'escalations.listLabel', trackingNumber)) ? undefined : true), 30_000, 'the escalation to be resolved');
    await page.getByText(t('escalations.emptyTitle'), { exact: true }).waitFor();
  }, 180_000);

  it('fits a phone screen: the worklist and the complaint page never scroll sideways', async () => {
    const { id } = requireReported();
    // Something in the worklist to draw.
    waiting ??= (await registerPhoneComplaint(sop, 'Pemohon lansia harus mengantre berdiri lebih dari dua jam tanpa kursi di ruang tunggu lantai satu.')).id;
    await eventually(async () => {
      const worklist = await sop.call('GET', '/worklist', 'admin');
      return (worklist.body['items'] as { id: string }[]).some((i) => i.id === waiting) ? true : undefined;
    }, 30_000, "the phone complaint in Admin Tikkim's worklist");
    const { page } = await publicPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await logIn(page, 'admin', sop);
    await page.getByRole('list', { name: t('worklist.listLabel'), exact: true }).getByRole('listitem').first().waitFor();
    const worklist = await noHorizontalScroll(page);
    expect(worklist.innerWidth).toBe(375);
    expect(worklist.scrollWidth).toBeLessThanOrEqual(worklist.innerWidth);
    await shot(page, '08-mobile-worklist');

    await openComplaint(page, id, 'CLOSED');
    await region(page, 'complaint.documents').getByRole('button').first().waitFor();
    await region(page, 'complaint.timeline').getByRole('listitem').first().waitFor();
    const complaint = await noHorizontalScroll(page);
    expect(complaint.innerWidth).toBe(375);
    expect(complaint.scrollWidth).toBeLessThanOrEqual(complaint.innerWidth);
    await shot(page, '08-mobile-complaint');
  });

  it('logs in with the keyboard alone, and speaks English when asked', async () => {
    const { page } = await publicPage();
    await page.goto(ROUTES.login);
    await page.getByRole('heading', { level: 1, name: t('login.title'), exact: true }).waitFor();
    const username = page.getByLabel(required(t('login.username')), { exact: true });
    const password = page.getByLabel(required(t('login.password')), { exact: true });
    const button = page.getByRole('button', { name: t('login.submit'), exact: true });
    const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

    let presses = 0;
    while (!(await focused(username))) {
      if (++presses > 30) throw new Error('Tab never reached the username field');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(sop.username('auditor'));
    await page.keyboard.press('Tab');
    expect(await focused(password)).toBe(true);
    await page.keyboard.type(sop.passwordOf('auditor'));
    await page.keyboard.press('Tab');
    expect(await focused(button)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: t('worklist.title'), exact: true }).waitFor();
    await page.getByRole('banner').getByText(OFFICERS.auditor.displayName).waitFor();

    await page.getByRole('group', { name: t('lang.switchLabel'), exact: true }).getByRole('button', { name: MESSAGES.en['lang.en'], exact: true }).click();
    await page.getByRole('heading', { level: 1, name: MESSAGES.en['worklist.title'], exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('link', { name: MESSAGES.en['nav.dashboard'], exact: true }).waitFor();
    // The choice outlives a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: MESSAGES.en['worklist.title'], exact: true }).waitFor();
  });

  it('lets Admin Tikkim add what a phone complainant said on a later call, as the complaint’s next message', async () => {
    const id = (await registerPhoneComplaint(sop, 'Loket pengambilan paspor tutup sebelum jam layanan berakhir, pemohon disuruh kembali besok.')).id;
    const followUp = 'Pelapor menelepon lagi: kejadian yang sama terulang hari ini pukul 14.30 di loket 4.';
    const page = await officer('admin');
    await openComplaint(page, id, 'RECEIVED');
    const messages = region(page, 'complaint.messages');
    await messages.getByRole('button', { name: t('messages.followUp.title'), exact: true }).click();
    const form = messages.getByRole('region', { name: t('messages.followUp.title'), exact: true });
    await form.getByText(t('messages.followUp.hint', { channel: CHANNEL_LABELS.PHONE.id }), { exact: true }).waitFor();
    const save = form.getByRole('button', { name: t('messages.followUp.submit'), exact: true });

    // An empty message is refused in the page: nothing is sent.
    await save.click();
    await form.getByRole('alert').filter({ hasText: t('messages.followUp.text') }).waitFor();
    await form.getByText(t('validation.required')).first().waitFor();

    await form.getByLabel(required(t('messages.followUp.text')), { exact: true }).fill(followUp);
    await save.click();
    await messages.getByRole('status').filter({ hasText: t('messages.followUp.saved', { n: 2 }) }).waitFor();
    await messages.getByRole('heading', { name: t('messages.all', { n: 2 }), exact: true }).waitFor();
    const shown = messages.getByRole('listitem').filter({ hasText: followUp });
    await shown.waitFor();
    expect(await shown.innerText()).toContain(CHANNEL_LABELS.PHONE.id);
    await shot(page, '08-follow-up-message');

    // Over REST, on the real intake: stored once as message 2, in the complaint's channel …
    const read = async () => ((await sop.call('GET', `/complaints/${id}/messages`, 'admin')).body['messages'] as { text: string; channel: string }[]).map((m) => [m.text, m.channel]);
    expect((await read()).slice(1)).toEqual([[followUp, 'PHONE']]);
    // … a retry with the same Idempotency-Key stores no other …
    const again = () =>
      fetch(`${stack.api}/complaints/${id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sop.tokenOf('admin')}`, 'idempotency-key': `visit-${id}` },
        body: JSON.stringify({ text: 'Pelapor datang ke kantor membawa bukti antrean.' }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    const [first, retry] = [await again(), await again()];
    expect(first).toMatchObject({ status: 200, body: { status: 'RECEIVED', sequence: 3 } });
    expect(retry).toEqual(first);
    expect(await read()).toHaveLength(3);
    // … and no other role adds one (libs/sop, decided by intake).
    const byHead = await sop.call('POST', `/complaints/${id}/messages`, 'kakan', { text: followUp });
    expect(byHead).toMatchObject({ status: 403, body: { code: 'COMPLAINT.FORBIDDEN_ROLE' } });
    expect(await read()).toHaveLength(3);
  });

  it('keeps a report on /lapor across a reload, before and after its tracking number is shown, and registers it once', async () => {
    const { page } = await publicPage();
    const text = `Petugas loket meminta uang tambahan untuk mempercepat paspor (${Date.now()}).`;
    const phone = `0813${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const since = new Date(Date.now() - 1_000).toISOString();
    // The answer is held back (the status says PENDING) until the page has been reloaded.
    const status = '**/webhooks/web-form/*';
    await page.route(status, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ status: 'PENDING' }) }));
    await page.goto(ROUTES.report);
    await page.getByLabel(required(t('report.office')), { exact: true }).selectOption(office);
    await page.getByLabel(required(t('report.text')), { exact: true }).fill(text);
    await page.getByLabel(optional(t('report.phone')), { exact: true }).fill(phone);
    await page.getByRole('button', { name: t('report.submit'), exact: true }).click();
    await page.getByText(t('report.waiting'), { exact: true }).waitFor();

    await page.reload();
    await page.getByText(t('report.waiting'), { exact: true }).waitFor();
    const kept = await page.evaluate(() => JSON.stringify(window.sessionStorage));
    for (const personal of [text, phone, phone.slice(-4)]) expect(kept).not.toContain(personal);
    await page.unroute(status);
    await page.getByRole('heading', { level: 2, name: t('report.registeredTitle'), exact: true }).waitFor();
    const trackingNumber = (await page.locator('#tracking-number').innerText()).trim();
    expect(trackingNumber).toMatch(new RegExp(`^${office}-\\d{4}-\\d{6}$`));
    await page.getByText(t('report.keepNumber'), { exact: true }).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 2, name: t('report.registeredTitle'), exact: true }).waitFor();
    expect((await page.locator('#tracking-number').innerText()).trim()).toBe(trackingNumber);
    await page.getByText(t('report.keepNumber'), { exact: true }).waitFor();

    // One complaint: the only web-form complaint received since the form was sent.
    const id = await sop.idOf(trackingNumber);
    const received = await sop.call('GET', `/complaints?channel=WEB&from=${encodeURIComponent(since)}`, 'admin');
    expect((received.body['items'] as { id: string }[]).map((c) => c.id)).toEqual([id]);
  });

  it('gives a complainant who leaves neither phone nor e-mail a tracking PIN on /lapor, kept nowhere, which tracks the complaint on /lacak', async () => {
    const { page } = await publicPage();
    await page.goto(ROUTES.report);
    await page.getByLabel(required(t('report.office')), { exact: true }).selectOption(office);
    await page.getByLabel(required(t('report.text')), { exact: true }).fill(`Petugas meminta imbalan agar antrean paspor saya didahulukan (${Date.now()}).`);
    await page.getByRole('button', { name: t('report.submit'), exact: true }).click();

    await page.getByRole('heading', { level: 2, name: t('report.registeredTitle'), exact: true }).waitFor();
    const trackingNumber = (await page.locator('#tracking-number').innerText()).trim();
    const pin = (await page.locator('#tracking-pin').innerText()).trim();
    expect(trackingNumber).toMatch(new RegExp(`^${office}-\\d{4}-\\d{6}$`));
    expect(pin).toMatch(/^\d{8}$/);
    await page.getByText(t('report.yourPin'), { exact: true }).waitFor();
    await page.getByText(t('report.keepPin'), { exact: true }).waitFor();
    await page.getByRole('button', { name: t('report.copyPin'), exact: true }).waitFor();
    await shot(page, 'lapor-pin');
    // Shown, never kept: not in the tab's or the site's storage, nor in the address.
    const kept = await page.evaluate(() => JSON.stringify({ session: { ...window.sessionStorage }, local: { ...window.localStorage }, url: window.location.href }));
    expect(kept).not.toContain(pin);

    await page.getByRole('link', { name: t('report.trackThis'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('track.title'), exact: true }).waitFor();
    await page.getByText(t('track.pinNote'), { exact: true }).waitFor();
    expect(await page.getByLabel(required(t('track.number')), { exact: true }).inputValue()).toBe(trackingNumber);
    // The public tracking reads the gateway's view: wait until the complaint is in it.
    await sop.idOf(trackingNumber);
    const verifier = page.getByLabel(required(t('track.verifier')), { exact: true });
    // A wrong PIN is refused like an unknown number.
    await verifier.fill(String((Number(pin) + 1) % 1e8).padStart(8, '0'));
    await page.getByRole('button', { name: t('track.submit'), exact: true }).click();
    await page.getByRole('alert').filter({ hasText: t('track.notFound') }).waitFor();

    await verifier.fill(pin);
    await page.getByRole('button', { name: t('track.submit'), exact: true }).click();
    const result = page.getByRole('region', { name: t('track.resultTitle', { number: trackingNumber }), exact: true });
    await result.waitFor();
    // Its status, which the reporter followed with the PIN alone.
    await result.getByRole('definition').filter({ hasText: exactly(STATUS_LABELS.RECEIVED.id) }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: t('track.notFound') }).count()).toBe(0);
    // No service wrote the PIN to its log.
    const logs = Object.values(stack.processes).map((p) => p.logs()).join('\n');
    expect(logs).toContain('"path":"/webhooks/web-form/:id"');
    expect(logs).not.toContain(pin);
  });

  it('explains issue 17 on /panduan to Admin Tikkim and Kepala Kantor, linking each to the pages of their own work and back', async () => {
    const titles = GUIDE_SECTIONS.map((s) => t(GUIDE_TITLES[s]));
    const guideLinkOf = (section: GuideSection) => new RegExp(`^${escape(t('guide.link'))}\\W+${escape(t(GUIDE_TITLES[section]))}$`);
    /** Opens the guide from the navigation and finds its four sections, in order, in its contents too. */
    const openGuide = async (page: Page) => {
      await page.getByRole('navigation', { name: t('nav.label'), exact: true }).getByRole('link', { name: t('nav.guide'), exact: true }).click();
      await page.getByRole('heading', { level: 1, name: t('guide.title'), exact: true }).waitFor();
      for (const title of titles) await page.getByRole('region', { name: title, exact: true }).getByRole('heading', { level: 2 }).waitFor();
      expect((await page.getByRole('navigation', { name: t('guide.contents'), exact: true }).getByRole('link').allInnerTexts()).map((s) => s.trim())).toEqual(titles);
    };
    /** The guide's section the work page's "Panduan" link leads to, whose heading has the focus. */
    const backToGuide = async (page: Page, section: GuideSection) => {
      await page.getByRole('main').getByRole('link', { name: guideLinkOf(section) }).click();
      await page.getByRole('heading', { level: 2, name: t(GUIDE_TITLES[section]), exact: true }).waitFor();
      await page.waitForFunction((id) => document.activeElement?.id === id, `${section}-title`);
      expect(await page.evaluate(() => window.location.pathname + window.location.hash)).toBe(`${ROUTES.guide}#${section}`);
    };

    const admin = await officer('admin');
    await openGuide(admin);
    await shot(admin, 'panduan-admin-tikkim');
    const lapor = admin.getByRole('region', { name: t('guide.lapor.title'), exact: true });
    // Admin Tikkim is not sent to the head's working calendar: the section names who keeps it.
    expect(await lapor.getByRole('link', { name: t('guide.place.workingCalendar'), exact: true }).count()).toBe(0);
    await lapor.getByText(t('guide.doneBy', { place: t('guide.place.workingCalendar'), roles: ROLE_LABELS.KEPALA_KANTOR.id }), { exact: true }).waitFor();
    await lapor.getByRole('link', { name: t('guide.place.laporPostings'), exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: t('laporPostings.title'), exact: true }).waitFor();
    await backToGuide(admin, 'lapor');
    await admin.getByRole('region', { name: t('guide.pdp.title'), exact: true }).getByRole('link', { name: t('guide.place.dataRequests'), exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: t('dataRequests.title'), exact: true }).waitFor();
    await backToGuide(admin, 'hak-subjek-data');

    const kakan = await officer('kakan');
    await openGuide(kakan);
    const status = kakan.getByRole('region', { name: t('guide.status.title'), exact: true });
    // The head of office posts nothing on LAPOR!: no link to Admin Tikkim's queue, which the guide names instead.
    const laporOfHead = kakan.getByRole('region', { name: t('guide.lapor.title'), exact: true });
    expect(await laporOfHead.getByRole('link', { name: t('guide.place.laporPostings'), exact: true }).count()).toBe(0);
    await laporOfHead.getByText(t('guide.doneBy', { place: t('guide.place.laporPostings'), roles: ROLE_LABELS.ADMIN_TIKKIM.id }), { exact: true }).waitFor();
    await status.getByRole('link', { name: t('guide.place.statusMessages'), exact: true }).click();
    await kakan.getByRole('heading', { level: 1, name: t('templates.title'), exact: true }).waitFor();
    await kakan.getByRole('heading', { level: 2, name: t('statusMessages.title'), exact: true }).waitFor();
    await backToGuide(kakan, 'pesan-status');
  });
});
