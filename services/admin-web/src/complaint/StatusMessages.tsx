import { useCallback } from 'react';
import { useAuth } from '../app/auth';
import { useLoadable } from '../api/use-loadable';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { formatWib } from '../lib/format';
import { channelLabel } from '../lib/sop-labels';

/** One status message as `GET /api/v1/complaints/{id}/status-messages` answers (docs/adr/0054): no address, no text. */
interface StatusMessageRow {
  readonly notificationId: string;
  readonly purpose: string;
  readonly channel: string | null;
  readonly outcome: string;
  readonly queuedAt: string;
  readonly sentAt: string | null;
  readonly deliveredAt: string | null;
  readonly readAt: string | null;
}

const PURPOSE_KEYS: Readonly<Record<string, MessageKey>> = {
  STATUS_CONFIRMED: 'complaint.statusMessages.purpose.STATUS_CONFIRMED',
  STATUS_DISPOSED: 'complaint.statusMessages.purpose.STATUS_DISPOSED',
  STATUS_DECIDED: 'complaint.statusMessages.purpose.STATUS_DECIDED',
  RATING_REQUEST: 'complaint.statusMessages.purpose.RATING_REQUEST',
};

const OUTCOME_KEYS: Readonly<Record<string, MessageKey>> = {
  PENDING: 'complaint.statusMessages.outcome.PENDING',
  SENT: 'complaint.statusMessages.outcome.SENT',
  DELIVERED: 'complaint.statusMessages.outcome.DELIVERED',
  READ: 'complaint.statusMessages.outcome.READ',
  FAILED: 'complaint.statusMessages.outcome.FAILED',
  UNDELIVERED: 'complaint.statusMessages.outcome.UNDELIVERED',
};

/**
 * "Pesan status kepada pelapor": the status messages notification sent the complainant (confirmed,
 * dispositioned, decided, the rating request), with their channel, outcome and receipt times.
 */
export function StatusMessages({ complaintId }: { complaintId: string }) {
  const { t, lang } = useI18n();
  const { api } = useAuth();
  const read = useCallback(() => api.get<{ items: StatusMessageRow[] }>(`/api/v1/complaints/${encodeURIComponent(complaintId)}/status-messages`), [api, complaintId]);
  const [loaded] = useLoadable(read);
  if (loaded.state !== 'ok') return null;
  const items = loaded.value.items;
  return (
    <div className="status-messages">
      <h3>{t('complaint.statusMessages.title')}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('complaint.statusMessages.none')}</p>
      ) : (
        <ol className="message-list">
          {items.map((m) => {
            const purpose = PURPOSE_KEYS[m.purpose];
            const outcome = OUTCOME_KEYS[m.outcome];
            const times = [
              m.sentAt ? t('complaint.statusMessages.sentAt', { time: formatWib(m.sentAt, lang) }) : null,
              m.deliveredAt ? t('complaint.statusMessages.deliveredAt', { time: formatWib(m.deliveredAt, lang) }) : null,
              m.readAt ? t('complaint.statusMessages.readAt', { time: formatWib(m.readAt, lang) }) : null,
            ].filter((x): x is string => x !== null);
            return (
              <li key={m.notificationId} className="message">
                <p className="message__meta">
                  {formatWib(m.queuedAt, lang)}
                  {m.channel ? ` · ${channelLabel(m.channel, lang)}` : ''}
                </p>
                <p>
                  <strong>{purpose ? t(purpose) : m.purpose}</strong> · {outcome ? t(outcome) : m.outcome}
                  {times.length > 0 ? ` (${times.join(', ')})` : ''}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
