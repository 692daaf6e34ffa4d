import { useEffect, useRef, useState } from 'react';
import type { DeadLetter, RedriveResult } from '../../api/types';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { useCommand } from '../../complaint/use-command';
import { useI18n } from '../../i18n/i18n';
import { formatWib } from '../../lib/format';
import { WORK_QUEUES } from '../../lib/work-queues';
import { QueuePage } from './QueuePage';

const REDRIVE_ONE = (id: string) => `${WORK_QUEUES.deadLetters.api}/${encodeURIComponent(id)}/redrive`;
const REDRIVE_GROUP = `${WORK_QUEUES.deadLetters.api}/redrive`;

/** The groups among the waiting dead letters that re-driving can help, with how many each. */
function redrivableGroups(items: readonly DeadLetter[]): { group: string; n: number }[] {
  const counts = new Map<string, number>();
  for (const d of items) if (d.redrivable && !d.redriven) counts.set(d.consumerGroup, (counts.get(d.consumerGroup) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([group, n]) => ({ group, n }));
}

/**
 * `/peristiwa-gagal`: the events each consumer group gave up on (its dead-letter topic), oldest
 * first, with the reason — never a complaint's content. After a fix the platform operator
 * re-drives one, or every one of a group: they go back to that group only, and are recorded
 * (docs/adr/0043). One that fails again comes back with its new reason.
 */
export function DeadLettersPage() {
  const { t } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  const done = (answer: RedriveResult, reload: () => Promise<void>) => {
    setNotice(t('deadLetters.redriven', { n: answer.count, group: answer.group }));
    void reload();
  };

  return (
    <QueuePage<DeadLetter>
      queue="deadLetters"
      title={t('deadLetters.title')}
      lead={t('deadLetters.lead')}
      emptyTitle={t('deadLetters.emptyTitle')}
      emptyText={t('deadLetters.emptyText')}
      listLabel={t('deadLetters.listLabel')}
      itemKey={(d) => d.id}
      notice={
        notice ? (
          <StatusMessage ref={noticeRef} tone="success">
            {notice}
          </StatusMessage>
        ) : null
      }
      actions={(items, reload) => redrivableGroups(items).map(({ group, n }) => <RedriveGroupButton key={group} group={group} n={n} onDone={(answer) => done(answer, reload)} />)}
      renderItem={(d, reload) => <DeadLetterItem deadLetter={d} onDone={(answer) => done(answer, reload)} />}
    />
  );
}

function DeadLetterItem({ deadLetter: d, onDone }: { deadLetter: DeadLetter; onDone: (answer: RedriveResult) => void }) {
  const { t, lang, msg } = useI18n();
  const redrive = useCommand<RedriveResult>(REDRIVE_ONE(d.id), { knownFields: [] });
  const name = { type: d.eventType ?? t('deadLetters.unreadable'), group: d.consumerGroup };
  return (
    <>
      <div className="item__head">
        <h2 className="item__title">{t('deadLetters.itemTitle', name)}</h2>
        <span className="badge badge--warning">{d.errorCode}</span>
      </div>
      <dl className="item__facts">
        <div>
          <dt>{t('deadLetters.group')}</dt>
          <dd>{d.consumerGroup}</dd>
        </div>
        <div>
          <dt>{t('deadLetters.eventId')}</dt>
          <dd>{d.eventId ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('deadLetters.complaintId')}</dt>
          <dd>{d.complaintId ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('deadLetters.attempts')}</dt>
          <dd>{d.attempts}</dd>
        </div>
        <div>
          <dt>{t('deadLetters.failedAt')}</dt>
          <dd>{formatWib(d.failedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('deadLetters.state')}</dt>
          <dd>{d.redriven ? t('deadLetters.redrivenBy', { by: d.redriven.by, time: formatWib(d.redriven.at, lang) }) : t('deadLetters.waiting')}</dd>
        </div>
      </dl>
      <p className="item__summary">
        {t('deadLetters.reason')} {d.reason}
      </p>
      {redrive.problem ? <ErrorMessage>{msg(redrive.problem)}</ErrorMessage> : null}
      {d.redrivable && !d.redriven ? (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={redrive.sending}
            aria-busy={redrive.sending || undefined}
            aria-label={t('deadLetters.redriveOf', name)}
            onClick={() => void redrive.submit(undefined).then((answer) => answer && onDone(answer))}
          >
            {t('deadLetters.redrive')}
          </button>
        </div>
      ) : null}
      {!d.redrivable ? <p className="muted">{t('deadLetters.notRedrivable')}</p> : null}
    </>
  );
}

function RedriveGroupButton({ group, n, onDone }: { group: string; n: number; onDone: (answer: RedriveResult) => void }) {
  const { t, msg } = useI18n();
  const redrive = useCommand<RedriveResult>(REDRIVE_GROUP, { knownFields: ['group'] });
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        disabled={redrive.sending}
        aria-busy={redrive.sending || undefined}
        onClick={() => void redrive.submit({ group }).then((answer) => answer && onDone(answer))}
      >
        {t('deadLetters.redriveGroup', { group, n })}
      </button>
      {redrive.problem ? <ErrorMessage>{msg(redrive.problem)}</ErrorMessage> : null}
    </>
  );
}
