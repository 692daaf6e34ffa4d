import { FIELD_RULES } from '@pengaduan/sop';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import type { PublicOffices } from '../../api/types';
import { useAuth } from '../../app/auth';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { CheckboxField, ErrorSummary, SelectField, TextArea, TextField } from '../../components/fields';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/i18n';
import type { ErrorMsg, Msg } from '../../i18n/translate';
import { focusFirstInvalid } from '../../lib/focus';
import { newUuid } from '../../lib/uuid';
import { validateWebForm, type FieldErrors } from '../../lib/validation';
import { forgetPendingSubmission, keepPendingSubmission, readPendingSubmission, tabStorage } from './pending-submission';
import { reportProblem } from './report-problem';
import { ReportNotRegistered, ReportRegistered } from './ReportOutcome';
import { useSubmissionStatus, type Phase } from './use-submission-status';

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
  // A submission sent (or being sent) before a reload: the page picks it up again by its id.
  const [kept] = useState(() => readPendingSubmission(tabStorage()));
  // One id per form, kept on a retry and across a reload: intake stores one complaint however often it arrives.
  const [submissionId, setSubmissionId] = useState(() => kept?.submissionId ?? newUuid());
  const [canTrack, setCanTrack] = useState(kept?.canTrack ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);
  const [sending, setSending] = useState(false);
  const [phase, setPhase] = useState<Phase>(() => (kept ? { kind: 'waiting', resumed: true } : { kind: 'form' }));
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

  useSubmissionStatus(phase, publicApi, submissionId, setPhase);

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
    const contactGiven = body.phone !== undefined || body.email !== undefined;
    setCanTrack(contactGiven);
    // Kept before sending: a reload while the request is under way still finds the submission.
    keepPendingSubmission(tabStorage(), { submissionId, canTrack: contactGiven });
    setSending(true);
    try {
      await publicApi.post<unknown>('/webhooks/web-form', body);
      setPhase({ kind: 'waiting' });
    } catch (err) {
      // Refused (4xx): nothing was stored under this id, so there is nothing for a reload to pick up.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) forgetPendingSubmission(tabStorage());
      setProblem(reportProblem(err));
    } finally {
      setSending(false);
    }
  };

  const startOver = () => {
    forgetPendingSubmission(tabStorage());
    setForm(EMPTY);
    setErrors({});
    setProblem(null);
    setSubmissionId(newUuid());
    setPhase({ kind: 'form' });
  };

  const sendAgain = () => {
    // The failed submission is final under its id: the same text goes again under a new one.
    forgetPendingSubmission(tabStorage());
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

  if (phase.kind === 'registered') {
    return <ReportRegistered trackingNumber={phase.trackingNumber} trackingPin={phase.trackingPin} canTrack={canTrack} headingRef={resultRef} onAnother={startOver} />;
  }

  if (phase.kind === 'failed' || phase.kind === 'timeout') {
    return <ReportNotRegistered kind={phase.kind} headingRef={resultRef} onCheckAgain={() => setPhase({ kind: 'waiting' })} onSendAgain={sendAgain} />;
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
          {phase.kind === 'form' && phase.notReceived ? (
            <ErrorMessage>
              <p>{t('report.notReceived')}</p>
            </ErrorMessage>
          ) : null}
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
            maxLength={FIELD_RULES.reporterText.maxLength}
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
            <TextField id="report-name" label={labels.name} autoComplete="name" maxLength={FIELD_RULES.reporterName.maxLength} value={form.name} onValue={(v) => set('name', v)} error={err('name')} />
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
