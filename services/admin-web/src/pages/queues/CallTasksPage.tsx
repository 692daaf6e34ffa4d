import type { CallTask } from '../../api/types';
import { complaintPath } from '../../app/routes';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatWib } from '../../lib/format';
import { channelLabel, purposeLabel } from '../../lib/sop-labels';
import { QueuePage } from './QueuePage';

/** Why no message went out, in words, for the platform's own reasons; a provider's code as it is. */
const PLATFORM_REASONS = {
  NO_ADAPTER: 'callTasks.reason.NO_ADAPTER',
  NO_ADDRESS: 'callTasks.reason.NO_ADDRESS',
  OFFICER_ONLY: 'callTasks.reason.OFFICER_ONLY',
} as const satisfies Record<string, MessageKey>;

function reasonKey(errorCode: string): MessageKey | undefined {
  const reason = errorCode.slice(errorCode.indexOf('.') + 1);
  return Object.hasOwn(PLATFORM_REASONS, reason) ? PLATFORM_REASONS[reason as keyof typeof PLATFORM_REASONS] : undefined;
}

/**
 * `/panggilan`: the messages no channel could deliver — the acknowledgement, the follow-up
 * information, the dismissal notice, each named — oldest first, with why each channel failed.
 * Admin Tikkim opens the complaint, reads the reporter's number there (the read is recorded),
 * phones, and records what came of it (docs/adr/0044, 0051): told (step 8's information: the
 * delivery closes the complaint; the acknowledgement: recorded as given, the complaint goes on),
 * not reachable (the task waits, then shows its last call), or given up with a reason.
 */
export function CallTasksPage() {
  const { t, lang } = useI18n();
  return (
    <QueuePage<CallTask>
      queue="callTasks"
      title={t('callTasks.title')}
      lead={t('callTasks.lead')}
      emptyTitle={t('callTasks.emptyTitle')}
      emptyText={t('callTasks.emptyText')}
      listLabel={t('callTasks.listLabel')}
      itemKey={(task) => `${task.complaintId}:${task.purpose}`}
      renderItem={(task) => (
        <>
          <div className="item__head">
            <h2 className="item__title">
              <Link to={complaintPath(task.complaintId)}>{task.trackingNumber}</Link>
            </h2>
            <span className="badge badge--warning">{t('callTasks.allFailed')}</span>
          </div>
          <dl className="item__facts">
            <div>
              <dt>{t('callTasks.purpose')}</dt>
              <dd>{purposeLabel(task.purpose, lang)}</dd>
            </div>
            <div>
              <dt>{t('callTasks.openedAt')}</dt>
              <dd>{formatWib(task.openedAt, lang)}</dd>
            </div>
          </dl>
          <p className="item__summary">{t('callTasks.failuresLabel')}</p>
          <ul className="plain-list" aria-label={t('callTasks.failuresOf', { number: task.trackingNumber })}>
            {task.failures.map((f) => (
              <li key={`${f.channel}-${f.attempt}-${f.failedAt}`}>
                {t('callTasks.failure', {
                  channel: channelLabel(f.channel, lang),
                  reason: reasonKey(f.errorCode) ? `${t(reasonKey(f.errorCode) as MessageKey)} (${f.errorCode})` : f.errorCode,
                  attempt: f.attempt,
                  time: formatWib(f.failedAt, lang),
                })}
              </li>
            ))}
          </ul>
          {task.lastCallAttempt ? (
            <p className="item__summary">
              {t('callTasks.lastAttempt', {
                time: formatWib(task.lastCallAttempt.attemptedAt, lang),
                count: task.lastCallAttempt.attempts,
                retryAt: formatWib(task.lastCallAttempt.retryAt, lang),
              })}
            </p>
          ) : null}
          <p>
            <Link to={complaintPath(task.complaintId)}>{t('callTasks.open', { number: task.trackingNumber })}</Link>
          </p>
        </>
      )}
    />
  );
}
