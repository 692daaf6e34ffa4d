import { eventually, sql, type PlatformStack } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { keepQuarantinedIn } from '../../../intake/src/__fixtures__/quarantined-request';
import { ROUTES } from '../app/routes';
import type { MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';
import { formatWib } from '../lib/format';
import { channelLabel } from '../lib/sop-labels';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office } from './__fixtures__/office';
import { WhatsAppOffice } from './__fixtures__/whatsapp-office';

// The problem messages (docs/adr/0047) in Debian's Chromium against the whole platform: a fake
// WhatsApp posts webhooks signed as Meta signs them, whose messages intake's parser cannot read
// (a message with no type, as a provider's new payload shape arrives before the parser knows it);
// intake quarantines them, Admin Tikkim finds them on /pesan-bermasalah (counted in the
// navigation), re-processes one — today's parser still cannot read it, so it stays, with the
// reason — and discards the other with a reason, which is recorded. A request an older release's
// parser refused, and today's reads, is re-processed into a complaint that reaches the worklist.

const t = (key: MessageKey, params?: MessageParams) => translate('id', key, params);
const required = (text: string) => `${text} (${t('form.required')})`;

const wa = new WhatsAppOffice();
const whatsapp = wa.whatsapp;
let stack: PlatformStack;
let office: Office;
let browser: Browser;
let admin: TestPage;

const NO_TYPE = 'message without id, from or type';
const NOT_AN_OBJECT = 'message is not an object';

/**
 * Posts a signed WhatsApp webhook the parser cannot read: its message has no `type`, or is no
 * object at all; resolves with the quarantined request's id.
 */
async function unreadableWebhook(text: string, cause: typeof NO_TYPE | typeof NOT_AN_OBJECT): Promise<string> {
  const body = JSON.parse(whatsapp.textWebhookBody(waNumber(), text).body) as { entry: { changes: { value: { messages: unknown[] } }[] }[] };
  const messages = body.entry[0].changes[0].value.messages;
  if (cause === NO_TYPE) delete (messages[0] as Record<string, unknown>)['type'];
  else messages[0] = text;
  const answer = await whatsapp.postRaw(JSON.stringify(body));
  expect(answer.status).toBe(400);
  return (JSON.parse(answer.body) as { quarantineId: string }).quarantineId;
}

