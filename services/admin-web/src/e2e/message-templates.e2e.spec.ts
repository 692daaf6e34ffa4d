import { eventually, FakeTwilio, randomOfficeCode, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { ROUTES } from '../app/routes';
import type { MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';
import { channelLabel } from '../lib/sop-labels';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office } from './__fixtures__/office';

// The office's message texts (docs/adr/0050) in Debian's Chromium against the whole platform,
// with a fake Twilio that speaks Twilio's API: the head of office words the SMS acknowledgement
// (a draft without {nomor} is refused as it is typed), sees the preview and its SMS length, and
// saves it; a complaint then sent by SMS to the office's number is acknowledged with that text at
// the provider; and the head of office goes back to the built-in text.

const t = (key: MessageKey, params?: MessageParams) => translate('id', key, params);
const required = (text: string) => `${text} (${t('form.required')})`;

const code = randomOfficeCode();
const OUR_NUMBER = '+6281100002222';
const secrets = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const twilio = new FakeTwilio({ accountSid: secrets.accountSid, authToken: secrets.authToken, number: OUR_NUMBER, autoReceipts: true });
let stack: PlatformStack;
let office: Office;
let browser: Browser;
let kakan: TestPage;

const OFFICE_TEXT = 'Aduan Anda kami catat dengan nomor {nomor}. Simpan nomor ini untuk melacak aduan Anda di situs kami.';
const SMS_ACK = { message: t('templates.kind.ACKNOWLEDGEMENT.STANDARD'), channel: channelLabel('SMS', 'id') };

beforeAll(async () => {
  assertWebAppBuilt();
  await twilio.start();
  browser = await launchBrowser();
  stack = await startPlatformStack({
    extraEnv: ({ gatewayUrl }) => ({
      PUBLIC_BASE_URL: gatewayUrl,
      TWILIO_ACCOUNT_SID: secrets.accountSid,
      TWILIO_AUTH_TOKEN: secrets.authToken,
      TWILIO_NUMBERS: `${OUR_NUMBER}=${code}`,
      TWILIO_API_URL: twilio.url,
      NOTIFICATION_FALLBACK_CHANNELS: 'SMS',
    }),
  });
  twilio.webhookUrl = `${stack.gatewayUrl}/webhooks/twilio`;
  office = await new Office(stack, code).setUp();
  kakan = await newTestPage(browser, stack.gatewayUrl);
  // Going back to the built-in text asks first.
  kakan.page.on('dialog', (dialog) => void dialog.accept());
  await logIn(kakan.page, 'kakan', office);
}, 240_000);

afterEach(() => expectNoPageProblems([kakan]));

afterAll(async () => {
  await closeBrowserStack(browser, stack);
  await twilio.stop();
}, 60_000);

const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
const rowOf = (page: Page) =>
  page
    .getByRole('table', { name: t('templates.tableCaption'), exact: true })
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: t('templates.editFor', SMS_ACK), exact: true }) });

/** A complaint sent by SMS from `from`, and the acknowledgement the provider was asked to send back. */
async function acknowledgementOfSms(from: string, text: string): Promise<string> {
  const sms = await twilio.sendSms(from, text);
  expect(sms.answer.status).toBe(200);
  const ack = await eventually(async () => twilio.sent.find((m) => m.to === from), 60_000, `the acknowledgement to ${from}`);
  return ack.body;
}

