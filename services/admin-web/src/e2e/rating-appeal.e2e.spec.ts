import type { ComplaintStatus } from '@pengaduan/sop';
import { randomOfficeCode, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import type { Browser } from 'playwright-core';
import { complaintPath, ROUTES } from '../app/routes';
import type { MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office } from './__fixtures__/office';
import { PHONE_REPORTER, registerPhoneComplaint } from './__fixtures__/phone-complaint';
import { openForm, statusShown, submitForm } from './__fixtures__/complaint-page';

// Rating and appeal after closing (docs/adr/0053) in Debian's Chromium on the whole platform: a
// phone complaint is taken over REST to CLOSED; the complainant rates it 1 on /lacak, which opens
// an appeal; the head of office sends it back to step 3 on the complaint page, and it goes through
// the SOP to CLOSED again. Admin Tikkim then records the complainant's appeal by phone; the head
// upholds the answer with a reason; the complainant is told again and it is CLOSED again.

const t = (key: MessageKey, params?: MessageParams) => translate('id', key, params);
/** The tracking page's proof for a phone complaint: the last four digits of the number given. */
const VERIFIER = PHONE_REPORTER.phone.slice(-4);

let stack: PlatformStack;
let office: Office;
let browser: Browser;
let kakan: TestPage;
let reporter: TestPage;
const complaint = { id: '', trackingNumber: '' };

/** Steps 3-8 over REST, on the no-follow-up branch, ending in a delivery by phone. */
async function throughTheSop(id: string): Promise<void> {
  await office.act('kakan', id, 'disposition', { lines: [{ sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] }] }, 'DISPOSED');
  await office.act('inteldakim', id, 'section-responses', { response: 'Jadwal loket sudah diperiksa.' }, 'SECTION_PROCESSED');
  await office.act('admin', id, 'analysis', { findings: 'Antrean terjadi pada jam sibuk.', substantiated: 'PARTLY', classificationCode: '02', severity: 'LOW', recommendation: 'Tidak perlu tim.' }, 'ANALYZED');
  await office.act('kasiTi', id, 'decision', { decision: 'NO_FOLLOW_UP', reason: 'Sudah diperbaiki oleh seksi.' }, 'NO_FOLLOW_UP_DECIDED');
  await toldAgain(id);
}

/** Steps 7-8 over REST: the answer, told by phone. */
async function toldAgain(id: string): Promise<void> {
  await office.act('admin', id, 'follow-up-information', { text: 'Jadwal loket telah diperbaiki. Terima kasih atas laporan Anda.' }, 'REPORTER_INFORMED');
  await office.act('admin', id, 'delivery-confirmation', { method: 'PHONE_CALL', deliveredAt: new Date().toISOString() }, 'CLOSED');
}

/** The head of office reviews the appeal on the complaint page. */
async function review(decision: 'REDISPOSE' | 'UPHOLD', status: ComplaintStatus, reason?: string): Promise<void> {
  const page = kakan.page;
  await page.goto(complaintPath(complaint.id));
  await statusShown(page, 'APPEALED');
  const form = await openForm(page, 'reviewAppeal', 'form.reviewAppeal.title');
  await form.getByRole('radio', { name: t(`form.reviewAppeal.${decision}`) }).check();
  if (reason) await form.getByRole('textbox').fill(reason);
  await submitForm(page, form, 'reviewAppeal', status);
}

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  stack = await startPlatformStack();
  office = await new Office(stack, randomOfficeCode()).setUp();
  Object.assign(complaint, await registerPhoneComplaint(office, 'Antrean loket paspor terlalu lama dan tidak ada nomor antrean.'));
  await office.act('admin', complaint.id, 'confirm', { classificationCode: '02', summary: 'Antrean loket paspor terlalu lama.', anonymous: false, confidential: false }, 'CONFIRMED');
  await throughTheSop(complaint.id);
  kakan = await newTestPage(browser, stack.gatewayUrl);
  await logIn(kakan.page, 'kakan', office);
  reporter = await newTestPage(browser, stack.gatewayUrl);
}, 300_000);

afterEach(() => expectNoPageProblems([kakan, reporter]));

afterAll(async () => {
  await closeBrowserStack(browser, stack);
}, 60_000);

