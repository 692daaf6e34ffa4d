import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { minutesToWait } from '../api/problem';
import type { PublicOffices, WebFormStatus } from '../api/types';
import { useAuth } from '../app/auth';
import { trackPath } from '../app/routes';
import { Link } from '../app/router';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { CopyButton } from '../components/CopyButton';
import { CheckboxField, ErrorSummary, SelectField, TextArea, TextField } from '../components/fields';
import { PageHeading } from '../components/PageHeading';
import { useI18n } from '../i18n/i18n';
import type { Msg } from '../i18n/translate';
import { focusFirstInvalid } from '../lib/focus';
import { newUuid } from '../lib/uuid';
import { MAX_COMPLAINT_TEXT, MAX_SHORT_TEXT, validateWebForm, type FieldErrors } from '../lib/validation';

/** How often and how long the page asks whether the report became a complaint. */
const POLL_EVERY_MS = 1_000;
const POLL_FOR_MS = 60_000;

type Phase = { kind: 'form' } | { kind: 'waiting' } | { kind: 'registered'; trackingNumber: string } | { kind: 'failed' } | { kind: 'timeout' };

interface ReportForm {
  office: string;
  text: string;
  name: string;
  phone: string;
  email: string;
  anonymous: boolean;
  confidential: boolean;
}

const EMPTY: ReportForm = { office: '', text: '', name: '', phone: '', email: '', anonymous: false, confidential: false };
const FIELD_ORDER = ['office', 'text', 'name', 'phone', 'email'] as const;

