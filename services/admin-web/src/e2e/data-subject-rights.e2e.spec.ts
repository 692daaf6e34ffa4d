import { eventually, randomOfficeCode, sql, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { ROUTES, complaintPath } from '../app/routes';
import type { MessageKey } from '../i18n/messages';
import { translate } from '../i18n/translate';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, UI_TIMEOUT_MS, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office } from './__fixtures__/office';
import { region } from './__fixtures__/complaint-page';
import { PHONE_REPORTER, registerPhoneComplaint } from './__fixtures__/phone-complaint';

// The complainant's rights under UU 27/2022 (docs/adr/0056) in Debian's Chromium against the
// whole platform: Admin Tikkim records an access request verified in person at "Hak subjek
// data", downloads the export as JSON and PDF (every complaint of the person, their words and
// contact), and records its hand-over within 3 × 24 hours; a restricted contact shows as such on
// the complaint's page.

const t = (key: MessageKey, params?: Record<string, string>) => translate('id', key, params);
const required = (label: string) => `${label} (${t('form.required')})`;
const TEXT = 'Petugas loket meminta uang tambahan untuk paspor saya.';

let stack: PlatformStack;
let office: Office;
let browser: Browser;
let admin: TestPage;
let complaint: { id: string; trackingNumber: string };

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  stack = await startPlatformStack();
  office = await new Office(stack, randomOfficeCode()).setUp();
  complaint = await registerPhoneComplaint(office, TEXT);
  admin = await newTestPage(browser, stack.gatewayUrl);
  await logIn(admin.page, 'admin', office);
}, 240_000);

afterEach(() => expectNoPageProblems([admin]));

afterAll(() => closeBrowserStack(browser, stack), 60_000);

