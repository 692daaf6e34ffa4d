// The complaint page as the browser tests drive it: its regions, its status badge, an action's form.
import { STATUS_LABELS, type ComplaintStatus } from '@pengaduan/sop';
import type { Locator, Page } from 'playwright-core';
import type { UiAction } from '../../api/commands';
import { ACTION_LABELS, type MessageKey } from '../../i18n/messages';
import { translate } from '../../i18n/translate';

const t = (key: MessageKey, params?: Record<string, string>) => translate('id', key, params);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A region of the page named by its heading's message. */
export const region = (page: Page, key: MessageKey) => page.getByRole('region', { name: t(key), exact: true });
export const actionsRegion = (page: Page) => region(page, 'complaint.actions');

/** Waits until the complaint's summary shows this status. */
export async function statusShown(page: Page, status: ComplaintStatus): Promise<void> {
  await region(page, 'complaint.summaryLabel').locator('.badge--status').filter({ hasText: new RegExp(`^${escape(STATUS_LABELS[status].id)}$`) }).waitFor();
}

/** Opens an action's form with its button among the actions. */
export async function openForm(page: Page, action: UiAction, title: MessageKey): Promise<Locator> {
  await actionsRegion(page).getByRole('button', { name: ACTION_LABELS[action].id, exact: true }).click();
  const form = actionsRegion(page).getByRole('region', { name: t(title), exact: true });
  await form.waitFor();
  return form;
}

/** Submits with the form's own button and waits for the "saved" notice naming the status after it. */
export async function submitForm(page: Page, form: Locator, action: UiAction, status: ComplaintStatus): Promise<void> {
  await form.getByRole('button', { name: ACTION_LABELS[action].id, exact: true }).click();
  await page.getByRole('status').filter({ hasText: t('complaint.saved', { action: ACTION_LABELS[action].id, status: STATUS_LABELS[status].id }) }).waitFor();
  await statusShown(page, status);
}
