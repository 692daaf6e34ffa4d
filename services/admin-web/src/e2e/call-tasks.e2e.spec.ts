import { NOTIFICATION_PURPOSE_LABELS } from '@pengaduan/sop';
import { eventually, graphError, type PlatformStack } from '@pengaduan/testing';
import type { Browser, Page } from 'playwright-core';
import { complaintPath, ROUTES } from '../app/routes';
import { ACTION_LABELS, type MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office } from './__fixtures__/office';
import { PHONE_REPORTER } from './__fixtures__/phone-complaint';
import { WhatsAppOffice } from './__fixtures__/whatsapp-office';
import { queueItem } from './__fixtures__/work-queues';
import { actionsRegion, openForm, region, statusShown, submitForm } from './__fixtures__/complaint-page';

// A complainant no channel can reach (docs/adr/0044) in Debian's Chromium on the whole platform:
// the office has no SMS provider, so the answer to a complaint from the web form (whose only way
// back is an SMS to the number left) becomes a call task on /panggilan. Admin Tikkim records a call that did not reach the complainant (the task leaves the
// queue until the retry time, the timeline says so), then gives up with a reason (the complaint
// closes, the reason shown as step 8's output). A second complaint's task comes back once its
// retry time has passed, showing the last call, and ends in a delivery by phone. A WhatsApp
// complaint whose acknowledgement the provider cannot deliver is listed as "Tanda terima" and
// ends when Admin Tikkim tells the tracking number by phone (docs/adr/0051).

const t = (key: MessageKey, params?: MessageParams) => translate('id', key, params);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const required = (text: string) => `${text} (${t('form.required')})`;
const optional = (text: string) => `${text} (${t('form.optional')})`;
/** A message with its `{name}` placeholders as a pattern. */
const pattern = (key: MessageKey) => new RegExp(`^${escape(t(key)).replace(/\\\{\w+\\\}/g, '.+')}$`);
/** How far ahead the second complaint's retry lies: long enough to see its task hidden first. */
const RETRY_AFTER_MS = 20_000;

// The acknowledgement (docs/adr/0051): the office also takes WhatsApp, whose provider (a fake
// Cloud API) cannot deliver the tracking number to one complainant; the acknowledgement goes over
// the complaint's own channel only, so it becomes a call task "Tanda terima".
const wa = new WhatsAppOffice();
const whatsapp = wa.whatsapp;

let stack: PlatformStack;
let office: Office;
let browser: Browser;
let admin: TestPage;
const givenUp = { id: '', trackingNumber: '' };
const retried = { id: '', trackingNumber: '' };
const reason = 'Nomor tidak aktif setelah tiga kali dihubungi pada hari yang berbeda; tidak ada alamat lain.';

/** Walks a web-form complaint over REST to the answer (no follow-up), which no channel can deliver. */
async function informed(text: string): Promise<{ id: string; trackingNumber: string }> {
  const r = await office.call('POST', '/complaints', 'admin', { officeCode: office.code, channel: 'WEB', text, contact: PHONE_REPORTER });
  if (r.status !== 201) throw new Error(`registering a web complaint: ${r.status} ${JSON.stringify(r.body)}`);
  const id = r.body['id'] as string;
  await office.expectStatus(id, 'RECEIVED');
  const c = { id, trackingNumber: (await office.view(id, 'admin'))['trackingNumber'] as string };
  await office.act('admin', c.id, 'confirm', { classificationCode: '02', summary: 'Antrean loket paspor terlalu lama.', anonymous: false, confidential: false }, 'CONFIRMED');
  await office.act('kakan', c.id, 'disposition', { lines: [{ sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] }] }, 'DISPOSED');
  await office.act('inteldakim', c.id, 'section-responses', { response: 'Jadwal loket sudah diperiksa.' }, 'SECTION_PROCESSED');
  await office.act(
    'admin',
    c.id,
    'analysis',
    { findings: 'Antrean terjadi pada jam sibuk.', substantiated: 'PARTLY', classificationCode: '02', severity: 'LOW', recommendation: 'Tidak perlu tim.' },
    'ANALYZED',
  );
  await office.act('kasiTi', c.id, 'decision', { decision: 'NO_FOLLOW_UP', reason: 'Sudah diperbaiki oleh seksi.' }, 'NO_FOLLOW_UP_DECIDED');
  await office.act('admin', c.id, 'follow-up-information', { text: 'Jadwal loket telah diperbaiki. Terima kasih atas laporan Anda.' }, 'REPORTER_INFORMED');
  return c;
}

