import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { pageProblem } from '../api/problem-message';
import { assignFieldErrors, minutesToWait } from '../api/problem';
import { useAuth } from '../app/auth';
import { homeOf, QUERY_PARAMS, ROUTES, safeNext } from '../app/routes';
import { useQuery, useRouter } from '../app/router';
import type { Session } from '../app/session';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { ErrorSummary, TextField } from '../components/fields';
import { PageHeading } from '../components/PageHeading';
import { ProofForm, type ProofRefusal } from '../components/ProofForm';
import { useI18n } from '../i18n/i18n';
import type { ErrorMsg, Msg } from '../i18n/translate';
import { focusFirstInvalid } from '../lib/focus';
import { formatWib } from '../lib/format';
import type { Lang } from '../lib/lang';
import { loginAnswerOf } from '../lib/second-factor';
import { serverFieldErrors, type FieldErrors } from '../lib/validation';

const FIELDS = ['username', 'password'] as const;

/**
 * `/masuk`: officers log in; afterwards they go back where `?lanjut=` says, else to the worklist.
 * An account with a second factor is asked for the app's code (or a recovery code) after the
 * password; an officer whom the office policy requires one of and who has none goes to enrol it.
 */
export function LoginPage() {
  const { t, msg, lang } = useI18n();
  const { publicApi, signIn, session } = useAuth();
  const { navigate } = useRouter();
  const query = useQuery();
  const next = safeNext(query.get(QUERY_PARAMS.next));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);
  const [sending, setSending] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);
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
      const answer = loginAnswerOf(await publicApi.post<unknown>('/api/v1/auth/login', { username: username.trim(), password }), Date.now());
      if (!answer) throw new Error('the login answer is not one');
      setPassword('');
      if (answer.kind === 'challenge') setChallenge(answer.challenge);
      else enter(answer.session, answer.enrolmentRequired);
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

  const enter = (s: Session, enrolmentRequired: boolean) => {
    signIn(s);
    navigate(enrolmentRequired ? ROUTES.secondFactor : (next ?? homeOf(s.user.role)), { replace: true });
  };
  const restart = (why: Msg | ErrorMsg) => {
    setChallenge(null);
    setProblem(why);
  };

  if (challenge) return <SecondFactorStep challenge={challenge} onSession={(s) => enter(s, false)} onRestart={restart} />;

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
function loginProblem(err: unknown, lang: Lang): Msg | ErrorMsg {
  return pageProblem(err, ({ status, problem }) => {
    if (status === 401) return { key: 'login.wrong' };
    if (status !== 429) return undefined;
    const seconds = problem.retryAfterSeconds ?? 60;
    return { key: 'login.locked', params: { minutes: minutesToWait(seconds), time: formatWib(new Date(Date.now() + seconds * 1000), lang) } };
  });
}

/** The login's second step: the challenge of the password step and a code of the app, or a recovery code. */
function SecondFactorStep({ challenge, onSession, onRestart }: { challenge: string; onSession: (s: Session) => void; onRestart: (why: Msg | ErrorMsg) => void }) {
  const { t, lang } = useI18n();
  const { publicApi } = useAuth();
  const send = async (proof: { code: string } | { recoveryCode: string }) => {
    const answer = loginAnswerOf(await publicApi.post<unknown>('/api/v1/auth/login/totp', { challenge, ...proof }), Date.now());
    if (answer?.kind !== 'session') throw new Error('the answer is not a login answer');
    onSession(answer.session);
  };
  const refusal = (err: unknown): ProofRefusal | null => {
    if (!(err instanceof ApiError)) return { problem: loginProblem(err, lang) };
    if (err.code === 'AUTH.CHALLENGE_INVALID') {
      onRestart({ key: 'login.challengeExpired' });
      return null;
    }
    if (err.code === 'AUTH.INVALID_SECOND_FACTOR') return { problem: { key: 'login.wrongCode' } };
    return { problem: loginProblem(err, lang) };
  };
  return (
    <div className="page page--narrow">
      <PageHeading title={t('login.secondFactorTitle')}>{t('login.secondFactorTitle')}</PageHeading>
      <p className="lead">{t('login.secondFactorLead')}</p>
      <ProofForm id="login" kinds={['code', 'recoveryCode']} submitLabel={t('login.verify')} send={send} refusal={refusal} />
    </div>
  );
}
