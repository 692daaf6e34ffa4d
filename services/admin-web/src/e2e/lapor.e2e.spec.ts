import { CHANNEL_LABELS, CLOCK_LABELS, DELIVERY_METHOD_LABELS, STATUS_LABELS, type ComplaintStatus } from '@pengaduan/sop';
import { eventually, randomOfficeCode, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { ROUTES } from '../app/routes';
import { ACTION_LABELS, type MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office } from './__fixtures__/office';
import { queueItem } from './__fixtures__/work-queues';

// A complaint that came through SP4N-LAPOR! (docs/adr/0055) in Debian's Chromium on the whole
// platform: Admin Tikkim records it with its LAPOR! report number on the worklist's form (a second
// registration of the number is refused), the complaint page shows the number and the LAPOR!
// verification clock, the SOP is walked over REST (no follow-up: the shortest branch), the answer
// appears on /posting-lapor instead of going out over a provider, and Admin Tikkim records its
// posting on LAPOR!, which closes the complaint.

const t = (key: MessageKey, params?: MessageParams) => translate('id', key, params);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const required = (text: string) => `${text} (${t('form.required')})`;
const optional = (text: string) => `${text} (${t('form.optional')})`;
const REPORT_NUMBER = String(7_000_000 + Math.floor(Math.random() * 2_000_000));
/** The follow-up information written at step 7: what is posted on LAPOR!. */
const ANSWER = 'Jadwal loket telah diperbaiki. Terima kasih atas laporan Anda.';

let stack: PlatformStack;
let office: Office;
let browser: Browser;
let admin: TestPage;
const complaint = { id: '', trackingNumber: '' };

const region = (page: Page, key: MessageKey) => page.getByRole('region', { name: t(key), exact: true });
const actionsRegion = (page: Page) => region(page, 'complaint.actions');

async function statusShown(page: Page, status: ComplaintStatus): Promise<void> {
  await region(page, 'complaint.summaryLabel').locator('.badge--status').filter({ hasText: new RegExp(`^${escape(STATUS_LABELS[status].id)}$`) }).waitFor();
}

/** Opens the worklist's registration form and fills a LAPOR! complaint with its number. */
async function fillLaporRegistration(page: Page, text: string): Promise<Locator> {
  await page.goto(ROUTES.worklist);
  await page.getByRole('button', { name: t('worklist.register'), exact: true }).click();
  const form = page.getByRole('region', { name: t('register.title'), exact: true });
  await form.getByRole('group', { name: required(t('field.channel')), exact: true }).getByLabel(CHANNEL_LABELS.LAPOR.id, { exact: true }).check();
  await form.getByLabel(required(t('field.laporReportNumber')), { exact: true }).fill(REPORT_NUMBER);
  await form.getByLabel(required(t('field.complaintText')), { exact: true }).fill(text);
  return form;
}

/** Walks the complaint over REST from RECEIVED to the answer written (no follow-up). */
async function walkToAnswer(id: string): Promise<void> {
  await office.act('admin', id, 'confirm', { classificationCode: '02', summary: 'Antrean loket paspor terlalu lama.', anonymous: false, confidential: false }, 'CONFIRMED');
  await office.act('kakan', id, 'disposition', { lines: [{ sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] }] }, 'DISPOSED');
  await office.act('inteldakim', id, 'section-responses', { response: 'Jadwal loket sudah diperiksa.' }, 'SECTION_PROCESSED');
  await office.act(
    'admin',
    id,
    'analysis',
    { findings: 'Antrean terjadi pada jam sibuk.', substantiated: 'PARTLY', classificationCode: '02', severity: 'LOW', recommendation: 'Tidak perlu tim.' },
    'ANALYZED',
  );
  await office.act('kasiTi', id, 'decision', { decision: 'NO_FOLLOW_UP', reason: 'Sudah diperbaiki oleh seksi.' }, 'NO_FOLLOW_UP_DECIDED');
  await office.act('admin', id, 'follow-up-information', { text: ANSWER }, 'REPORTER_INFORMED');
}

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  stack = await startPlatformStack();
  office = await new Office(stack, randomOfficeCode()).setUp();
  admin = await newTestPage(browser, stack.gatewayUrl);
  await logIn(admin.page, 'admin', office);
}, 300_000);

afterEach(() => expectNoPageProblems([admin]));

afterAll(async () => {
  await closeBrowserStack(browser, stack);
}, 60_000);

