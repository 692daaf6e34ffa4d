import type { ComplaintMessages } from '../api/types';
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n/i18n';
import { formatWib } from '../lib/format';
import { channelLabel } from '../lib/sop-labels';

/** What the complainant wrote, and how to reach them (or that their identity is withheld from this officer). */
export function Messages({ data }: { data: ComplaintMessages }) {
  const { t, lang } = useI18n();
  const c = data.contact;
  return (
    <div className="messages">
      <h3>{t('messages.contact')}</h3>
      {data.contactRedacted ? (
        <p className="badge badge--private">
          <Icon name="lock" />
          {t('messages.redacted')}
        </p>
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
