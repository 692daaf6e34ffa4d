import { OFFICE_TIME_ZONES } from '@pengaduan/sop';
import type { RefObject } from 'react';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { RadioGroup, SelectField } from '../../components/fields';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/i18n';
import { useAuth } from '../../app/auth';
import { administersAccounts } from '../../lib/accounts';
import { formatWib } from '../../lib/format';
import { errorsOf, inputOf, SLA_POLICY_PATH, slaPolicyBody, validateSlaPolicy, type SlaPolicyInput, type SlaPolicyView } from '../../lib/sla-policy';
import { AdminTabs } from './AdminTabs';
import { DaysOff, StepHours, WorkingDays } from './SlaPolicyFields';
import { useVersionedDraft, type DraftOutcome } from './use-versioned-draft';

const OPTIONS = {
  path: SLA_POLICY_PATH,
  inputOf,
  validate: (input: SlaPolicyInput) => validateSlaPolicy(input),
  bodyOf: slaPolicyBody,
  fieldErrorsOf: errorsOf,
  conflictCode: 'SLA_POLICY.VERSION_CONFLICT',
} as const;

/**
 * `/administrasi/sla`: the head of office sets how the office's deadlines are counted
 * (docs/adr/0049): wall clock or working hours, the working days and hours, the hours of each
 * step (never more than the SOP's) and the office's days off. Saved with the version read
 * (If-Match): a policy changed meanwhile is refused with a message, and the latest can be loaded.
 * A change applies to the deadlines started from then on; running ones keep their due times.
 */
export function SlaPolicyPage() {
  const { t, msg, lang } = useI18n();
  const { session } = useAuth();
  const { view, draft, errors, outcome, outcomeRef, busy, change, save, loadLatest } = useVersionedDraft<SlaPolicyView, SlaPolicyInput>(OPTIONS);

  if (!administersAccounts(session?.user)) {
    return (
      <div className="page">
        <PageHeading title={t('sla.title')}>{t('sla.title')}</PageHeading>
        <ErrorMessage>{t('sla.forbidden')}</ErrorMessage>
      </div>
    );
  }
  const current = view.state === 'ok' ? view.value : null;
  return (
    <div className="page">
      <PageHeading title={t('sla.title')}>{t('sla.title')}</PageHeading>
      <AdminTabs current="adminSla" />
      <p className="lead">{t('sla.lead')}</p>
      <div className="alert alert--info">
        <span className="alert__icon" aria-hidden="true">
          ℹ
        </span>
        <p>{t('sla.appliesFromNow')}</p>
      </div>
      {outcome ? <OutcomeMessage outcome={outcome} outcomeRef={outcomeRef} loadLatest={() => void loadLatest()} /> : null}
      {view.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
      {view.state === 'error' ? <ErrorMessage>{view.status === 0 ? t('error.network') : t('error.unavailable')}</ErrorMessage> : null}
      {draft && current ? (
        <form className="form" noValidate onSubmit={(e) => void save(e)} aria-labelledby="sla-form-title">
          <h2 id="sla-form-title">{t('sla.formTitle')}</h2>
          <p>{current.isDefault ? t('sla.stateDefault') : t('sla.stateVersion', { version: current.version, when: formatWib(current.changedAt, lang) })}</p>
          {errors['form'] ? <ErrorMessage>{msg(errors['form'])}</ErrorMessage> : null}
          <RadioGroup
            id="calendar"
            label={t('sla.calendar')}
            required
            value={draft.input.calendar}
            onValue={(calendar) => change({ calendar: calendar as SlaPolicyInput['calendar'] }, [])}
            options={[
              { value: 'WALL_CLOCK', label: t('sla.calendarWallClock') },
              { value: 'WORKING_CALENDAR', label: t('sla.calendarWorking') },
            ]}
          />
          <SelectField
            id="time-zone"
            label={t('sla.timeZone')}
            required
            value={draft.input.timeZone}
            onValue={(timeZone) => change({ timeZone: timeZone as SlaPolicyInput['timeZone'] }, [])}
            options={Object.keys(OFFICE_TIME_ZONES).map((zone) => ({ value: zone, label: t(`sla.tz.${zone}` as 'sla.tz.Asia/Jakarta') }))}
          />
          <WorkingDays input={draft.input} errors={errors} change={change} />
          <StepHours input={draft.input} errors={errors} change={change} sopHours={current.sopHours} />
          <DaysOff input={draft.input} errors={errors} change={change} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy}>
              {t('sla.save')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

/** What the last save did: saved, nothing to change, or refused (a conflict offers the latest policy). */
function OutcomeMessage({ outcome, outcomeRef, loadLatest }: { outcome: DraftOutcome; outcomeRef: RefObject<HTMLDivElement | null>; loadLatest: () => void }) {
  const { t, msg } = useI18n();
  if ('version' in outcome) {
    return (
      <StatusMessage ref={outcomeRef} tone="success">
        {t(outcome.kind === 'saved' ? 'sla.saved' : 'sla.unchanged', { version: outcome.version })}
      </StatusMessage>
    );
  }
  return (
    <ErrorMessage ref={outcomeRef} title={outcome.kind === 'conflict' ? t('sla.conflictTitle') : undefined}>
      <p>{msg(outcome.message)}</p>
      {outcome.kind === 'conflict' ? (
        <button type="button" className="button button--secondary" onClick={loadLatest}>
          {t('sla.loadLatest')}
        </button>
      ) : null}
    </ErrorMessage>
  );
}