/** A sender's WhatsApp number, unique to the test. */
const waNumber = () => `628${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

async function quarantineRow(id: string): Promise<{ status: string; reason: string }> {
  const [row] = (await sql(`SELECT status, reason FROM "${stack.schemas['intake']}".webhook_quarantine WHERE id = $1`, [id])) as { status: string; reason: string }[];
  return row;
}

/** The list item of a quarantined request: its heading (provider and time received) and its cause. */
async function itemOf(page: Page, id: string) {
  const [row] = (await sql(`SELECT received_at, reason FROM "${stack.schemas['intake']}".webhook_quarantine WHERE id = $1`, [id])) as { received_at: Date; reason: string }[];
  const names = { provider: 'whatsapp', time: formatWib(row.received_at.toISOString(), 'id') };
  const list = page.getByRole('list', { name: t('problemMessages.listLabel'), exact: true });
  const item = list
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: t('problemMessages.itemTitle', names), exact: true }) })
    .filter({ hasText: row.reason });
  return { item, names };
}

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  stack = await wa.startStack();
  office = await new Office(stack, wa.code).setUp();
  admin = await newTestPage(browser, stack.gatewayUrl);
  await logIn(admin.page, 'admin', office);
}, 240_000);

afterEach(() => expectNoPageProblems([admin]));

afterAll(async () => {
  await whatsapp.stop();
  await closeBrowserStack(browser, stack);
}, 60_000);

describe('the problem messages in a browser, on the whole platform', () => {
  it('shows the quarantined webhooks to Admin Tikkim, keeps one that still does not read, and discards one with a reason', async () => {
    const kept = await unreadableWebhook('Paspor saya belum selesai setelah tiga minggu.', NO_TYPE);
    const junk = await unreadableWebhook('tes tes', NOT_AN_OBJECT);
    const { page } = admin;

    await page.goto(ROUTES.worklist);
    const nav = page.getByRole('navigation', { name: t('nav.label'), exact: true });
    const link = nav.getByRole('link', { name: new RegExp(`^${t('nav.problemMessages')}`) });
    await link.click();
    await page.getByRole('heading', { level: 1, name: t('problemMessages.title'), exact: true }).waitFor();
    const first = await itemOf(page, kept);
    const second = await itemOf(page, junk);
    await first.item.waitFor();
    await second.item.waitFor();
    // The cause, never the sender or the words.
    await first.item.getByText(NO_TYPE, { exact: true }).waitFor();
    expect(await page.getByText('Paspor saya belum selesai').count()).toBe(0);
    expect(await page.getByText('tes tes').count()).toBe(0);
    await shot(page, 'pesan-bermasalah');

    // Re-processed with today's parser: still unreadable, so it stays, and the page says why.
    await first.item.getByRole('button', { name: t('problemMessages.reprocessOf', first.names), exact: true }).click();
    await page.getByRole('status').getByText(t('problemMessages.outcome.UNREADABLE', { reason: NO_TYPE })).waitFor();
    expect(await quarantineRow(kept)).toEqual({ status: 'QUARANTINED', reason: NO_TYPE });

    // Discarded with a reason: gone from the queue, kept in intake, recorded with who and why.
    await second.item.getByRole('button', { name: t('problemMessages.discardOf', second.names), exact: true }).click();
    await page.getByLabel(required(t('problemMessages.discardReason')), { exact: true }).fill('Pesan uji coba dari nomor internal kantor');
    await page.getByRole('button', { name: t('problemMessages.discardSubmit'), exact: true }).click();
    await page.getByRole('status').getByText(t('problemMessages.outcome.DISCARDED')).waitFor();
    await eventually(async () => ((await second.item.count()) === 0 ? true : undefined), 10_000, 'the discarded message to leave the queue');
    expect((await quarantineRow(junk)).status).toBe('DISCARDED');
    const recorded = (await sql(`SELECT action, outcome, reason, role FROM "${stack.schemas['intake']}".problem_message_action WHERE target_id = ANY($1) ORDER BY at`, [[kept, junk]])) as Record<string, string>[];
    expect(recorded).toEqual([
      { action: 'REPROCESS', outcome: 'UNREADABLE', reason: null, role: 'ADMIN_TIKKIM' },
      { action: 'DISCARD', outcome: 'DISCARDED', reason: 'Pesan uji coba dari nomor internal kantor', role: 'ADMIN_TIKKIM' },
    ]);
  });

  it('re-processes a request an older parser refused into a complaint that reaches the worklist', async () => {
    // No request today's parser refuses reads later on this stack: the request is kept as a release
    // with an older parser left it (quarantined, sealed with intake's key), then a parser fix shipped.
    const sentAt = new Date(Math.floor(Date.now() / 3_600_000 - 3) * 3_600_000);
    const { body } = whatsapp.textWebhookBody(waNumber(), 'Petugas meminta uang tambahan untuk mempercepat paspor saya.', { timestamp: sentAt });
    const request = { method: 'POST' as const, publicUrl: '', subpath: '', query: {}, headers: { 'content-type': 'application/json', 'x-hub-signature-256': whatsapp.sign(body) }, rawBody: Buffer.from(body, 'utf8') };
    const id = await keepQuarantinedIn({ schema: stack.schemas['intake'], contactKey: stack.contactKey }, 'whatsapp', request, 'message type not supported', sentAt);
    const { page } = admin;

    await page.goto(ROUTES.problemMessages);
    const { item, names } = await itemOf(page, id);
    await item.getByText('message type not supported', { exact: true }).waitFor();
    await shot(page, 'pesan-bermasalah-proses-ulang');
    await item.getByRole('button', { name: t('problemMessages.reprocessOf', names), exact: true }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText(t('problemMessages.outcome.STORED'), { exact: true }).waitFor();
    expect((await quarantineRow(id)).status).toBe('REPROCESSED');

    // The complaint, as Admin Tikkim sees it: a WhatsApp complaint received when the message was sent.
    await page.goto(ROUTES.worklist);
    const complaint = page
      .getByRole('list', { name: t('worklist.listLabel'), exact: true })
      .getByRole('listitem')
      .filter({ hasText: channelLabel('WHATSAPP', 'id') })
      .filter({ hasText: formatWib(sentAt.toISOString(), 'id') });
    await eventually(
      async () => {
        const read = page.waitForResponse((r) => r.url().includes('/api/v1/worklist'));
        await page.getByRole('button', { name: t('common.refresh'), exact: true }).click();
        await read;
        return (await complaint.count()) === 1 ? true : undefined;
      },
      30_000,
      'the re-processed complaint in the worklist',
    );
    expect(await page.getByText('Petugas meminta uang tambahan').count()).toBe(0);
  });

  it('lets the head of office read the queue without acting, and refuses it to the other roles', async () => {
    const kakan = await office.call('GET', '/problem-messages', 'kakan');
    expect(kakan.status).toBe(200);
    expect(JSON.stringify(kakan.body)).not.toContain('Paspor');
    expect(await office.call('POST', `/problem-messages/${randomUUID()}/reprocess`, 'kakan')).toMatchObject({ status: 403, body: { code: 'PROBLEM_MESSAGE.FORBIDDEN_ROLE' } });
    expect(await office.call('GET', '/problem-messages', 'auditor')).toMatchObject({ status: 403, body: { code: 'PROBLEM_MESSAGE.FORBIDDEN_ROLE' } });
  });
});
