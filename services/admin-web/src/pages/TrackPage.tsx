import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { pageProblem } from '../api/problem-message';
import { assignFieldErrors, minutesToWait, PROBLEM_CODES } from '../api/problem';
import type { Tracking } from '../api/types';
import { useAuth } from '../app/auth';
import { QUERY_PARAMS } from '../app/routes';
import { useQuery } from '../app/router';
import { ErrorMessage } from '../components/Alerts';
import { ErrorSummary, TextField } from '../components/fields';
import { PageHeading } from '../components/PageHeading';
import { Stepper } from '../components/Stepper';
import { useI18n } from '../i18n/i18n';
import type { ErrorMsg, Msg } from '../i18n/translate';
import { focusFirstInvalid } from '../lib/focus';
import { formatWib } from '../lib/format';
import { channelLabel, statusLabel } from '../lib/sop-labels';
import { serverFieldErrors, type FieldErrors } from '../lib/validation';
import { TrackFeedback } from './TrackFeedback';

const FIELDS = ['trackingNumber', 'verifier'] as const;

/** `/lacak`: the complainant follows their complaint with its number and what they gave to reach them. */
export function TrackPage() {
  const { t, lang, msg } = useI18n();
  const { publicApi } = useAuth();
  const query = useQuery();
  const [trackingNumber, setTrackingNumber] = useState(() => query.get(QUERY_PARAMS.trackingNumber) ?? '');
  const [verifier, setVerifier] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<Tracking | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const found: FieldErrors = {};
    const number = trackingNumber.trim().toUpperCase();
    if (number === '') found['trackingNumber'] = { key: 'validation.required' };
    if (verifier.trim() === '') found['verifier'] = { key: 'validation.required' };
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => focusFirstInvalid(formRef.current), 0);
      return;
    }
    setSending(true);
    setResult(null);
    try {
      setResult(await publicApi.post<Tracking>('/api/v1/public/tracking', { trackingNumber: number, verifier: verifier.trim() }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.problem.errors.length > 0) {
        const { byField, unassigned } = assignFieldErrors(err.problem.errors, FIELDS);
        setErrors(serverFieldErrors(byField));
        if (unassigned.length > 0) setProblem({ key: 'form.serverFieldError', params: { message: unassigned.map((u) => u.message).join('; ') } });
        window.setTimeout(() => focusFirstInvalid(formRef.current), 0);
      } else setProblem(trackingProblem(err));
    } finally {
      setSending(false);
    }
  };

  const labels = { trackingNumber: t('track.number'), verifier: t('track.verifier') };
  const summary = FIELDS.flatMap((f) => (errors[f] ? [{ id: `track-${f}`, label: labels[f], message: msg(errors[f]) }] : []));

  return (
    <div className="page page--narrow">
      <PageHeading title={t('track.title')}>{t('track.title')}</PageHeading>
      <p className="lead">{t('track.lead')}</p>
      <p id="track-pin-note">{t('track.pinNote')}</p>
      <form ref={formRef} className="form" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary errors={summary} />
        {problem ? <ErrorMessage ref={problemRef}>{msg(problem)}</ErrorMessage> : null}
        <TextField
          id="track-trackingNumber"
          label={labels.trackingNumber}
          hint={t('track.numberHint')}
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={trackingNumber}
          onValue={setTrackingNumber}
          error={errors['trackingNumber'] ? msg(errors['trackingNumber']) : undefined}
        />
        <TextField
          id="track-verifier"
          label={labels.verifier}
          hint={t('track.verifierHint')}
          required
          autoComplete="off"
          value={verifier}
          onValue={setVerifier}
          error={errors['verifier'] ? msg(errors['verifier']) : undefined}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={sending}>
            {t('track.submit')}
          </button>
          {sending ? <span role="status">{t('form.sending')}</span> : null}
        </div>
      </form>
      {result ? (
        <section className="section" aria-labelledby="track-result">
          <h2 id="track-result" ref={resultRef} tabIndex={-1}>
            {t('track.resultTitle', { number: result.trackingNumber })}
          </h2>
          <dl className="facts">
            <div>
              <dt>{t('track.office')}</dt>
              <dd>{result.officeName}</dd>
            </div>
            <div>
              <dt>{t('complaint.channel')}</dt>
              <dd>{channelLabel(result.channel, lang)}</dd>
            </div>
            <div>
              <dt>{t('complaint.receivedAt')}</dt>
              <dd>{formatWib(result.receivedAt, lang)}</dd>
            </div>
            <div>
              <dt>{t('complaint.status')}</dt>
              <dd>
                {statusLabel(result.status, lang)}
                {result.closed ? ` (${t('track.closed')})` : ''}
              </dd>
            </div>
          </dl>
          <h3>{t('track.stepsTitle')}</h3>
          <Stepper steps={result.steps} />
          {result.closed ? <TrackFeedback trackingNumber={result.trackingNumber} verifier={verifier.trim()} /> : null}
        </section>
      ) : null}
    </div>
  );
}

function trackingProblem(err: unknown): Msg | ErrorMsg {
  return pageProblem(err, ({ status, code, problem }): Msg | undefined => {
    if (status === 404 || code === PROBLEM_CODES.trackingNotFound) return { key: 'track.notFound' };
    if (status === 429 || code === PROBLEM_CODES.trackingRateLimited) return { key: 'error.rateLimited', params: { minutes: minutesToWait(problem.retryAfterSeconds ?? 60) } };
    return undefined;
  });
}
