import { eventually, sql, type PlatformStack } from '@pengaduan/testing';
import type { Browser } from 'playwright-core';
import { complaintPath, ROUTES } from '../app/routes';
import type { MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office } from './__fixtures__/office';
import { WhatsAppOffice } from './__fixtures__/whatsapp-office';

// The status messages (docs/adr/0054) in Debian's Chromium on the whole platform, with a fake
// WhatsApp Cloud API: a WhatsApp complaint confirmed and dispositioned tells the complainant each
// step with its tracking number, and the fake's signed receipts are taken; then the head of office
// turns the disposition's message off on /administrasi/templat, and the next complaint is told of
// its confirmation and its decision but not of its disposition.

const t = (key: MessageKey, params?: MessageParams) => translate('id', key, params);
const wa = new WhatsAppOffice();
const whatsapp = wa.whatsapp;
let stack: PlatformStack;
let office: Office;
let browser: Browser;
let kakan: TestPage;

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  stack = await wa.startStack();
  office = await new Office(stack, wa.code).setUp();
  kakan = await newTestPage(browser, stack.gatewayUrl);
  await logIn(kakan.page, 'kakan', office);
}, 300_000);

afterEach(() => expectNoPageProblems([kakan]));

afterAll(async () => {
  await closeBrowserStack(browser, stack);
  await whatsapp.stop();
}, 60_000);

let reporters = 0;
/** A complaint sent over WhatsApp; its tracking number read from the acknowledgement the fake was asked to send. */
async function whatsappComplaint(text: string): Promise<{ id: string; trackingNumber: string; to: (s: { to: string }) => boolean }> {
  const from = `6281${String(Date.now() % 1e8).padStart(8, '0')}${++reporters}`;
  expect((await whatsapp.sendText(from, text)).answer.status).toBe(200);
  const to = (s: { to: string }) => s.to.replace(/^\+/, '') === from;
  const ack = await eventually(async () => whatsapp.sent.find((s) => to(s) && s.text?.startsWith('Terima kasih')), 60_000, 'the acknowledgement');
  const trackingNumber = /nomor (\S+)\. /.exec(ack.text ?? '')?.[1] ?? '';
  return { id: await office.idOf(trackingNumber), trackingNumber, to };
}

async function confirmAndDispose(id: string): Promise<void> {
  await office.act('admin', id, 'confirm', { classificationCode: '02', summary: 'Antrean loket paspor terlalu lama.', anonymous: false, confidential: false }, 'CONFIRMED');
  await office.act('kakan', id, 'disposition', { lines: [{ sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] }] }, 'DISPOSED');
}

/** The status message of `word` sent to a complaint's reporter, once it is. */
const statusMessage = (c: { trackingNumber: string; to: (s: { to: string }) => boolean }, word: string) =>
  eventually(async () => whatsapp.sent.find((s) => c.to(s) && s.text?.includes(c.trackingNumber) && s.text.includes(word)), 60_000, `the status message "${word}"`);

describe('status messages to a WhatsApp complainant', () => {
  it('tells the complainant that the complaint was confirmed and dispositioned, with its number, and takes the receipts', async () => {
    const c = await whatsappComplaint('Antrean paspor di loket 2 tidak tertib sejak pagi.');
    await confirmAndDispose(c.id);
    const confirmed = await statusMessage(c, 'diverifikasi');
    const disposed = await statusMessage(c, 'didisposisikan');
    for (const m of [confirmed, disposed]) {
      expect(m.type).toBe('text');
      expect((await whatsapp.sendStatuses(m.id, ['sent', 'delivered'])).map((a) => a.status)).toEqual([200, 200]);
    }
    // intake hands the receipts over; notification records them on each status message.
    const delivered = await eventually(
      async () => {
        const rows = (await sql(
          `SELECT n.purpose, a.status FROM "${stack.schemas['notification']}".outbound_notification n JOIN "${stack.schemas['notification']}".delivery_attempt a ON a.notification_id = n.id
            WHERE n.complaint_id = $1 AND n.purpose LIKE 'STATUS_%' AND n.status = 'DELIVERED' ORDER BY n.created_at`,
          [c.id],
        )) as { purpose: string; status: string }[];
        return rows.length === 2 ? rows : undefined;
      },
      30_000,
      'the receipts recorded',
    );
    expect(delivered).toEqual([
      { purpose: 'STATUS_CONFIRMED', status: 'delivered' },
      { purpose: 'STATUS_DISPOSED', status: 'delivered' },
    ]);
    // The head of office sees both on the complaint's page, with their outcome.
    const page = kakan.page;
    await page.goto(complaintPath(c.id));
    const list = page.locator('.status-messages').filter({ has: page.getByRole('heading', { name: t('complaint.statusMessages.title'), exact: true }) });
    for (const purpose of ['STATUS_CONFIRMED', 'STATUS_DISPOSED'] as const) {
      await list.getByRole('listitem').filter({ hasText: t(`complaint.statusMessages.purpose.${purpose}`) }).filter({ hasText: t('complaint.statusMessages.outcome.DELIVERED') }).waitFor();
    }
  });

  it('sends no disposition message once the head of office turns it off; the other steps are still told', async () => {
    const page = kakan.page;
    await page.goto(ROUTES.adminTemplates);
    const section = page.getByRole('form', { name: t('statusMessages.title'), exact: true });
    const disposed = section.getByLabel(t('statusMessages.switch.STATUS_DISPOSED'), { exact: true });
    expect(await disposed.isChecked()).toBe(true);
    await disposed.uncheck();
    await section.getByRole('button', { name: t('statusMessages.save'), exact: true }).click();
    await section.getByRole('status').filter({ hasText: t('statusMessages.saved') }).waitFor();
    expect(await section.getByLabel(t('statusMessages.switch.STATUS_DISPOSED'), { exact: true }).isChecked()).toBe(false);
    await shot(page, 'admin-templat-pesan-status');

    const c = await whatsappComplaint('Petugas loket meminta biaya tambahan di luar tarif resmi.');
    await confirmAndDispose(c.id);
    await office.act('inteldakim', c.id, 'section-responses', { response: 'Sudah diperiksa.' }, 'SECTION_PROCESSED');
    await office.act(
      'admin',
      c.id,
      'analysis',
      { findings: 'Tidak ada pungutan resmi.', substantiated: 'PARTLY', classificationCode: '02', severity: 'LOW', recommendation: 'Tidak perlu tim.' },
      'ANALYZED',
    );
    await office.act('kasiTi', c.id, 'decision', { decision: 'NO_FOLLOW_UP', reason: 'Tidak terbukti.' }, 'NO_FOLLOW_UP_DECIDED');
    await statusMessage(c, 'diverifikasi');
    // The decision's message follows the disposition on the complaint's ordered stream: once it is
    // out, the disposition's would have been too.
    await statusMessage(c, 'diputuskan');
    expect(whatsapp.sent.filter((s) => c.to(s) && s.text?.includes('didisposisikan'))).toEqual([]);

    const log = await office.call('GET', '/admin-log', 'kakan');
    const entries = (log.body['items'] as { kind: string; target: string; change: unknown }[]).filter((e) => e.kind === 'STATUS_MESSAGES_CHANGED');
    expect(entries).toEqual([expect.objectContaining({ target: 'status-messages', change: { STATUS_DISPOSED: { before: true, after: false } } })]);
  });
});
