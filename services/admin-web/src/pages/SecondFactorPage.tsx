import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { pageProblem } from '../api/problem-message';
import { minutesToWait } from '../api/problem';
import { useAuth } from '../app/auth';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { CopyButton } from '../components/CopyButton';
import { PageHeading } from '../components/PageHeading';
import { ProofForm, type ProofRefusal } from '../components/ProofForm';
import { useI18n } from '../i18n/i18n';
import type { ErrorMsg, Msg } from '../i18n/translate';
import { LOADING, type Loadable } from '../lib/loadable';
import { groupedSecret, loginAnswerOf, type SecondFactorEnrolment, type SecondFactorStatus } from '../lib/second-factor';

const STATUS_PATH = '/api/v1/auth/totp';

/**
 * `/dua-langkah`: the officer's second factor (TOTP, ADR 0027). Without one: enrol (the secret is
 * shown as text and the otpauth:// link, this once), confirm with the app's first code, then the
 * recovery codes are shown once. With one: how many recovery codes are left, and turning it off
 * with the password and a code, unless the office policy requires it.
 */
export function SecondFactorPage() {
  const { t, msg } = useI18n();
  const { api, signIn } = useAuth();
  const [status, setStatus] = useState<Loadable<SecondFactorStatus>>(LOADING);
  const [enrolment, setEnrolment] = useState<SecondFactorEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<readonly string[] | null>(null);
  const [disabled, setDisabled] = useState(false);
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);
  const [busy, setBusy] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);
  const newsRef = useRef<HTMLDivElement>(null);
  const secretRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      setStatus({ state: 'ok', value: await api.get<SecondFactorStatus>(STATUS_PATH) });
    } catch (err) {
      setStatus({ state: 'error', status: err instanceof ApiError ? err.status : 0 });
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (recoveryCodes || disabled) newsRef.current?.focus();
  }, [recoveryCodes, disabled]);
  useEffect(() => {
    if (enrolment) secretRef.current?.focus();
  }, [enrolment]);

  const start = async () => {
    setBusy(true);
    setProblem(null);
    setDisabled(false);
    try {
      setEnrolment(await api.post<SecondFactorEnrolment>(`${STATUS_PATH}/enrolment`, {}));
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };

  const confirmed = async (answer: unknown) => {
    const result = loginAnswerOf(answer, Date.now());
    if (result?.kind === 'session') signIn(result.session);
    const codes = (answer as { recoveryCodes?: unknown }).recoveryCodes;
    setRecoveryCodes(Array.isArray(codes) ? codes.filter((c): c is string => typeof c === 'string') : []);
    setEnrolment(null);
    await load();
  };

  const s = status.state === 'ok' ? status.value : null;
  return (
    <div className="page page--narrow">
      <PageHeading title={t('secondFactor.title')}>{t('secondFactor.title')}</PageHeading>
      <p className="lead">{t('secondFactor.lead')}</p>
      {s?.requiredByPolicy && !s.enabled ? <StatusMessage>{t('secondFactor.requiredByPolicy')}</StatusMessage> : null}
      {problem ? <ErrorMessage ref={problemRef}>{msg(problem)}</ErrorMessage> : null}
      {recoveryCodes ? (
        <StatusMessage ref={newsRef} tone="success">
          <p>{t('secondFactor.enabled')}</p>
          <p>{t('secondFactor.recoveryCodesOnce')}</p>
          <ol>
            {recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
          <CopyButton text={recoveryCodes.join('\n')} label={t('secondFactor.copyRecoveryCodes')} />
        </StatusMessage>
      ) : null}
      {disabled ? (
        <StatusMessage ref={newsRef} tone="success">
          {t('secondFactor.disabled')}
        </StatusMessage>
      ) : null}
      {status.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
      {status.state === 'error' ? <ErrorMessage>{status.status === 0 ? t('error.network') : t('error.unavailable')}</ErrorMessage> : null}

      {s && !s.enabled && !enrolment ? (
        <section aria-labelledby="second-factor-off">
          <h2 id="second-factor-off">{t('secondFactor.offTitle')}</h2>
          <p>{s.pending ? t('secondFactor.pending') : t('secondFactor.offLead')}</p>
          <button type="button" className="button" disabled={busy} onClick={() => void start()}>
            {t('secondFactor.start')}
          </button>
        </section>
      ) : null}

      {enrolment ? (
        <section aria-labelledby="second-factor-secret">
          <h2 id="second-factor-secret" ref={secretRef} tabIndex={-1}>
            {t('secondFactor.secretTitle')}
          </h2>
          <ol>
            <li>
              <p>{t('secondFactor.stepSecret')}</p>
              <p>
                <code className="one-time-password" aria-label={t('secondFactor.secretLabel')}>
                  {groupedSecret(enrolment.secret)}
                </code>{' '}
                <CopyButton text={enrolment.secret} label={t('secondFactor.copySecret')} />
              </p>
              <p>
                <a href={enrolment.otpauthUri}>{t('secondFactor.openInApp')}</a>
              </p>
            </li>
            <li>
              <p>{t('secondFactor.stepConfirm')}</p>
              <ProofForm
                id="second-factor-confirm"
                kinds={['code']}
                submitLabel={t('secondFactor.confirm')}
                refusal={refusalOf}
                send={async (proof) => confirmed(await api.post<unknown>(`${STATUS_PATH}/enrolment/confirm`, proof))}
              />
            </li>
          </ol>
        </section>
      ) : null}

      {s?.enabled ? (
        <section aria-labelledby="second-factor-on">
          <h2 id="second-factor-on">{t('secondFactor.onTitle')}</h2>
          <p>{t('secondFactor.recoveryCodesLeft', { count: s.recoveryCodesLeft })}</p>
          {s.requiredByPolicy ? (
            <p>{t('secondFactor.cannotDisable')}</p>
          ) : (
            <>
              <h3>{t('secondFactor.disableTitle')}</h3>
              <ProofForm
                id="second-factor-disable"
                kinds={['code', 'recoveryCode']}
                withPassword
                submitLabel={t('secondFactor.disable')}
                refusal={refusalOf}
                send={async (proof, password) => {
                  await api.delete(STATUS_PATH, { password, ...proof });
                  setRecoveryCodes(null);
                  setDisabled(true);
                  await load();
                }}
              />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** A wrong password or code at its field; anything else above the form. */
function refusalOf(err: unknown): ProofRefusal {
  if (err instanceof ApiError && err.code === 'AUTH.WRONG_PASSWORD') return { field: 'password', message: { key: 'password.wrongCurrent' } };
  if (err instanceof ApiError && err.code === 'AUTH.WRONG_CODE') return { field: 'proof', message: { key: 'secondFactor.wrongCode' } };
  return { problem: problemOf(err) };
}

function problemOf(err: unknown): Msg | ErrorMsg {
  return pageProblem(err, ({ status, code, problem }): Msg | undefined => {
    if (status === 429) return { key: 'error.rateLimited', params: { minutes: minutesToWait(problem.retryAfterSeconds ?? 60) } };
    if (code === 'AUTH.SECOND_FACTOR_REQUIRED_BY_POLICY') return { key: 'secondFactor.cannotDisable' };
    return status === 409 ? { key: 'secondFactor.conflict' } : undefined;
  });
}