describe('a complaint that came through SP4N-LAPOR!', () => {
  it('is recorded with its report number, once, and shows the number and the LAPOR! verification clock', async () => {
    const page = admin.page;
    const form = await fillLaporRegistration(page, 'Laporan LAPOR!: antrean paspor melebihi jam layanan dan nomor antrean dibagikan sebelum loket buka.');
    await shot(page, 'lapor-register');
    await form.getByRole('button', { name: t('register.submit'), exact: true }).click();
    const registered = page.getByRole('status').filter({ hasText: /Aduan tercatat dengan nomor / });
    await registered.waitFor().catch(async (error: unknown) => {
      await shot(page, 'lapor-register-failed');
      throw error;
    });
    complaint.trackingNumber = /nomor ([A-Z]+-\d{4}-\d+)/.exec((await registered.textContent()) ?? '')?.[1] ?? '';
    complaint.id = await office.idOf(complaint.trackingNumber);

    // The same LAPOR! report again: refused, nothing registered.
    const again = await fillLaporRegistration(page, 'Laporan yang sama dicatat kedua kali.');
    await again.getByRole('button', { name: t('register.submit'), exact: true }).click();
    await again.getByText('Nomor laporan LAPOR! ini sudah terdaftar di kantor Anda.').first().waitFor();
    await shot(page, 'lapor-duplicate');
    const list = await office.call('GET', '/complaints', 'admin');
    expect(((list.body['items'] as { channel: string }[] | undefined) ?? []).filter((c) => c.channel === 'LAPOR')).toHaveLength(1);

    await page.goto(`/aduan/${complaint.id}`);
    await statusShown(page, 'RECEIVED');
    const summary = region(page, 'complaint.summaryLabel');
    await summary.getByText(REPORT_NUMBER, { exact: true }).waitFor();
    await page.getByText(CLOCK_LABELS.LAPOR_VERIFICATION.id, { exact: true }).first().waitFor({ timeout: 30_000 });
    await shot(page, 'lapor-complaint');
  }, 120_000);

  it('puts the written answer on /posting-lapor, where Admin Tikkim records its posting and the complaint closes', async () => {
    const page = admin.page;
    await walkToAnswer(complaint.id);
    const task = await eventually(() => queueItem(page, ROUTES.laporPostings, 'laporPostings.listLabel', complaint.trackingNumber), 30_000, 'the posting task');
    await task.getByText(REPORT_NUMBER, { exact: true }).first().waitFor();
    // The answer exactly as written, and "Salin teks" copies it (or, where the clipboard is refused, selects it for Ctrl+C).
    const answer = task.getByLabel(t('laporPostings.text'), { exact: true });
    await answer.waitFor();
    expect(await answer.inputValue()).toBe(ANSWER);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.gatewayUrl });
    await task.getByRole('button', { name: t('laporPostings.copyText'), exact: true }).click();
    const said = task.getByRole('status').filter({ hasText: new RegExp(`^(${escape(t('copy.done'))}|${escape(t('copy.selected'))})$`) });
    await said.waitFor();
    const copied =
      (await said.textContent()) === t('copy.done')
        ? await page.evaluate(() => navigator.clipboard.readText())
        : await answer.evaluate((el) => (el as HTMLTextAreaElement).value.slice((el as HTMLTextAreaElement).selectionStart, (el as HTMLTextAreaElement).selectionEnd));
    expect(copied).toBe(ANSWER);
    // Only Admin Tikkim works the postings: the head of office is refused the text.
    expect(await office.call('GET', `/lapor-postings/${complaint.id}/text`, 'kakan')).toMatchObject({ status: 403, body: { code: 'CALL_TASK.FORBIDDEN_ROLE' } });
    await shot(page, 'lapor-postings');
    await task.getByRole('link', { name: t('laporPostings.open', { number: complaint.trackingNumber }), exact: true }).click();
    await statusShown(page, 'REPORTER_INFORMED');

    await actionsRegion(page).getByRole('button', { name: ACTION_LABELS.recordDelivery.id, exact: true }).click();
    const form = actionsRegion(page).getByRole('region', { name: t('form.delivery.title'), exact: true });
    await form.waitFor();
    expect(await form.getByLabel(required(t('field.deliveryMethod')), { exact: true }).inputValue()).toBe('LAPOR_POSTED');
    await form.getByLabel(optional(t('field.note')), { exact: true }).fill('Diposting di LAPOR! pada laporan yang sama.');
    await form.getByRole('button', { name: ACTION_LABELS.recordDelivery.id, exact: true }).click();
    await statusShown(page, 'CLOSED');
    await region(page, 'complaint.timeline').getByText(new RegExp(escape(DELIVERY_METHOD_LABELS.LAPOR_POSTED.id), 'i')).first().waitFor();
    expect(await queueItem(page, ROUTES.laporPostings, 'laporPostings.listLabel', complaint.trackingNumber)).toBeUndefined();
  }, 120_000);
});
