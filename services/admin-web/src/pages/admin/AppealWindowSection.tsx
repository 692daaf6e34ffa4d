import { APPEAL_WINDOW_MAX_DAYS } from '@pengaduan/sop';
import { useCallback, useState, type FormEvent } from 'react';
import { pageProblem } from '../../api/problem-message';
import { useAuth } from '../../app/auth';
import { useLoadable } from '../../api/use-loadable';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { TextField } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import type { ErrorMsg, Msg } from '../../i18n/translate';
import { newUuid } from '../../lib/uuid';

/** The office's appeal window as `GET /api/v1/appeal-window` answers (docs/adr/0053). */
interface AppealWindow {
  readonly days: number;
  readonly version: number;
}

/** The longest window the API takes. */
const MAX_DAYS = APPEAL_WINDOW_MAX_DAYS;

/**
 * The "Masa banding" section of `/administrasi/templat` (docs/adr/0053): how many days after
 * closing a poor rating opens an appeal and an appeal is taken. The head of office sets it;
 * Admin Tikkim reads it.
 */
export function AppealWindowSection({ editor }: { editor: boolean }) {
  const { t, msg } = useI18n();
  const { api } = useAuth();
  const read = useCallback(() => api.get<AppealWindow>('/api/v1/appeal-window'), [api]);
  const [loaded, reload] = useLoadable(read);
  const [days, setDays] = useState<string | null>(null);
  const [requestKey, setRequestKey] = useState(newUuid);
  const [result, setResult] = useState<{ ok: true } | { ok: false; message: Msg | ErrorMsg } | null>(null);
  const [saving, setSaving] = useState(false);
  if (loaded.state !== 'ok') return null;
  const shown = days ?? String(loaded.value.days);
  const valid = /^\d{1,3}$/.test(shown.trim()) && Number(shown) <= MAX_DAYS;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setSaving(true);
    setResult(null);
    let next: typeof result = { ok: true };
    try {
      await api.put<AppealWindow>('/api/v1/appeal-window', { days: Number(shown) }, { idempotencyKey: requestKey, ifMatch: loaded.value.version });
      setRequestKey(newUuid());
    } catch (err) {
      // Refused, or changed by someone else meanwhile: the window as it is now is shown.
      next = { ok: false, message: pageProblem(err) };
    }
    await reload();
    setDays(null);
    setResult(next);
    setSaving(false);
  };

  return (
    <form className="form section" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="appeal-window-title">
      <h2 id="appeal-window-title">{t('appealWindow.title')}</h2>
      <p>{t('appealWindow.lead')}</p>
      {result && !result.ok ? <ErrorMessage>{msg(result.message)}</ErrorMessage> : null}
      {result?.ok ? <StatusMessage tone="success">{t('appealWindow.saved')}</StatusMessage> : null}
      <TextField
        id="appeal-window-days"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_DAYS}
        step={1}
        label={t('appealWindow.days')}
        hint={t('appealWindow.hint', { max: MAX_DAYS })}
        value={shown}
        readOnly={!editor}
        disabled={saving}
        onValue={setDays}
        error={valid ? undefined : t('appealWindow.invalid', { max: MAX_DAYS })}
      />
      {editor ? (
        <div className="form-actions">
          <button type="submit" className="button" disabled={saving || days === null || !valid}>
            {t('appealWindow.save')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
