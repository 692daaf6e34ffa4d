import { useCallback, useState, type FormEvent } from 'react';
import { pageProblem } from '../../api/problem-message';
import { useAuth } from '../../app/auth';
import { useLoadable } from '../../api/use-loadable';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { CheckboxField } from '../../components/fields';
import { GuideLink } from '../../components/GuideLink';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { ErrorMsg, Msg } from '../../i18n/translate';
import { newUuid } from '../../lib/uuid';

/** The office's status messages as `GET /api/v1/status-messages` answers (docs/adr/0054). */
interface StatusMessages {
  readonly items: readonly { readonly purpose: string; readonly enabled: boolean }[];
  readonly version: number;
}

const SWITCH_KEYS: Readonly<Record<string, MessageKey>> = {
  STATUS_CONFIRMED: 'statusMessages.switch.STATUS_CONFIRMED',
  STATUS_DISPOSED: 'statusMessages.switch.STATUS_DISPOSED',
  STATUS_DECIDED: 'statusMessages.switch.STATUS_DECIDED',
  RATING_REQUEST: 'statusMessages.switch.RATING_REQUEST',
};

/**
 * The "Pesan status" section of `/administrasi/templat` (docs/adr/0054): which status messages
 * the office sends its reporters. The head of office turns each on or off; Admin Tikkim reads.
 */
export function StatusMessagesSection({ editor }: { editor: boolean }) {
  const { t, msg } = useI18n();
  const { api } = useAuth();
  const read = useCallback(() => api.get<StatusMessages>('/api/v1/status-messages'), [api]);
  const [settings, load] = useLoadable(read);
  const [draft, setDraft] = useState<Readonly<Record<string, boolean>> | null>(null);
  const [key, setKey] = useState(newUuid);
  const [outcome, setOutcome] = useState<{ kind: 'saved' } | { kind: 'error'; message: Msg | ErrorMsg } | null>(null);
  const [busy, setBusy] = useState(false);
  if (settings.state !== 'ok') return null;
  const current = settings.value;
  const enabled = (purpose: string, was: boolean) => draft?.[purpose] ?? was;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setOutcome(null);
    let done: typeof outcome;
    try {
      const items = current.items.map((s) => ({ purpose: s.purpose, enabled: enabled(s.purpose, s.enabled) }));
      await api.put<StatusMessages>('/api/v1/status-messages', { items }, { idempotencyKey: key, ifMatch: current.version });
      done = { kind: 'saved' };
      setKey(newUuid());
    } catch (err) {
      // Refused, or changed by someone else meanwhile: show the settings as they are now.
      done = { kind: 'error', message: pageProblem(err) };
    }
    // The settings as saved are shown before the outcome is announced.
    await load();
    setDraft(null);
    setOutcome(done);
    setBusy(false);
  };

  return (
    <form className="form section" noValidate onSubmit={(e) => void save(e)} aria-labelledby="status-messages-title">
      <h2 id="status-messages-title">{t('statusMessages.title')}</h2>
      <p>
        {t('statusMessages.lead')} <GuideLink section="pesan-status" />
      </p>
      {outcome?.kind === 'error' ? <ErrorMessage>{msg(outcome.message)}</ErrorMessage> : null}
      {outcome?.kind === 'saved' ? <StatusMessage tone="success">{t('statusMessages.saved')}</StatusMessage> : null}
      {current.items.map((s) => (
        <CheckboxField
          key={s.purpose}
          id={`status-message-${s.purpose}`}
          label={SWITCH_KEYS[s.purpose] ? t(SWITCH_KEYS[s.purpose] as MessageKey) : s.purpose}
          checked={enabled(s.purpose, s.enabled)}
          disabled={!editor || busy}
          onChecked={(checked) => setDraft({ ...draft, [s.purpose]: checked })}
        />
      ))}
      {editor ? (
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || draft === null}>
            {t('statusMessages.save')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