/** `/lapor`: the public complaint form, then the tracking number. */
export function ReportPage() {
  const { t, msg } = useI18n();
  const { publicApi } = useAuth();
  const [offices, setOffices] = useState<PublicOffices['offices'] | null>(null);
  const [officesFailed, setOfficesFailed] = useState(false);
  const [form, setForm] = useState<ReportForm>(EMPTY);
  // One id per form, kept on a retry: intake stores one complaint however often it arrives.
  const [submissionId, setSubmissionId] = useState(() => newUuid());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Msg | null>(null);
  const [sending, setSending] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  const loadOffices = useCallback(() => {
    setOfficesFailed(false);
    publicApi
      .get<PublicOffices>('/api/v1/public/offices')
      .then((r) => {
        setOffices(r.offices);
        const only = r.offices.length === 1 ? r.offices[0] : undefined;
        if (only) setForm((f) => (f.office ? f : { ...f, office: only.code }));
      })
      .catch(() => setOfficesFailed(true));
  }, [publicApi]);
  useEffect(loadOffices, [loadOffices]);

  useEffect(() => {
    if (phase.kind !== 'form' && phase.kind !== 'waiting') resultRef.current?.focus();
  }, [phase.kind]);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  // While waiting: ask every second, for about a minute, what became of the submission.
  useEffect(() => {
    if (phase.kind !== 'waiting') return;
    let stopped = false;
    let timer: number | undefined;
    const giveUpAt = Date.now() + POLL_FOR_MS;
    const poll = async () => {
      try {
        const s = await publicApi.get<WebFormStatus>(`/webhooks/web-form/${encodeURIComponent(submissionId)}`);
        if (stopped) return;
        if (s.status === 'REGISTERED') return setPhase({ kind: 'registered', trackingNumber: s.trackingNumber });
        if (s.status === 'FAILED') return setPhase({ kind: 'failed' });
      } catch {
        // Not stored yet where the status is read, or a moment offline: ask again.
      }
      if (stopped) return;
      if (Date.now() >= giveUpAt) return setPhase({ kind: 'timeout' });
      timer = window.setTimeout(() => void poll(), POLL_EVERY_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [phase.kind, publicApi, submissionId]);

  const set = <K extends keyof ReportForm>(key: K, value: ReportForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    setProblem(null);
    const found = validateWebForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => focusFirstInvalid(formRef.current), 0);
      return;
    }
    const body = {
      submissionId,
      office: form.office,
      text: form.text.trim(),
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      ...(form.email.trim() ? { email: form.email.trim() } : {}),
      anonymous: form.anonymous,
      confidential: form.confidential,
    };
    setSending(true);
    try {
      await publicApi.post<unknown>('/webhooks/web-form', body);
      setPhase({ kind: 'waiting' });
    } catch (err) {
      setProblem(reportProblem(err));
    } finally {
      setSending(false);
    }
  };

  const startOver = () => {
    setForm(EMPTY);
    setErrors({});
    setProblem(null);
    setSubmissionId(newUuid());
    setPhase({ kind: 'form' });
  };

  const sendAgain = () => {
    // The failed submission is final under its id: the same text goes again under a new one.
    setSubmissionId(newUuid());
    setPhase({ kind: 'form' });
  };

  const officeOptions = (offices ?? []).map((o) => ({ value: o.code, label: o.name }));
  const err = (field: string) => (errors[field] ? msg(errors[field]) : undefined);
  const labels: Record<(typeof FIELD_ORDER)[number], string> = {
    office: t('report.office'),
    text: t('report.text'),
    name: t('report.name'),
    phone: t('report.phone'),
    email: t('report.email'),
  };
  const summary = FIELD_ORDER.flatMap((f) => (errors[f] ? [{ id: `report-${f}`, label: labels[f], message: msg(errors[f]) }] : []));
  const canTrack = form.phone.trim() !== '' || form.email.trim() !== '';

  if (phase.kind === 'registered') {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('report.title')}>{t('report.title')}</PageHeading>
        <section className="result" aria-labelledby="report-result">
          <h2 id="report-result" ref={resultRef} tabIndex={-1}>
            {t('report.registeredTitle')}
          </h2>
          <p>{t('report.yourNumber')}</p>
          <p className="tracking-number" id="tracking-number">
            {phase.trackingNumber}
          </p>
          <p className="button-row">
            <CopyButton text={phase.trackingNumber} label={t('report.copyNumber')} />
            <Link className="button" to={trackPath(phase.trackingNumber)}>
              {t('report.trackThis')}
            </Link>
          </p>
          <p>{canTrack ? t('report.keepNumber') : t('report.keepNumberNoContact')}</p>
          <p>
            <button type="button" className="button button--ghost" onClick={startOver}>
              {t('report.another')}
            </button>
          </p>
        </section>
      </div>
    );
  }

  if (phase.kind === 'failed' || phase.kind === 'timeout') {
    return (
      <div className="page page--narrow">
        <PageHeading title={t('report.title')}>{t('report.title')}</PageHeading>
        <section className="result" aria-labelledby="report-result">
          <h2 id="report-result" ref={resultRef} tabIndex={-1}>
            {phase.kind === 'failed' ? t('report.failedTitle') : t('report.timeoutTitle')}
          </h2>
          <p>{phase.kind === 'failed' ? t('report.failedText') : t('report.timeoutText')}</p>
          <p className="button-row">
            {phase.kind === 'timeout' ? (
              <button type="button" className="button" onClick={() => setPhase({ kind: 'waiting' })}>
                {t('report.checkAgain')}
              </button>
            ) : (
              <button type="button" className="button" onClick={sendAgain}>
                {t('report.sendAgain')}
              </button>
            )}
          </p>
        </section>
      </div>
    );
  }

  return (
    <div className="page page--narrow">
      <PageHeading title={t('report.title')}>{t('report.title')}</PageHeading>
      <p className="lead">{t('report.lead')}</p>
      {phase.kind === 'waiting' ? (
        <StatusMessage>
          <p>{t('report.waiting')}</p>
        </StatusMessage>
      ) : (
        <form ref={formRef} className="form" noValidate onSubmit={(e) => void submit(e)} aria-describedby="report-privacy">
          <ErrorSummary errors={summary} />
          {problem ? <ErrorMessage ref={problemRef}>{msg(problem)}</ErrorMessage> : null}
          {officesFailed ? (
            <ErrorMessage>
              <p>{t('report.officesFailed')}</p>
              <button type="button" className="button button--secondary" onClick={loadOffices}>
                {t('common.retry')}
              </button>
            </ErrorMessage>
          ) : null}
          <SelectField
            id="report-office"
            label={labels.office}
            required
            value={form.office}
            onValue={(v) => set('office', v)}
            options={officeOptions}
            placeholder={offices === null ? t('common.loading') : t('form.choose')}
            error={err('office')}
          />
          <TextArea
            id="report-text"
            label={labels.text}
            hint={t('report.textHint')}
            required
            rows={8}
            maxLength={MAX_COMPLAINT_TEXT}
            showCount
            value={form.text}
            onValue={(v) => set('text', v)}
            error={err('text')}
          />
          <fieldset className="fieldset">
            <legend className="fieldset__legend">{t('report.contactLegend')}</legend>
            <p className="field__hint" id="report-contact-hint">
              {t('report.contactHint')}
            </p>
            <TextField id="report-name" label={labels.name} autoComplete="name" maxLength={MAX_SHORT_TEXT} value={form.name} onValue={(v) => set('name', v)} error={err('name')} />
            <TextField
              id="report-phone"
              label={labels.phone}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              hint={t('report.phoneHint')}
              value={form.phone}
              onValue={(v) => set('phone', v)}
              error={err('phone')}
            />
            <TextField id="report-email" label={labels.email} type="email" autoComplete="email" value={form.email} onValue={(v) => set('email', v)} error={err('email')} />
          </fieldset>
          <fieldset className="fieldset">
            <legend className="fieldset__legend">{t('report.privacyLegend')}</legend>
            <CheckboxField id="report-anonymous" label={t('report.anonymous')} hint={t('report.anonymousHint')} checked={form.anonymous} onChecked={(v) => set('anonymous', v)} />
            <CheckboxField id="report-confidential" label={t('report.confidential')} hint={t('report.confidentialHint')} checked={form.confidential} onChecked={(v) => set('confidential', v)} />
          </fieldset>
          <p id="report-privacy" className="field__hint">
            {t('report.privacyNote')}
          </p>
          <div className="form-actions">
            <button type="submit" className="button" disabled={sending}>
              {t('report.submit')}
            </button>
            {sending ? <span role="status">{t('form.sending')}</span> : null}
          </div>
        </form>
      )}
    </div>
  );
}

function reportProblem(err: unknown): Msg {
  if (!(err instanceof ApiError)) return { key: 'error.unexpected' };
  const { status, problem } = err;
  if (status === 0) return { key: 'report.errorNetwork' };
  if (status === 429) return { key: 'error.rateLimited', params: { minutes: minutesToWait(problem.retryAfterSeconds ?? 60) } };
  if (status === 403) return { key: 'report.errorOffice' };
  if (status === 413) return { key: 'report.errorTooLarge' };
  if (status === 400) return { key: 'report.errorInvalid', params: { detail: problem.detail ?? problem.title ?? '' } };
  if (status >= 500) return { key: 'error.unavailable' };
  return { key: 'error.unexpectedStatus', params: { status } };
}
