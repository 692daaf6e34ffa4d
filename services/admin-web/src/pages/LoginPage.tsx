import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { assignFieldErrors, minutesToWait } from '../api/problem';
import { useAuth } from '../app/auth';
import { QUERY_PARAMS, ROUTES, safeNext } from '../app/routes';
import { useQuery, useRouter } from '../app/router';
import { sessionFromLogin } from '../app/session';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { ErrorSummary, TextField } from '../components/fields';
import { PageHeading } from '../components/PageHeading';
import { useI18n } from '../i18n/i18n';
import type { Msg } from '../i18n/translate';
import { focusFirstInvalid } from '../lib/focus';
import { formatWib } from '../lib/format';
import type { Lang } from '../lib/lang';
import { serverFieldErrors, type FieldErrors } from '../lib/validation';

const FIELDS = ['username', 'password'] as const;

/** `/masuk`: officers log in; afterwards they go back where `?lanjut=` says, else to the inbox. */
export function LoginPage() {
  const { t, msg, lang } = useI18n();
  const { publicApi, signIn, session } = useAuth();
  const { navigate } = useRouter();
  const query = useQuery();
  const next = safeNext(query.get(QUERY_PARAMS.next));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Msg | null>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const found: FieldErrors = {};
    if (username.trim() === '') found['username'] = { key: 'validation.required' };
    if (password === '') found['password'] = { key: 'validation.required' };
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => focusFirstInvalid(formRef.current), 0);
      return;
    }
    setSending(true);
    try {
      const answer = await publicApi.post<unknown>('/api/v1/auth/login', { username: username.trim(), password });
      const s = sessionFromLogin(answer, Date.now());
      if (!s) throw new Error('the login answer is not one');
      signIn(s);
      navigate(next ?? ROUTES.inbox, { replace: true });
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.status === 400 && err.problem.errors.length > 0) {
        setErrors(serverFieldErrors(assignFieldErrors(err.problem.errors, FIELDS).byField));
        window.setTimeout(() => focusFirstInvalid(formRef.current), 0);
      } else setProblem(loginProblem(err, lang));
    } finally {
      setSending(false);
    }
  };

  const labels = { username: t('login.username'), password: t('login.password') };
  const summary = FIELDS.flatMap((f) => (errors[f] ? [{ id: `login-${f}`, label: labels[f], message: msg(errors[f]) }] : []));

  return (
    <div className="page page--narrow">
      <PageHeading title={t('login.title')}>{t('login.title')}</PageHeading>
      <p className="lead">{t('login.lead')}</p>
      {next && !session ? <StatusMessage>{t('login.needed')}</StatusMessage> : null}
      <form ref={formRef} className="form form--compact" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary errors={summary} />
        {problem ? <ErrorMessage ref={problemRef}>{msg(problem)}</ErrorMessage> : null}
        <TextField
          id="login-username"
          label={labels.username}
          required
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onValue={setUsername}
          error={errors['username'] ? msg(errors['username']) : undefined}
        />
        <TextField
          id="login-password"
          label={labels.password}
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={errors['password'] ? msg(errors['password']) : undefined}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={sending}>
            {t('login.submit')}
          </button>
          {sending ? <span role="status">{t('form.sending')}</span> : null}
        </div>
      </form>
    </div>
  );
}

/** What to tell the officer when the login failed; a lockout (429) with when to try again. */
function loginProblem(err: unknown, lang: Lang): Msg {
  if (!(err instanceof ApiError)) return { key: 'error.unexpected' };
  if (err.status === 0) return { key: 'error.network' };
  if (err.status === 401) return { key: 'login.wrong' };
  if (err.status === 429) {
    const seconds = err.problem.retryAfterSeconds ?? 60;
    return { key: 'login.locked', params: { minutes: minutesToWait(seconds), time: formatWib(new Date(Date.now() + seconds * 1000), lang) } };
  }
  if (err.status >= 500) return { key: 'error.unavailable' };
  return { key: 'error.unexpectedStatus', params: { status: err.status } };
}
