import { FIELD_RULES } from '@pengaduan/sop';
import { useEffect, useRef, useState } from 'react';
import type { ProblemMessage, ProblemMessageAction } from '../../api/types';
import { useAuth } from '../../app/auth';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { TextArea } from '../../components/fields';
import { CommandForm, fieldId } from '../../complaint/CommandForm';
import { useCommand } from '../../complaint/use-command';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatWib } from '../../lib/format';
import { channelLabel } from '../../lib/sop-labels';
import { checkText, type FieldErrors } from '../../lib/validation';
import { WORK_QUEUES } from '../../lib/work-queues';
import { QueuePage } from './QueuePage';

/** Who re-processes and discards (the head of office reads only): as the gateway decides (docs/adr/0047). */
const WORKERS: readonly string[] = ['ADMIN_TIKKIM'];
const REASON = FIELD_RULES.problemMessageDiscardReason;

const actionUrl = (id: string, action: 'reprocess' | 'discard') => `${WORK_QUEUES.problemMessages.api}/${encodeURIComponent(id)}/${action}`;

/**
 * `/pesan-bermasalah`: channel messages intake could not turn into complaints — a webhook whose
 * content it could not read, a message whose processing kept failing — oldest first, without
 * their content. Admin Tikkim re-processes one once the cause is fixed (a quarantined request is
 * read again and becomes a complaint) or discards it with a reason; both are recorded.
 */
export function ProblemMessagesPage() {
  const { t, lang } = useI18n();
  const { session } = useAuth();
  const works = session ? WORKERS.includes(session.user.role) : false;
  const [notice, setNotice] = useState<{ text: string; tone: 'info' | 'success' } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const done = (answer: ProblemMessageAction) =>
    setNotice({
      text: t(`problemMessages.outcome.${answer.outcome}` as MessageKey, { reason: answer.item.reason }),
      tone: answer.outcome === 'UNREADABLE' ? 'info' : 'success',
    });

  return (
    <QueuePage<ProblemMessage>
      queue="problemMessages"
      title={t('problemMessages.title')}
      lead={t('problemMessages.lead')}
      emptyTitle={t('problemMessages.emptyTitle')}
      emptyText={t('problemMessages.emptyText')}
      listLabel={t('problemMessages.listLabel')}
      itemKey={(m) => m.id}
      notice={
        <>
          {!works ? <p className="muted">{t('problemMessages.readOnly')}</p> : null}
          {notice ? (
            <StatusMessage ref={noticeRef} tone={notice.tone}>
              {notice.text}
            </StatusMessage>
          ) : null}
        </>
      }
      renderItem={(m, reload) => {
        const names = { provider: m.provider, time: formatWib(m.receivedAt, lang) };
        return (
          <>
            <div className="item__head">
              <h2 className="item__title">{t('problemMessages.itemTitle', names)}</h2>
              <span className="badge badge--warning">{t(`problemMessages.kind.${m.kind}`)}</span>
            </div>
            <dl className="item__facts">
              {m.channel ? (
                <div>
                  <dt>{t('problemMessages.channel')}</dt>
                  <dd>{channelLabel(m.channel, lang)}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('problemMessages.reason')}</dt>
                <dd>{m.reason}</dd>
              </div>
              {m.kind === 'FAILED_MESSAGE' ? (
                <div>
                  <dt>{t('problemMessages.attempts')}</dt>
                  <dd>{m.attempts}</dd>
                </div>
              ) : null}
            </dl>
            {works ? (
              <ProblemMessageActions
                message={m}
                names={names}
                onDone={(answer) => {
                  done(answer);
                  void reload();
                }}
              />
            ) : null}
          </>
        );
      }}
    />
  );
}

function ProblemMessageActions({ message, names, onDone }: { message: ProblemMessage; names: { provider: string; time: string }; onDone: (answer: ProblemMessageAction) => void }) {
  const { t, msg } = useI18n();
  const [discarding, setDiscarding] = useState(false);
  const reprocess = useCommand<ProblemMessageAction>(actionUrl(message.id, 'reprocess'), { knownFields: [] });

  if (discarding) return <DiscardForm message={message} onDone={onDone} onCancel={() => setDiscarding(false)} />;
  return (
    <div className="form-actions">
      {reprocess.problem ? <ErrorMessage>{msg(reprocess.problem)}</ErrorMessage> : null}
      <button
        type="button"
        className="button"
        disabled={reprocess.sending}
        aria-label={t('problemMessages.reprocessOf', names)}
        onClick={() => void reprocess.submit(undefined).then((answer) => answer && onDone(answer))}
      >
        {t('problemMessages.reprocess')}
      </button>
      <button type="button" className="button button--secondary" aria-label={t('problemMessages.discardOf', names)} onClick={() => setDiscarding(true)}>
        {t('problemMessages.discard')}
      </button>
    </div>
  );
}

function DiscardForm({ message, onDone, onCancel }: { message: ProblemMessage; onDone: (answer: ProblemMessageAction) => void; onCancel: () => void }) {
  const { t, msg } = useI18n();
  const form = `discard-${message.id}`;
  const [reason, setReason] = useState('');
  const labels = { reason: t('problemMessages.discardReason') };
  const command = useCommand<ProblemMessageAction>(actionUrl(message.id, 'discard'), { knownFields: Object.keys(labels) });

  const submit = async () => {
    const found: FieldErrors = {};
    checkText(found, 'reason', reason, REASON.maxLength);
    if (!command.check(found)) return;
    const answer = await command.submit({ reason: reason.trim() });
    if (answer) onDone(answer);
  };

  return (
    <CommandForm formId={form} title={t('problemMessages.discardTitle')} submitLabel={t('problemMessages.discardSubmit')} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <TextArea
        id={fieldId(form, 'reason')}
        label={labels.reason}
        hint={t('problemMessages.discardHint')}
        required
        rows={3}
        maxLength={REASON.maxLength}
        showCount
        value={reason}
        onValue={setReason}
        error={command.errors['reason'] ? msg(command.errors['reason']) : undefined}
      />
    </CommandForm>
  );
}
