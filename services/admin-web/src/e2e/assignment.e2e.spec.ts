import { randomOfficeCode, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import type { Browser, Page } from 'playwright-core';
import { complaintPath, ROUTES } from '../app/routes';
import type { MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';
import { officerOptionLabel } from '../lib/office-officers';
import { roleLabel } from '../lib/sop-labels';
import { assertWebAppBuilt, closeBrowserStack, expectNoPageProblems, launchBrowser, newTestPage, shot, type TestPage } from './__fixtures__/browser';
import { logIn } from './__fixtures__/login';
import { Office, OFFICERS, type Officer } from './__fixtures__/office';
import { PHONE_REPORTER, registerPhoneComplaint } from './__fixtures__/phone-complaint';

// Who is on a complaint and the office's internal notes (docs/adr/0046) in Debian's Chromium on
// the whole platform: Admin Tikkim takes a complaint, the head of office assigns another to her
// by name and she finds both under "Milik saya"; a note she writes is read by the head of office,
// and one with the complainant's phone number is refused by intake's screening.

const t = (key: MessageKey, params?: MessageParams) => translate('id', key, params);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field's accessible name: its label, then "(wajib)". */
const required = (text: string) => `${text} (${t('form.required')})`;
/** A message of the app with its `{since}` (a time) as a pattern. */
const sinceAnyTime = (key: MessageKey, params: MessageParams = {}) => new RegExp(`^${escape(t(key, { ...params, since: '\u0000' })).replace('\u0000', '.+')}$`);

let stack: PlatformStack;
let office: Office;
let browser: Browser;
const pages = new Map<Officer, TestPage>();
const claimed = { id: '', trackingNumber: '' };
const assigned = { id: '', trackingNumber: '' };
const noteText = 'Rekaman CCTV loket 2 sudah diminta ke bagian umum.';

async function officer(who: Officer): Promise<Page> {
  let p = pages.get(who);
  if (!p) {
    p = await newTestPage(browser, stack.gatewayUrl);
    pages.set(who, p);
    await logIn(p.page, who, office);
  }
  return p.page;
}

const region = (page: Page, key: MessageKey) => page.getByRole('region', { name: t(key), exact: true });

/** The worklist under one of its views, showing exactly these tracking numbers. */
async function worklistShows(page: Page, view: MessageKey, trackingNumbers: readonly string[]): Promise<void> {
  await page.goto(ROUTES.worklist);
  await page.getByRole('button', { name: t(view), exact: true }).click();
  await page.getByRole('button', { name: t(view), exact: true, pressed: true }).waitFor();
  const list = page.getByRole('list', { name: t('worklist.listLabel'), exact: true });
  if (trackingNumbers.length === 0) {
    await page.getByText(t('worklist.emptyFiltered'), { exact: true }).waitFor();
    return;
  }
  for (const n of trackingNumbers) await list.getByRole('link', { name: n, exact: true }).waitFor();
  expect(await list.getByRole('listitem').filter({ has: page.getByRole('heading') }).count()).toBe(trackingNumbers.length);
}

beforeAll(async () => {
  assertWebAppBuilt();
  browser = await launchBrowser();
  stack = await startPlatformStack();
  office = await new Office(stack, randomOfficeCode()).setUp();
  Object.assign(claimed, await registerPhoneComplaint(office, 'Petugas loket meminta uang tambahan untuk mempercepat paspor.'));
  Object.assign(assigned, await registerPhoneComplaint(office, 'Pemohon diminta datang tiga kali untuk wawancara yang sama.'));
}, 240_000);

afterEach(() => expectNoPageProblems(pages.values()));

afterAll(() => closeBrowserStack(browser, stack), 60_000);

describe('who is on a complaint, in the browser', () => {
  it('lets Admin Tikkim take a complaint waiting on her role', async () => {
    const page = await officer('admin');
    await worklistShows(page, 'worklist.filter.unassigned', [claimed.trackingNumber, assigned.trackingNumber]);
    await page.goto(complaintPath(claimed.id));
    const panel = region(page, 'assignment.title');
    await panel.getByText(t('assignment.nobody'), { exact: true }).waitFor();
    await panel.getByRole('button', { name: t('assignment.claim'), exact: true }).click();
    await panel.getByText(sinceAnyTime('assignment.mine')).waitFor();
    await expect(panel.getByRole('button', { name: t('assignment.claim'), exact: true }).count()).resolves.toBe(0);
    await worklistShows(page, 'worklist.filter.me', [claimed.trackingNumber]);
  });

  it('lets the head of office assign a complaint to a named officer, who finds it under "Milik saya"', async () => {
    const page = await officer('kakan');
    await page.goto(complaintPath(assigned.id));
    const panel = region(page, 'assignment.title');
    const admin = OFFICERS.admin;
    const option = `${officerOptionLabel({ id: '', displayName: admin.displayName, nip: admin.nip, role: admin.role })} — ${roleLabel(admin.role, 'id')}`;
    await panel.getByLabel(required(t('assignment.pick')), { exact: true }).selectOption({ label: option });
    await panel.getByRole('button', { name: t('assignment.assign'), exact: true }).click();
    await panel.getByText(sinceAnyTime('assignment.onIt', { name: `${admin.displayName} (${roleLabel(admin.role, 'id')})` })).waitFor();
    await panel.getByText(t('assignment.history'), { exact: true }).click();
    await panel.getByText(t('assignment.kind.ASSIGNED', { by: OFFICERS.kakan.displayName, name: admin.displayName }), { exact: false }).waitFor();
    await shot(page, 'penugasan');

    const adminPage = await officer('admin');
    await worklistShows(adminPage, 'worklist.filter.me', [claimed.trackingNumber, assigned.trackingNumber]);
    await worklistShows(adminPage, 'worklist.filter.unassigned', []);
  });

  it('keeps internal notes with who and when, seen by another officer, and refuses the complainant’s contact', async () => {
    const page = await officer('admin');
    await page.goto(complaintPath(claimed.id));
    const notes = region(page, 'notes.title');
    await notes.getByText(t('notes.empty'), { exact: true }).waitFor();
    const field = notes.getByLabel(required(t('notes.text')), { exact: true });

    await field.fill(`Pelapor minta ditelepon di ${PHONE_REPORTER.phone}`);
    await notes.getByRole('button', { name: t('notes.submit'), exact: true }).click();
    await notes.locator('.field--invalid').waitFor();
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');

    await field.fill(noteText);
    await notes.getByRole('button', { name: t('notes.submit'), exact: true }).click();
    await notes.getByText(t('notes.saved'), { exact: true }).waitFor();
    await notes.getByRole('list', { name: t('notes.title'), exact: true }).getByText(noteText, { exact: true }).waitFor();

    const kakan = await officer('kakan');
    await kakan.goto(complaintPath(claimed.id));
    const seen = region(kakan, 'notes.title').getByRole('listitem').filter({ hasText: noteText });
    await seen.waitFor();
    await expect(seen.innerText()).resolves.toContain(OFFICERS.admin.displayName);
    await expect(seen.innerText()).resolves.not.toContain(PHONE_REPORTER.phone);
    await shot(kakan, 'catatan-internal');
  });
});