describe('a rating and an appeal after closing, through both outcomes (docs/adr/0053)', () => {
  it('the complainant rates 1 on /lacak: the appeal opens; the head sends it back to step 3; it is CLOSED again', async () => {
    const page = reporter.page;
    await page.goto(ROUTES.track);
    await page.getByLabel(t('track.number'), { exact: false }).first().fill(complaint.trackingNumber);
    await page.getByLabel(t('track.verifier'), { exact: false }).first().fill(VERIFIER);
    await page.getByRole('button', { name: t('track.submit'), exact: true }).click();
    const feedback = page.getByRole('region', { name: t('track.feedback.title'), exact: true });
    await feedback.waitFor();
    await feedback.getByRole('radio', { name: '1', exact: true }).check();
    await feedback.getByRole('textbox').fill('Antrean masih panjang, jawabannya tidak menjawab.');
    await feedback.getByRole('button', { name: t('track.feedback.rate'), exact: true }).click();
    await page.getByRole('status').filter({ hasText: t('track.feedback.appealOpened') }).waitFor();
    await shot(page, 'lacak-penilaian-banding');
    await office.expectStatus(complaint.id, 'APPEALED');

    await review('REDISPOSE', 'CONFIRMED');
    await throughTheSop(complaint.id);
    const view = await office.view(complaint.id, 'kakan');
    expect(view).toMatchObject({ status: 'CLOSED', outputs: { rating: { rating: 1, hasComment: true, withinAppealWindow: true }, appeal: { trigger: 'POOR_RATING' }, appealReview: { decision: 'REDISPOSE' } } });
  });

  it('Admin Tikkim records an appeal told by phone; the head upholds the answer with a reason; told again, it is CLOSED again', async () => {
    const appealed = await office.call('POST', `/complaints/${complaint.id}/appeal`, 'admin', { reason: 'Pelapor menelepon: biaya tambahan belum dijelaskan.' });
    expect(appealed).toMatchObject({ status: 200, body: { status: 'APPEALED' } });
    await office.expectApplied(complaint.id, appealed.body['eventIds'] as string[]);

    const reason = 'Tarif resmi telah dijelaskan; tidak ada biaya tambahan yang dipungut.';
    await review('UPHOLD', 'APPEAL_UPHELD', reason);
    await shot(kakan.page, 'banding-dipertahankan');
    await toldAgain(complaint.id);
    const view = await office.view(complaint.id, 'kakan');
    expect(view).toMatchObject({ status: 'CLOSED', outputs: { appeal: { trigger: 'REQUEST', hasReason: true }, appealReview: { decision: 'UPHOLD', reason } } });
    // The timeline names the review (codes only, never the texts).
    const timeline = await office.call('GET', `/complaints/${complaint.id}/timeline`, 'kakan');
    expect(JSON.stringify(timeline.body)).toContain('Banding ditinjau Kepala Kantor: jawaban dipertahankan');
    // The complaint page shows both rounds: the rating and by whom, each appeal's origin, each decision with its reason.
    await kakan.page.goto(complaintPath(complaint.id));
    await statusShown(kakan.page, 'CLOSED');
    const round = (n: number) => kakan.page.locator('article.output').filter({ has: kakan.page.getByRole('heading', { name: t('outputs.feedbackRound', { n }), exact: true }) });
    await round(2).waitFor();
    const [first, second] = [await round(1).textContent(), await round(2).textContent()];
    for (const text of [t('outputs.ratingValue', { rating: 1 }), t('outputs.withComment'), t('outputs.withinAppealWindow'), t('outputs.by.REPORTER'), t('outputs.appealTrigger.POOR_RATING'), t('form.reviewAppeal.REDISPOSE')]) {
      expect(first).toContain(text);
    }
    for (const text of [t('outputs.appealTrigger.REQUEST'), t('outputs.withReason'), t('outputs.by.OFFICER'), t('form.reviewAppeal.UPHOLD'), reason]) expect(second).toContain(text);
    await shot(kakan.page, 'halaman-aduan-putaran-banding');
  });

  it("the head of office's dashboard counts the rating, both appeals and both reviews, and none on another channel", async () => {
    const page = kakan.page;
    await page.goto(ROUTES.dashboard);
    const section = page.getByRole('region', { name: t('dashboard.feedback'), exact: true });
    const cells = (caption: MessageKey) =>
      section
        .getByRole('table', { name: t(caption), exact: true })
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => (c.textContent ?? '').trim())));
    const tile = (label: string) => section.getByRole('listitem').filter({ hasText: label }).locator('.tile__value');
    await section.getByRole('table', { name: t('dashboard.appealReviews'), exact: true }).waitFor({ state: 'attached' });
    expect(await tile(t('dashboard.ratings')).textContent()).toBe('1');
    expect(await tile(t('dashboard.averageRating')).textContent()).toBe('1');
    expect(await tile(t('dashboard.poorRatingShare', { max: 2 })).textContent()).toBe('100 %');
    expect(await cells('dashboard.appealsByTrigger')).toEqual([
      [t('dashboard.trigger.POOR_RATING'), '1'],
      [t('dashboard.trigger.REQUEST'), '1'],
    ]);
    expect(await cells('dashboard.appealReviews')).toEqual([
      [t('dashboard.decision.REDISPOSE'), '3', '1'],
      [t('dashboard.decision.REANALYZE'), '4', '0'],
      [t('dashboard.decision.UPHOLD'), '7', '1'],
    ]);
    await shot(page, 'dasbor-penilaian-banding');
    // The complaint came in by phone: counted under PHONE, not under WhatsApp.
    const answer = page.waitForResponse((r) => r.url().includes('channel=WHATSAPP') && r.status() === 200);
    await section.getByLabel(t('dashboard.feedbackChannel')).selectOption('WHATSAPP');
    await answer;
    await section.getByRole('table', { name: t('dashboard.appealReviews'), exact: true }).waitFor({ state: 'attached' });
    expect(await tile(t('dashboard.ratings')).textContent()).toBe('0');
    expect(await cells('dashboard.appealsByTrigger')).toEqual([
      [t('dashboard.trigger.POOR_RATING'), '0'],
      [t('dashboard.trigger.REQUEST'), '0'],
    ]);
  });
});