describe('admin tikkim serves a complainant’s rights to their personal data', () => {
  it('records an access request verified in person, downloads its JSON and PDF, and records the hand-over in time', async () => {
    const { page } = admin;
    await page.goto(ROUTES.dataRequests);
    await page.getByRole('button', { name: t('dataRequests.register'), exact: true }).click();
    await page.getByLabel(required(t('dataRequests.trackingNumber')), { exact: true }).fill(complaint.trackingNumber);
    await page.getByLabel(required(t('dataRequests.documentKind')), { exact: true }).selectOption('KTP');
    await page.getByRole('button', { name: t('dataRequests.register'), exact: true }).click();
    const item = page
      .getByRole('list', { name: t('dataRequests.listLabel'), exact: true })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: t('dataRequests.itemTitle', { number: complaint.trackingNumber }), exact: true }) });
    await item.waitFor({ timeout: UI_TIMEOUT_MS });
    await item.getByText(t('dataRequests.standing.OPEN'), { exact: true }).waitFor();

    const [json] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: t('dataRequests.downloadJson'), exact: true }).click()]);
    const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as { contact: unknown; complaints: { trackingNumber: string; messages: { text: string }[] }[] };
    expect(exported.contact).toEqual(PHONE_REPORTER);
    expect(exported.complaints).toEqual([expect.objectContaining({ trackingNumber: complaint.trackingNumber, messages: [expect.objectContaining({ text: TEXT })] })]);
    const [pdf] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: t('dataRequests.downloadPdf'), exact: true }).click()]);
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await item.getByRole('button', { name: t('dataRequests.handOver'), exact: true }).click();
    await item.getByLabel(required(t('dataRequests.how')), { exact: true }).fill('Diserahkan langsung di loket');
    await item.getByRole('button', { name: t('dataRequests.handOver'), exact: true }).click();
    await item.getByText(t('dataRequests.standing.ANSWERED'), { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await shot(page, 'hak-subjek-data');
  });

  it('restricts the contact on the complaint’s page, which then hides it, lifts the restriction and corrects the contact', async () => {
    const { page } = admin;
    const optional = (label: string) => `${label} (${t('form.optional')})`;
    /** Opens one of the contact's forms, gives the reason (and what else `fill` fills) and sends it. */
    const change = async (action: 'restrict' | 'lift' | 'correct', reason: string, fill: () => Promise<void> = async () => undefined) => {
      const name = t(`contactRights.${action}`);
      await page.getByRole('button', { name, exact: true }).click();
      await fill();
      await page.getByLabel(required(t('contactRights.reason')), { exact: true }).fill(reason);
      await page.getByRole('button', { name, exact: true }).click();
    };
    await page.goto(complaintPath(complaint.id));
    await page.getByText(PHONE_REPORTER.phone, { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await change('restrict', 'Pelapor meminta pembatasan pemrosesan.');
    await page.getByText(t('complaint.contactRestricted'), { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByText(PHONE_REPORTER.phone, { exact: true }).count()).toBe(0);
    await shot(page, 'kontak-dibatasi');

    await change('lift', 'Pelapor mencabut permintaannya.');
    await page.getByText(PHONE_REPORTER.phone, { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await change('correct', 'Nomor telepon pelapor sudah berganti.', () => page.getByLabel(optional(t('field.contactPhone')), { exact: true }).fill('+6281311112222'));
    await page.getByText('+6281311112222', { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
  });
});

describe('erasure of a complainant’s personal data and the destruction records (docs/adr/0057)', () => {
  it('Admin Tikkim erases with "Hapus data pribadi pelapor"; a retention run’s berita acara is listed on /catatan-pemrosesan', async () => {
    const { page } = admin;
    const erased = await registerPhoneComplaint(office, TEXT);
    await page.goto(complaintPath(erased.id));
    await page.getByText(PHONE_REPORTER.phone, { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: t('erasure.open'), exact: true }).click();
    // What it does is said before it is sent.
    await page.getByText(t('erasure.explain'), { exact: true }).waitFor();
    await page.getByRole('button', { name: t('erasure.submit'), exact: true }).click();
    await page.getByText(t('complaint.personalDataErased'), { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.getByText(PHONE_REPORTER.phone, { exact: true }).count()).toBe(0);
    expect(await page.getByText(TEXT, { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: t('erasure.open'), exact: true }).count()).toBe(0);
    await shot(page, 'data-pribadi-dihapus');

    // A message that was no complaint, told and closed; two years and more later the retention run erases it and writes a berita acara.
    const old = await registerPhoneComplaint(office, 'Pesan promosi yang bukan pengaduan.');
    await office.act('admin', old.id, 'dismiss', { reason: 'NOT_A_COMPLAINT', note: 'Bukan pengaduan.' }, 'DISMISSED');
    await office.act('admin', old.id, 'follow-up-information', { text: 'Pesan Anda bukan pengaduan.' }, 'REPORTER_INFORMED');
    await office.act('admin', old.id, 'delivery-confirmation', { method: 'PHONE_CALL', deliveredAt: new Date().toISOString() }, 'CLOSED');
    const longAgo = new Date(Date.now() - 800 * 86_400_000).toISOString();
    await eventually(
      async () =>
        (await sql(`UPDATE "${stack.schemas['intake']}".complaint_state SET state = jsonb_set(state, '{since}', to_jsonb($2::text)) WHERE complaint_id = $1 AND status = 'CLOSED' RETURNING complaint_id`, [old.id, longAgo])).length > 0 || undefined,
      30_000,
      'intake to hold the complaint as closed',
    );
    expect(stack.processes['intake'].runCommand(['apply-retention'])).toMatch(/1 complaint\(s\) erased/);

    const kakan = await newTestPage(browser, stack.gatewayUrl);
    try {
      await logIn(kakan.page, 'kakan', office);
      await kakan.page.goto(ROUTES.processingRecord);
      const records = kakan.page.getByRole('table', { name: t('destructionRecords.title'), exact: true });
      const row = records.getByRole('row').filter({ hasText: new RegExp(`BAP/${office.code}/\\d{4}/000001`) });
      await row.waitFor({ timeout: UI_TIMEOUT_MS });
      const [pdf] = await Promise.all([kakan.page.waitForEvent('download'), row.getByRole('button', { name: t('documents.download'), exact: true }).click()]);
      const bytes = readFileSync(await pdf.path());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await shot(kakan.page, 'berita-acara-pemusnahan');
      expectNoPageProblems([kakan]);
    } finally {
      await kakan.context.close();
    }
  });
});

describe('the data subject’s requests on the complaint’s timeline (docs/adr/0061)', () => {
  it('shows the access request and its answer, the restriction, its lift and the correction, without a value of the contact', async () => {
    const { page } = admin;
    // The requests of the first two cases above, on their complaint; the gateway's projection follows the stream.
    const lines = [
      /^Permintaan akses data pribadi dicatat \(verifikasi tatap muka\); dijawab paling lambat \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
      /^Permintaan akses data pribadi dijawab tepat waktu$/,
      /^Pemrosesan kontak dibatasi atas permintaan pelapor$/,
      /^Pembatasan dicabut: kontak pelapor dapat diproses kembali$/,
      /^Kontak dikoreksi atas permintaan pelapor: nomor telepon$/,
      /Permintaan akses data pribadi \(3 × 24 jam\) selesai tepat waktu/,
    ];
    const timeline = region(page, 'complaint.timeline');
    await eventually(
      async () => {
        await page.goto(complaintPath(complaint.id));
        await timeline.locator('.timeline__entry').first().waitFor({ timeout: UI_TIMEOUT_MS });
        const found = await Promise.all(lines.map((line) => timeline.getByText(line).count()));
        return found.every((n) => n === 1) || undefined;
      },
      60_000,
      'the timeline to show the data subject’s requests',
    );
    expect(await timeline.getByText(PHONE_REPORTER.phone).count()).toBe(0);
    expect(await timeline.getByText('+6281311112222').count()).toBe(0);
    await shot(page, 'hak-subjek-data-lini-masa');
  });
});
