import type { ComplaintDetail } from '../../api/types';
import { Countdown } from '../../components/Countdown';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/i18n';
import { formatWib } from '../../lib/format';
import { channelLabel, classificationLabel, statusLabel, stepFullName, stepShortName } from '../../lib/sop-labels';

/** The complaint's header: its status and marks, facts, current step with its clock, summary and deadlines. */
export function ComplaintSummary({ complaint: current, now }: { complaint: ComplaintDetail; now: number }) {
  const { t, lang } = useI18n();
  return (
    <section className="complaint-header" aria-label={t('complaint.summaryLabel')}>
      <p className="badges">
        <span className="badge badge--status">{statusLabel(current.status, lang)}</span>
        {current.anonymous ? (
          <span className="badge badge--private">
            <Icon name="lock" />
            {t('complaint.anonymous')}
          </span>
        ) : null}
        {current.confidential ? (
          <span className="badge badge--private">
            <Icon name="lock" />
            {t('complaint.confidential')}
          </span>
        ) : null}
      </p>
      <dl className="facts facts--columns">
        <div>
          <dt>{t('complaint.channel')}</dt>
          <dd>{channelLabel(current.channel, lang)}</dd>
        </div>
        {current.laporReportNumber ? (
          <div>
            <dt>{t('field.laporReportNumber')}</dt>
            <dd className="mono">{current.laporReportNumber}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('complaint.receivedAt')}</dt>
          <dd>{formatWib(current.receivedAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('field.classification')}</dt>
          <dd>{current.classificationCode ? classificationLabel(current.classificationCode, lang) : t('complaint.notClassified')}</dd>
        </div>
        <div>
          <dt>{t('complaint.currentStep')}</dt>
          <dd>
            {current.currentStep ? (
              <>
                <span title={stepFullName(current.currentStep.stepId, lang)}>{stepShortName(current.currentStep.stepId, lang)}</span>
                {current.currentStep.sectionCodes && current.currentStep.sectionCodes.length > 0 ? <span className="muted"> ({current.currentStep.sectionCodes.join(', ')})</span> : null}
                <br />
                <Countdown clock={current.currentStep} now={now} />
              </>
            ) : (
              t('complaint.noCurrentStep')
            )}
          </dd>
        </div>
      </dl>
      {current.summary ? <p className="complaint-summary preserve-lines">{current.summary}</p> : null}
      {current.deadlines.length > 0 ? <Deadlines deadlines={current.deadlines} now={now} /> : null}
    </section>
  );
}

/** The complaint's running deadlines, each with its step (and section), due time and time left. */
function Deadlines({ deadlines, now }: { deadlines: ComplaintDetail['deadlines']; now: number }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h2 className="h3">{t('complaint.deadlines')}</h2>
      <div className="table-scroll">
        <table className="table table--stack">
          <caption className="sr-only">{t('complaint.deadlines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaint.deadlineStep')}</th>
              <th scope="col">{t('complaint.deadlineDue')}</th>
              <th scope="col">{t('complaint.deadlineLeft')}</th>
            </tr>
          </thead>
          <tbody>
            {deadlines.map((d) => (
              <tr key={d.deadlineId}>
                <td data-label={t('complaint.deadlineStep')}>
                  {stepShortName(d.stepId, lang)}
                  {d.sectionCode ? ` · ${d.sectionCode}` : ''}
                  {d.escalatedToRole ? <span className="muted"> · {t('complaint.escalated')}</span> : null}
                </td>
                <td data-label={t('complaint.deadlineDue')}>{formatWib(d.dueAt, lang)}</td>
                <td data-label={t('complaint.deadlineLeft')}>
                  <Countdown clock={d} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
