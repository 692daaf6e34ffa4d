import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from '@pengaduan/sop';
import { useCallback, useState, type FormEvent } from 'react';
import { pageProblem } from '../../api/problem-message';
import { useAuth } from '../../app/auth';
import { useLoadable } from '../../api/use-loadable';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { TextField } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import type { ErrorMsg, Msg } from '../../i18n/translate';
import { newUuid } from '../../lib/uuid';

type RetentionKind = 'CLOSED_COMPLAINT' | 'DISMISSED_MESSAGE';
/** The office's retention periods as `GET /api/v1/retention-policy` answers (docs/adr/0057). */
interface RetentionPolicy {
  readonly policies: readonly { kind: RetentionKind; days: number }[];
  readonly version: number;
}

/** The bounds the API takes. */
const MIN_DAYS = RETENTION_MIN_DAYS;
const MAX_DAYS = RETENTION_MAX_DAYS;
const validDays = (v: string) => /^\d{2,4}$/.test(v.trim()) && Number(v) >= MIN_DAYS && Number(v) <= MAX_DAYS;

/**
 * The "Retensi data" section of `/administrasi/templat` (docs/adr/0057): how many days after
 * closing the office keeps each kind of record before the daily retention job erases it. The head
 * of office sets them; the auditor reads them; for other roles the API answers 403 and nothing shows.
 */
export function RetentionPolicySection({ editor }: { editor: boolean }) {
  const { t, msg } = useI18n();
  const { api } = useAuth();
  const read = useCallback(() => api.get<RetentionPolicy>('/api/v1/retention-policy'), [api]);
  const [loaded, reload] = useLoadable(read);
  const [edits, setEdits] = useState<Partial<Record<RetentionKind, string>>>({});
  const [requestKey, setRequestKey] = useState(newUuid);
  const [result, setResult] = useState<{ ok: true } | { ok: false; message: Msg | ErrorMsg } | null>(null);
  const [saving, setSaving] = useState(false);
  if (loaded.state !== 'ok') return null;
  const shown = loaded.value.policies.map((p) => ({ kind: p.kind, value: edits[p.kind] ?? String(p.days) }));
  const valid = shown.every((p) => validDays(p.value));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setSaving(true);
    setResult(null);
    let next: typeof result = { ok: true };
    try {
      const policies = shown.map((p) => ({ kind: p.kind, days: Number(p.value) }));
      await api.put<RetentionPolicy>('/api/v1/retention-policy', { policies }, { idempotencyKey: requestKey, ifMatch: loaded.value.version });
      setRequestKey(newUuid());
    } catch (err) {
      // Refused, or changed by someone else meanwhile: the periods as they are now are shown.
      next = { ok: false, message: pageProblem(err) };
    }
    await reload();
    setEdits({});
    setResult(next);
    setSaving(false);
  };

  return (
    <form className="form section" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="retention-policy-title">
      <h2 id="retention-policy-title">{t('retention.title')}</h2>
      <p>{t('retention.lead')}</p>
      {result && !result.ok ? <ErrorMessage>{msg(result.message)}</ErrorMessage> : null}
      {result?.ok ? <StatusMessage tone="success">{t('retention.saved')}</StatusMessage> : null}
      {shown.map((p) => (
        <TextField
          key={p.kind}
          id={`retention-${p.kind}`}
          type="number"
          inputMode="numeric"
          min={MIN_DAYS}
          max={MAX_DAYS}
          step={1}
          label={t(`retention.kind.${p.kind}`)}
          hint={t('retention.hint', { min: MIN_DAYS, max: MAX_DAYS })}
          value={p.value}
          readOnly={!editor}
          disabled={saving}
          onValue={(v) => setEdits((all) => ({ ...all, [p.kind]: v }))}
          error={validDays(p.value) ? undefined : t('retention.invalid', { min: MIN_DAYS, max: MAX_DAYS })}
        />
      ))}
      {editor ? (
        <div className="form-actions">
          <button type="submit" className="button" disabled={saving || Object.keys(edits).length === 0 || !valid}>
            {t('retention.save')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
