import { eventually, randomOfficeCode, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ROUTES } from '../app/routes';
import type { MessageKey } from '../i18n/messages';
import { translate } from '../i18n/translate';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, UI_TIMEOUT_MS, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office } from './__fixtures__/office';
import { registerPhoneComplaint } from './__fixtures__/phone-complaint';

// The complaint search (docs/adr/0045) in Debian's Chromium against the whole platform: the
// head of office finds a complaint by a word of what the complainant said (which only intake
// holds, stemmed in Indonesian) and by its tracking number, the filters stay in the address
// across a reload, and the list downloads as CSV with the same filters.

const t = (key: MessageKey) => translate('id', key);
const optional = (text: string) => `${text} (${t('form.optional')})`;

let stack: PlatformStack;
let office: Office;
let browser: Browser;
let kakan: TestPage;
const complaints = {
  pelicin: { text: 'Petugas loket meminta uang pelicin untuk pembuatan paspor anak saya.', trackingNumber: '' },
  antrean: { text: 'Antrean di kantor sangat panjang dan nomor antrean habis sebelum jam sembilan.', trackingNumber: '' },
};

const searchForm = (page: Page) => page.getByRole('search', { name: t('list.filters'), exact: true });
const listTable = (page: Page) => page.getByRole('table', { name: t('list.title'), exact: true });

/** Searches with the form's words and waits for the list to show exactly these tracking numbers. */
async function search(page: Page, words: string, expected: readonly string[]): Promise<void> {
  await searchForm(page).getByLabel(optional(t('list.q')), { exact: true }).fill(words);
  await searchForm(page).getByRole('button', { name: t('list.apply'), exact: true }).click();
  await expectRows(page, expected);
}

async function expectRows(page: Page, expected: readonly string[]): Promise<void> {
  const rows = listTable(page).getByRole('rowheader').getByRole('link');
  const shown = async () => (await rows.allInnerTexts()).map((s) => s.trim());
  // The list is read afresh after each search; it settles on the answer and stays there.
  await eventually(async () => (JSON.stringify(await shown()) === JSON.stringify(expected) ? true : undefined), UI_TIMEOUT_MS, `the list to show ${expected.join(', ')}`);
}

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  stack = await startPlatformStack();
  office = await new Office(stack, randomOfficeCode()).setUp();
  complaints.pelicin.trackingNumber = (await registerPhoneComplaint(office, complaints.pelicin.text)).trackingNumber;
  complaints.antrean.trackingNumber = (await registerPhoneComplaint(office, complaints.antrean.text)).trackingNumber;
  kakan = await newTestPage(browser, stack.gatewayUrl);
  await logIn(kakan.page, 'kakan', office);
}, 240_000);

afterEach(() => expectNoPageProblems([kakan]));

afterAll(() => closeBrowserStack(browser, stack), 60_000);

describe('officers search the complaint list', () => {
  it("finds a complaint by another form of a word the complainant used, and keeps the search across a reload", async () => {
    const { page } = kakan;
    await page.goto(ROUTES.complaints);
    // "membuat" finds "pembuatan": the Indonesian stemming of intake's index.
    await search(page, 'membuat', [complaints.pelicin.trackingNumber]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('membuat');
    await page.reload();
    await expectRows(page, [complaints.pelicin.trackingNumber]);
    expect(await searchForm(page).getByLabel(optional(t('list.q')), { exact: true }).inputValue()).toBe('membuat');
    await shot(page, 'pencarian');
  });

  it('finds a complaint by its tracking number', async () => {
    await search(kakan.page, complaints.antrean.trackingNumber, [complaints.antrean.trackingNumber]);
  });

  it('downloads the list it shows as CSV', async () => {
    const { page } = kakan;
    await search(page, '"nomor antrean"', [complaints.antrean.trackingNumber]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('list.downloadCsv'), exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pengaduan-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv).toContain(complaints.antrean.trackingNumber);
    expect(csv).not.toContain(complaints.pelicin.trackingNumber);
    // The list, not the complainant's words: those stay in intake.
    expect(csv).not.toContain('antrean habis');
  });
});