/** Opens /panggilan and waits until it has read the queue; resolves with the complaint's task, if listed. */
const callTask = (page: Page, trackingNumber: string) => queueItem(page, ROUTES.callTasks, 'callTasks.listLabel', trackingNumber);
const submit = submitForm;

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  stack = await wa.startStack();
  office = await new Office(stack, wa.code).setUp();
  Object.assign(givenUp, await informed('Nomor antrean paspor dibagikan sebelum loket buka sehingga antrean tidak tertib.'));
  Object.assign(retried, await informed('Petugas loket informasi tidak ada di tempat pada jam pelayanan.'));
  admin = await newTestPage(browser, stack.gatewayUrl);
  await logIn(admin.page, 'admin', office);
}, 300_000);

afterEach(() => expectNoPageProblems([admin]));

afterAll(async () => {
  await closeBrowserStack(browser, stack);
  await whatsapp.stop();
}, 60_000);

describe('a complainant no one can reach, on /panggilan', () => {
  it('records a call that did not reach them (the task waits), then gives up with a reason: the complaint closes without a delivery', async () => {
    const page = admin.page;
    const task = await eventually(() => callTask(page, givenUp.trackingNumber), 30_000, 'the call task');
    await task.getByRole('link', { name: t('callTasks.open', { number: givenUp.trackingNumber }), exact: true }).click();
    await statusShown(page, 'REPORTER_INFORMED');

    // Not reachable: try again later (the form proposes an hour from now).
    let form = await openForm(page, 'recordCallAttempt', 'form.callAttempt.title');
    const outcome = form.getByRole('group', { name: required(t('form.callAttempt.outcome')), exact: true });
    await outcome.getByLabel(t('form.callAttempt.NOT_REACHABLE'), { exact: true }).check();
    const retryAt = form.getByLabel(required(t('form.callAttempt.retryAt')), { exact: true });
    expect(await retryAt.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await submit(page, form, 'recordCallAttempt', 'REPORTER_INFORMED');
    const timeline = region(page, 'complaint.timeline');
    await timeline.getByText(/Pelapor tidak dapat dihubungi melalui telepon; dicoba lagi \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/).first().waitFor();
    // The timeline has the attempt, so the queue's projection has it too: the task waits.
    expect(await callTask(page, givenUp.trackingNumber)).toBeUndefined();

    // Giving up: the reason is required, then the complaint closes with it.
    await page.goto(complaintPath(givenUp.id));
    await statusShown(page, 'REPORTER_INFORMED');
    form = await openForm(page, 'recordCallAttempt', 'form.callAttempt.title');
    await form.getByRole('group', { name: required(t('form.callAttempt.outcome')), exact: true }).getByLabel(t('form.callAttempt.GIVE_UP'), { exact: true }).check();
    await form.getByRole('button', { name: ACTION_LABELS.recordCallAttempt.id, exact: true }).click();
    await form.getByText(t('validation.required')).first().waitFor();
    await form.getByLabel(required(t('form.callAttempt.reason')), { exact: true }).fill(reason);
    await submit(page, form, 'recordCallAttempt', 'CLOSED');
    const outputs = region(page, 'complaint.outputs');
    await outputs.getByText(t('outputs.deliveryAbandoned'), { exact: true }).waitFor();
    await outputs.getByText(reason, { exact: true }).waitFor();
    await timeline.getByText(/Penyampaian informasi tindak lanjut dihentikan/).first().waitFor();
    // Closed: what is left is the complainant's rating or appeal, if they call back (docs/adr/0053).
    await actionsRegion(page).getByRole('button', { name: ACTION_LABELS.rate.id, exact: true }).waitFor();
    expect(await callTask(page, givenUp.trackingNumber)).toBeUndefined();
  }, 180_000);

  it('brings a task back once its retry time has passed, with its last call, and ends it with a delivery by phone', async () => {
    const page = admin.page;
    await eventually(() => callTask(page, retried.trackingNumber), 30_000, 'the second call task');
    const due = Date.now() + RETRY_AFTER_MS;
    await office.act('admin', retried.id, 'call-attempts', { outcome: 'NOT_REACHABLE', retryAt: new Date(due).toISOString() }, 'REPORTER_INFORMED');
    const hidden = await callTask(page, retried.trackingNumber);
    expect(Date.now()).toBeLessThan(due); // the queue was read before the retry time
    expect(hidden).toBeUndefined();

    // Waits for the clock, not for a state: from the retry time on, the task is listed until it ends.
    await page.waitForTimeout(Math.max(0, due - Date.now()) + 1_000);
    const task = await callTask(page, retried.trackingNumber);
    if (!task) throw new Error('the call task did not come back after its retry time');
    await task.getByText(pattern('callTasks.lastAttempt')).waitFor();
    await task.getByText(/\(1 kali\)/).waitFor();
    await shot(page, 'panggilan-hasil');

    await task.getByRole('link', { name: t('callTasks.open', { number: retried.trackingNumber }), exact: true }).click();
    await statusShown(page, 'REPORTER_INFORMED');
    const form = await openForm(page, 'recordDelivery', 'form.delivery.title');
    await form.getByLabel(required(t('field.deliveryMethod')), { exact: true }).selectOption('PHONE_CALL');
    await form.getByLabel(optional(t('field.note')), { exact: true }).fill('Pelapor menelepon balik dan menerima penjelasan.');
    await submit(page, form, 'recordDelivery', 'CLOSED');
    expect(await callTask(page, retried.trackingNumber)).toBeUndefined();
  }, 180_000);
});

describe('an acknowledgement no channel delivered, on /panggilan (docs/adr/0051)', () => {
  it('lists it as "Tanda terima"; Admin Tikkim tells the number by phone: the task leaves, the complaint stays at its step, the timeline says so', async () => {
    const page = admin.page;
    const reporter = `628${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    // The provider refuses the one message that goes out for this complainant: the acknowledgement.
    whatsapp.failNext(1, graphError(400, 131026, 'Message undeliverable', { error_data: { details: 'Receiver is incapable of receiving this message' } }), (r) => r.method === 'POST');
    const sent = await whatsapp.sendText(reporter, 'Petugas loket paspor meminta biaya tambahan di luar tarif resmi.');
    expect(sent.answer.status).toBe(200);
    const { complaintId, trackingNumber } = await eventually(
      async () => {
        const r = await office.call('GET', '/call-tasks', 'admin');
        return (r.body['items'] as { complaintId: string; trackingNumber: string; purpose: string }[] | undefined)?.find((i) => i.purpose === 'ACKNOWLEDGEMENT');
      },
      60_000,
      'the call task of the acknowledgement',
    );

    const task = await eventually(() => callTask(page, trackingNumber), 30_000, 'the call task on /panggilan');
    await task.getByText(NOTIFICATION_PURPOSE_LABELS.ACKNOWLEDGEMENT.id, { exact: true }).waitFor();
    await task.getByText('WhatsApp: WHATSAPP.131026', { exact: false }).waitFor();
    await shot(page, 'panggilan-tanda-terima');

    await task.getByRole('link', { name: t('callTasks.open', { number: trackingNumber }), exact: true }).click();
    await statusShown(page, 'RECEIVED');
    const form = await openForm(page, 'recordCallAttempt', 'form.callAttempt.title');
    const purpose = form.getByRole('group', { name: required(t('form.callAttempt.purpose')), exact: true });
    expect(await purpose.getByLabel(NOTIFICATION_PURPOSE_LABELS.ACKNOWLEDGEMENT.id, { exact: true }).isChecked()).toBe(true);
    const outcome = form.getByRole('group', { name: required(t('form.callAttempt.outcome')), exact: true });
    await outcome.getByLabel(t('form.callAttempt.TOLD'), { exact: true }).check();
    // The acknowledgement told moves no step: the complaint is still to be confirmed.
    await submit(page, form, 'recordCallAttempt', 'RECEIVED');
    await region(page, 'complaint.timeline').getByText('Tanda terima disampaikan petugas: nomor pelacakan diberitahukan kepada pelapor melalui telepon', { exact: true }).waitFor();
    await actionsRegion(page).getByRole('button', { name: ACTION_LABELS.confirm.id, exact: true }).waitFor();
    expect(await actionsRegion(page).getByRole('button', { name: ACTION_LABELS.recordCallAttempt.id, exact: true }).count()).toBe(0);
    expect((await office.view(complaintId, 'admin'))['callPurposes']).toEqual([]);

    // The task has left the queue, and the navigation's count follows it.
    expect(await callTask(page, trackingNumber)).toBeUndefined();
    const total = (await office.call('GET', '/call-tasks', 'admin')).body['total'] as number;
    const count = page.locator(`nav a[href="${ROUTES.callTasks}"] .nav-count`);
    if (total === 0) await count.waitFor({ state: 'detached' });
    else await count.filter({ hasText: new RegExp(`^${total}$`) }).waitFor();
  }, 180_000);
});
