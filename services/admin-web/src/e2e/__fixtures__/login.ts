// Logging an officer in through the app's own login page, as the browser tests do.
import type { Page } from 'playwright-core';
import { loginPath } from '../../app/routes';
import type { MessageKey } from '../../i18n/messages';
import { translate } from '../../i18n/translate';
import { OFFICERS, type Office, type Officer } from './office';

const t = (key: MessageKey) => translate('id', key);
/** A field's accessible name as the app writes its <label>: the text, then "(wajib)". */
const required = (text: string) => `${text} (${t('form.required')})`;

/** Logs `who` of `office` in on /masuk and waits for the worklist, which names them in the header. */
export async function logIn(page: Page, who: Officer, office: Office): Promise<void> {
  await page.goto(loginPath());
  await page.getByLabel(required(t('login.username')), { exact: true }).fill(office.username(who));
  await page.getByLabel(required(t('login.password')), { exact: true }).fill(office.passwordOf(who));
  await page.getByRole('button', { name: t('login.submit'), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: t('worklist.title'), exact: true }).waitFor();
  // On a phone the officer's name is behind the menu button.
  const menu = page.getByRole('button', { name: t('nav.menu'), exact: true });
  const folded = await menu.isVisible();
  if (folded) await menu.click();
  await page.getByRole('banner').getByText(OFFICERS[who].displayName).waitFor();
  if (folded) await menu.click();
}