describe('the head of office words the messages to reporters', () => {
  it('edits the SMS acknowledgement with its preview, saves it, and the next SMS complaint is acknowledged with it', async () => {
    const page = kakan.page;
    await page.getByRole('navigation').getByRole('link', { name: t('nav.accounts'), exact: true }).click();
    await page.getByRole('navigation', { name: t('admin.navLabel'), exact: true }).getByRole('link', { name: t('admin.tabTemplates'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('templates.title'), exact: true }).waitFor();
    expect(page.url()).toContain(ROUTES.adminTemplates);
    await rowOf(page).getByText(t('templates.builtIn'), { exact: true }).waitFor();

    await page.getByRole('button', { name: t('templates.editFor', SMS_ACK), exact: true }).click();
    const editor = page.getByRole('form', { name: t('templates.editorTitle', SMS_ACK), exact: true });
    await editor.getByText('{nomor}', { exact: true }).waitFor();
    const body = editor.getByLabel(required(t('templates.body')), { exact: true });

    // A draft without the tracking number is refused as it is typed.
    await body.fill('Terima kasih atas aduan Anda.');
    await editor.getByText(t('templates.issue.MISSING_PLACEHOLDER', { placeholder: '{nomor}' })).waitFor();
    expect(await editor.getByRole('button', { name: t('templates.save'), exact: true }).isDisabled()).toBe(true);

    await body.fill(OFFICE_TEXT);
    const preview = editor.getByTestId('template-preview');
    await preview.getByText('Aduan Anda kami catat dengan nomor BLP-2026-000123.', { exact: false }).waitFor();
    const length = OFFICE_TEXT.replace('{nomor}', 'BLP-2026-000123').length;
    await editor.getByTestId('template-length').getByText(t('templates.smsLength', { units: length, encoding: 'GSM-7', segments: 1, max: 3 }), { exact: true }).waitFor();
    await shot(page, 'admin-templat');

    await editor.getByRole('button', { name: t('templates.save'), exact: true }).click();
    await status(page, t('templates.saved', SMS_ACK)).waitFor();
    await rowOf(page).getByText(t('templates.ownVersion', { version: 1 }), { exact: true }).waitFor();
    await rowOf(page).getByText(OFFICE_TEXT, { exact: true }).waitFor();

    // A complaint by SMS to the office's number: the provider is asked to send the office's text.
    const ack = await acknowledgementOfSms('+6281277770001', 'Pengaduan: antrean paspor di loket 2 tidak tertib.');
    expect(ack).toMatch(/^Aduan Anda kami catat dengan nomor [A-Z]{2,6}-\d{4}-\d{6,}\. Simpan nomor ini untuk melacak aduan Anda di situs kami\.$/);
  });

  it('goes back to the built-in text, and the next SMS complaint is acknowledged with it; both changes are in the administration log', async () => {
    const page = kakan.page;
    await page.getByRole('button', { name: t('templates.editFor', SMS_ACK), exact: true }).click();
    const editor = page.getByRole('form', { name: t('templates.editorTitle', SMS_ACK), exact: true });
    await editor.getByRole('button', { name: t('templates.resetToBuiltIn'), exact: true }).click();
    await status(page, t('templates.wasReset', SMS_ACK)).waitFor();
    await rowOf(page).getByText(t('templates.builtIn'), { exact: true }).waitFor();

    const ack = await acknowledgementOfSms('+6281277770002', 'Pengaduan: petugas meminta biaya tambahan.');
    expect(ack).toMatch(/^Terima kasih, pengaduan Anda telah kami terima dengan nomor [A-Z]{2,6}-\d{4}-\d{6,}\./);

    const log = await office.call('GET', '/admin-log', 'kakan');
    const entries = (log.body['items'] as { kind: string; target: string }[]).filter((e) => e.kind === 'MESSAGE_TEMPLATE_CHANGED');
    expect(entries.map((e) => e.target)).toEqual(['template:ACKNOWLEDGEMENT:SMS', 'template:ACKNOWLEDGEMENT:SMS']);
  });

  it('sets how long closed complaints are kept under "Retensi data" (docs/adr/0057), in force and in the administration log', async () => {
    const page = kakan.page;
    const form = page.getByRole('form', { name: t('retention.title'), exact: true });
    const closed = form.getByLabel(t('retention.kind.CLOSED_COMPLAINT'));
    expect(await closed.inputValue()).toBe('730');
    await form.getByLabel(t('retention.kind.DISMISSED_MESSAGE')).waitFor();
    await closed.fill('29');
    await form.getByText(t('retention.invalid', { min: 30, max: 3650 })).first().waitFor();
    expect(await form.getByRole('button', { name: t('retention.save'), exact: true }).isDisabled()).toBe(true);
    await closed.fill('365');
    await form.getByRole('button', { name: t('retention.save'), exact: true }).click();
    await status(page, t('retention.saved')).waitFor();

    const policy = await office.call('GET', '/retention-policy', 'kakan');
    expect(policy.body).toMatchObject({ version: 1, policies: [{ kind: 'CLOSED_COMPLAINT', days: 365 }, { kind: 'DISMISSED_MESSAGE', days: 730 }] });
    const log = await office.call('GET', '/admin-log', 'kakan');
    expect((log.body['items'] as { kind: string }[]).filter((e) => e.kind === 'RETENTION_POLICY_CHANGED')).toHaveLength(1);
  });
});
