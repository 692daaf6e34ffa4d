// Reading a work queue's page (/panggilan, /eskalasi …) as the browser tests do.
import type { Locator, Page } from 'playwright-core';
import type { MessageKey } from '../../i18n/messages';
import { translate } from '../../i18n/translate';

/**
 * Opens a work queue's page and waits until it has read the queue; resolves with the item of
 * `trackingNumber`, if the queue holds it. Each call reads the queue afresh.
 */
export async function queueItem(page: Page, route: string, listKey: MessageKey, trackingNumber: string): Promise<Locator | undefined> {
  await page.goto(route);
  await page.locator('.empty-state, .item-list').first().waitFor();
  const item = page.getByRole('list', { name: translate('id', listKey), exact: true }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: trackingNumber, exact: true }) });
  return (await item.count()) > 0 ? item : undefined;
}
