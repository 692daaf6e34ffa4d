import { BREAK_GLASS_REASON_MIN } from '@pengaduan/sop';
import { useState } from 'react';
import type { ComplaintMessages } from '../api/types';
import { TextArea } from '../components/fields';
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n/i18n';
import { contactPurposeLabel } from '../lib/contact-purposes';
import { formatWib } from '../lib/format';
import { channelLabel } from '../lib/sop-labels';

/**
 * What the complainant wrote, and how to reach them — or that the contact is withheld from this
 * officer (docs/adr/0029: Admin Tikkim sees it for the step that needs it; the head of office
 * may break the glass with a reason; both are recorded).
 */
export function Messages({ data, onBreakGlass }: { data: ComplaintMessages; onBreakGlass?: (reason: string) => Promise<number | null> }) {
  const { t, lang } = useI18n();
  const c = data.contact;
  return (
    <div className="messages">
      <h3>{t('messages.contact')}</h3>
      {data.personalDataErased ? (
        <p className="badge badge--danger" role="status">
          <Icon name="lock" />
          {t('complaint.personalDataErased')}
        </p>
      ) : data.contactRestricted ? (
        <p className="badge badge--danger" role="status">
          <Icon name="lock" />
          {t('complaint.contactRestricted')}
        </p>
      ) : data.contactRedacted ? (
        <p className="badge badge--private">
          <Icon name="lock" />
          {t('messages.redacted')}
        </p>
      ) : data.contactWithheld ? (
        <>
          <p className="badge badge--private">
            <Icon name="lock" />
            {t('messages.withheld')}
          </p>
          {onBreakGlass && data.contactPurposes.includes('BREAK_GLASS') ? <BreakGlass onBreakGlass={onBreakGlass} /> : null}
        </>
      ) : c && (c.name || c.phone || c.email || c.handle) ? (
        <dl className="facts">
          {c.name ? (
            <div>
              <dt>{t('field.contactName')}</dt>
              <dd>{c.name}</dd>
            </div>
          ) : null}
          {c.phone ? (
            <div>
              <dt>{t('field.contactPhone')}</dt>
              <dd>
                <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>{c.phone}</a>
              </dd>
            </div>
          ) : null}
          {c.email ? (
            <div>
              <dt>{t('field.contactEmail')}</dt>
              <dd>{c.email}</dd>
            </div>
          ) : null}
          {c.handle ? (
            <div>
              <dt>{t('field.contactHandle')}</dt>
              <dd>{c.handle}</dd>
            </div>
          ) : null}
          {data.contactPurpose ? (
            <div>
              <dt>{t('messages.readFor')}</dt>
              <dd>{t('messages.recorded', { purpose: contactPurposeLabel(data.contactPurpose, lang) })}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="muted">{t('messages.noContact')}</p>
      )}
      <h3>{t('messages.text')}</h3>
      <blockquote className="complaint-text preserve-lines">{data.text}</blockquote>
      {data.messages.length > 0 ? (
        <>
          <h3>{t('messages.all', { n: data.messages.length })}</h3>
          <ol className="message-list">
            {data.messages.map((m) => (
              <li key={m.messageId} className="message">
                <p className="message__meta">
                  {formatWib(m.receivedAt, lang)} · {channelLabel(m.channel, lang)}
                  {m.attachmentCount > 0 ? ` · ${t('messages.attachments', { n: m.attachmentCount })}` : ''}
                </p>
                <p className="preserve-lines">{m.text}</p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}

/** The head of office's exceptional read: a reason first, recorded with the read. */
function BreakGlass({ onBreakGlass }: { onBreakGlass: (reason: string) => Promise<number | null> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <p>
        <button type="button" className="button button--ghost" onClick={() => setOpen(true)}>
          {t('messages.breakGlass.open')}
        </button>
      </p>
    );
  }
  const submit = async () => {
    if (reason.trim().length < BREAK_GLASS_REASON_MIN) {
      setError(t('messages.breakGlass.tooShort', { n: String(BREAK_GLASS_REASON_MIN) }));
      return;
    }
    setBusy(true);
    const status = await onBreakGlass(reason.trim());
    setBusy(false);
    if (status !== null) setError(t('messages.breakGlass.failed', { status: String(status) }));
  };
  return (
    <form
      className="break-glass"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="muted">{t('messages.breakGlass.hint')}</p>
      <TextArea id="break-glass-reason" label={t('messages.breakGlass.reason')} required value={reason} onValue={setReason} maxLength={500} rows={3} error={error} />
      <button type="submit" className="button button--secondary" disabled={busy}>
        {t('messages.breakGlass.submit')}
      </button>
    </form>
  );
}
