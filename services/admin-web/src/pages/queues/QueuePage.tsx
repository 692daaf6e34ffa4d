import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { GuideLink } from '../../components/GuideLink';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/i18n';
import type { GuideSection } from '../../lib/guide';
import { LOADING, type Loadable } from '../../lib/loadable';
import { WORK_QUEUES, type QueueName } from '../../lib/work-queues';

/** A queue is read again this often while open. */
const REFRESH_EVERY_MS = 60_000;

interface QueuePageProps<T> {
  readonly queue: QueueName;
  readonly title: string;
  readonly lead: string;
  /** The section of the officers' guide that explains this queue's work, linked after the lead. */
  readonly guide?: GuideSection;
  readonly emptyTitle: string;
  readonly emptyText: string;
  readonly listLabel: string;
  /** One item; `reload` reads the queue again (after an action on the item). */
  readonly renderItem: (item: T, reload: () => Promise<void>) => ReactNode;
  readonly itemKey: (item: T) => string;
  /** What the last action on an item did, shown above the list. */
  readonly notice?: ReactNode;
  /** Actions on many items at once, beside the refresh button (e.g. re-drive a group's dead letters). */
  readonly actions?: (items: readonly T[], reload: () => Promise<void>) => ReactNode;
}

/** One work queue's page: what waits, oldest first, with loading, error and empty states. */
export function QueuePage<T>({ queue, title, lead, guide, emptyTitle, emptyText, listLabel, renderItem, itemKey, notice, actions }: QueuePageProps<T>) {
  const { t } = useI18n();
  const { api, session } = useAuth();
  const [list, setList] = useState<Loadable<{ items: T[]; total: number }>>(LOADING);
  const allowed = session ? WORK_QUEUES[queue].roles.includes(session.user.role) : false;

  const load = useCallback(async () => {
    try {
      setList({ state: 'ok', value: await api.get<{ items: T[]; total: number }>(WORK_QUEUES[queue].api) });
    } catch (err) {
      setList((current) => (current.state === 'ok' ? current : { state: 'error', status: err instanceof ApiError ? err.status : 0 }));
    }
  }, [api, queue]);

  useEffect(() => {
    if (!allowed) return undefined;
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [load, allowed]);

  return (
    <div className="page">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">
        {lead}
        {guide ? (
          <>
            {' '}
            <GuideLink section={guide} />
          </>
        ) : null}
      </p>
      {!allowed ? (
        <ErrorMessage>
          <p>{t('queue.notYours')}</p>
        </ErrorMessage>
      ) : (
        <>
          <div className="toolbar">
            <button type="button" className="button button--secondary" onClick={() => void load()}>
              {t('common.refresh')}
            </button>
            {list.state === 'ok' ? actions?.(list.value.items, load) : null}
          </div>
          {notice}
          {list.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
          {list.state === 'error' ? (
            <ErrorMessage>
              <p>{list.status === 0 ? t('error.network') : t('error.unavailable')}</p>
            </ErrorMessage>
          ) : null}
          {list.state === 'ok' && list.value.items.length === 0 ? (
            <div className="empty-state">
              <p className="empty-state__title">{emptyTitle}</p>
              <p>{emptyText}</p>
            </div>
          ) : null}
          {list.state === 'ok' && list.value.items.length > 0 ? (
            <>
              <p className="muted" aria-live="polite">
                {t('queue.count', { n: list.value.total })}
              </p>
              <ul className="item-list" aria-label={listLabel}>
                {list.value.items.map((item) => (
                  <li key={itemKey(item)} className="item">
                    {renderItem(item, load)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
