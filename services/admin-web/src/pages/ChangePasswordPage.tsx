import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { pageProblem } from '../api/problem-message';
import { assignFieldErrors, minutesToWait } from '../api/problem';
import { useAuth, useSession } from '../app/auth';
import { sessionFromLogin } from '../app/session';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { ErrorSummary, TextField } from '../components/fields';
import { PageHeading } from '../components/PageHeading';
import { useI18n } from '../i18n/i18n';
import type { ErrorMsg, Msg } from '../i18n/translate';
import { focusFirstInvalid } from '../lib/focus';
import { MIN_PASSWORD_LENGTH, passwordChangeFieldErrors, validatePasswordChange, type PasswordChangeInput } from '../lib/password';
import { serverFieldErrors, type FieldErrors } from '../lib/validation';

const FIELDS = ['currentPassword', 'newPassword', 'repeatPassword'] as const;
const EMPTY: PasswordChangeInput = { currentPassword: '', newPassword: '', repeatPassword: '' };

/**
 * `/kata-sandi`: the officer changes their password (`POST /api/v1/auth/password`). The gateway
 * revokes every other session and answers a fresh token, which becomes this session's.
 */
export function ChangePasswordPage() {
  const { t, msg } = useI18n();
  const { api, signIn } = useAuth();
  const session = useSession();
  const [input, setInput] = useState<PasswordChangeInput>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);
  const [done, setDone] = useState(false);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const set = (field: keyof PasswordChangeInput) => (value: string) => setInput((i) => ({ ...i, [field]: value }));
  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    window.setTimeout(() => focusFirstInvalid(formRef.current), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    setProblem(null);
    setDone(false);
    const found = validatePasswordChange(input, session.user.username);
    if (Object.keys(found).length > 0) return showErrors(found);
    setErrors({});
    setSending(true);
    try {
      const answer = await api.post<unknown>('/api/v1/auth/password', { currentPassword: input.currentPassword, newPassword: input.newPassword });
      const fresh = sessionFromLogin(answer, Date.now());
      if (!fresh) throw new Error('the answer is not a login answer');
      signIn(fresh);
      setInput(EMPTY);
      setDone(true);
    } catch (err) {
      setInput((i) => ({ ...i, currentPassword: '' }));
      const byCode = err instanceof ApiError ? passwordChangeFieldErrors(err.code) : null;
      if (byCode) showErrors(byCode);
      else if (err instanceof ApiError && err.status === 400 && err.problem.errors.length > 0) showErrors(serverFieldErrors(assignFieldErrors(err.problem.errors, FIELDS).byField));
      else setProblem(changeProblem(err));
    } finally {
      setSending(false);
    }
  };

  const labels = { currentPassword: t('password.current'), newPassword: t('password.new'), repeatPassword: t('password.repeat') };
  const summary = FIELDS.flatMap((f) => (errors[f] ? [{ id: `password-${f}`, label: labels[f], message: msg(errors[f]) }] : []));
  const field = (f: (typeof FIELDS)[number], autoComplete: string, hint?: string) => (
    <TextField
      id={`password-${f}`}
      label={labels[f]}
      type="password"
      required
      autoComplete={autoComplete}
      value={input[f]}
      onValue={set(f)}
      hint={hint}
      error={errors[f] ? msg(errors[f]) : undefined}
    />
  );

  return (
    <div className="page page--narrow">
      <PageHeading title={t('password.title')}>{t('password.title')}</PageHeading>
      <p className="lead">{t('password.lead')}</p>
      {done ? (
        <StatusMessage ref={doneRef} tone="success">
          {t('password.changed')}
        </StatusMessage>
      ) : null}
      <form ref={formRef} className="form form--compact" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary errors={summary} />
        {problem ? <ErrorMessage ref={problemRef}>{msg(problem)}</ErrorMessage> : null}
        {/* The username lets a password manager file the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={session.user.username} />
        {field('currentPassword', 'current-password')}
        {field('newPassword', 'new-password', t('password.newHint', { min: MIN_PASSWORD_LENGTH }))}
        {field('repeatPassword', 'new-password')}
        <div className="form-actions">
          <button type="submit" className="button" disabled={sending}>
            {t('password.submit')}
          </button>
          {sending ? <span role="status">{t('form.sending')}</span> : null}
        </div>
      </form>
    </div>
  );
}

function changeProblem(err: unknown): Msg | ErrorMsg {
  return pageProblem(err, ({ status, problem }) => (status === 429 ? { key: 'error.rateLimited', params: { minutes: minutesToWait(problem.retryAfterSeconds ?? 60) } } : undefined));
}
