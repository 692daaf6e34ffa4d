import {
  DELIVERY_METHOD_LABELS,
  DISMISSAL_REASON_LABELS,
  DISPOSITION_INSTRUCTION_LABELS,
  FOLLOW_UP_DECISION_LABELS,
  SEVERITY_LABELS,
  SUBSTANTIATION_LABELS,
  TEAM_MEMBER_ROLE_LABELS,
} from '@pengaduan/sop';
import type { ComplaintOutputs, Section } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { formatCalendarDate, formatWib } from '../lib/format';
import { channelLabel, classificationLabel, labelOf } from '../lib/sop-labels';
import { FeedbackRounds } from './FeedbackRounds';
import { Fact, Output } from './OutputParts';

function hasNoOutputs(o: ComplaintOutputs): boolean {
  return !o.confirmation && !o.dismissal && !o.disposition && o.sectionResponses.length === 0 && !o.analysis && !o.followUpDecision && !o.teamDecree && !o.followUpInformation && !o.delivery && !o.deliveryAbandoned;
}

function DismissalOutput({ dismissal }: { dismissal: NonNullable<ComplaintOutputs['dismissal']> }) {
  const { t, lang } = useI18n();
  return (
    <Output title={t('outputs.dismissal')} at={dismissal.at}>
      <Fact term={t('field.dismissalReason')}>{labelOf(DISMISSAL_REASON_LABELS, dismissal.reason, lang)}</Fact>
      {dismissal.duplicateOf ? <Fact term={t('field.duplicateOf')}>{dismissal.duplicateOf}</Fact> : null}
      {dismissal.belongsTo ? <Fact term={t('field.belongsTo')}>{dismissal.belongsTo}</Fact> : null}
      {dismissal.note ? <Fact term={t('field.note')}>{dismissal.note}</Fact> : null}
    </Output>
  );
}

function DispositionOutput({ disposition, sectionName }: { disposition: NonNullable<ComplaintOutputs['disposition']>; sectionName: (code: string) => string }) {
  const { t, lang } = useI18n();
  return (
    <Output title={t('outputs.disposition', { number: disposition.sheetNumber })} at={disposition.at}>
      {disposition.sections.map((s) => (
        <Fact key={s.sectionCode} term={sectionName(s.sectionCode)}>
          {s.instructions.map((i) => labelOf(DISPOSITION_INSTRUCTION_LABELS, i, lang)).join(', ')}
          {s.note ? <span className="output__note"> — {s.note}</span> : null}
        </Fact>
      ))}
      {disposition.note ? <Fact term={t('form.dispose.sheetNote')}>{disposition.note}</Fact> : null}
    </Output>
  );
}

function TeamDecreeOutput({ teamDecree }: { teamDecree: NonNullable<ComplaintOutputs['teamDecree']> }) {
  const { t, lang } = useI18n();
  return (
    <Output title={t('outputs.teamDecree', { number: teamDecree.decreeNumber })} at={teamDecree.at}>
      <Fact term={t('field.decreeDate')}>{formatCalendarDate(teamDecree.decreeDate, lang)}</Fact>
      <Fact term={t('outputs.term')}>
        {formatCalendarDate(teamDecree.periodStartDate, lang)} – {formatCalendarDate(teamDecree.periodEndDate, lang)}
      </Fact>
      <Fact term={t('field.mandate')}>
        <span className="preserve-lines">{teamDecree.mandate}</span>
      </Fact>
      <Fact term={t('form.team.members')}>
        <div className="table-scroll">
          <table className="table table--compact">
            <caption className="sr-only">{t('form.team.members')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.memberName')}</th>
                <th scope="col">{t('field.nip')}</th>
                <th scope="col">{t('field.position')}</th>
                <th scope="col">{t('field.teamRole')}</th>
              </tr>
            </thead>
            <tbody>
              {teamDecree.members.map((m) => (
                <tr key={m.nip}>
                  <td>{m.name}</td>
                  <td className="mono">{m.nip}</td>
                  <td>{m.position}</td>
                  <td>{labelOf(TEAM_MEMBER_ROLE_LABELS, m.teamRole, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Fact>
    </Output>
  );
}

function DeliveryOutput({ delivery }: { delivery: NonNullable<ComplaintOutputs['delivery']> }) {
  const { t, lang } = useI18n();
  return (
    <Output title={t('outputs.delivery')} at={delivery.at}>
      <Fact term={t('complaint.channel')}>{channelLabel(delivery.channel, lang)}</Fact>
      <Fact term={t('field.deliveryMethod')}>{labelOf(DELIVERY_METHOD_LABELS, delivery.method, lang)}</Fact>
      <Fact term={t('field.deliveredAt')}>{formatWib(delivery.deliveredAt, lang)}</Fact>
      {delivery.note ? <Fact term={t('field.note')}>{delivery.note}</Fact> : null}
    </Output>
  );
}

/** The outputs of the SOP's steps so far, in the SOP's order; steps not reached are left out. */
export function Outputs({ outputs, sections }: { outputs: ComplaintOutputs; sections: readonly Section[] | null }) {
  const { t, lang } = useI18n();
  const sectionName = (code: string) => sections?.find((s) => s.code === code)?.name ?? code;
  const { confirmation, dismissal, disposition, sectionResponses, analysis, followUpDecision, teamDecree, followUpInformation, delivery, deliveryAbandoned } = outputs;
  if (hasNoOutputs(outputs)) return <p className="muted">{t('outputs.none')}</p>;
  return (
    <div className="outputs">
      {confirmation ? (
        <Output title={t('outputs.confirmation')} at={confirmation.at}>
          <Fact term={t('field.classification')}>{classificationLabel(confirmation.classificationCode, lang)}</Fact>
          <Fact term={t('field.summary')}>
            <span className="preserve-lines">{confirmation.summary}</span>
          </Fact>
          <Fact term={t('field.anonymous')}>{confirmation.anonymous ? t('common.yes') : t('common.no')}</Fact>
          <Fact term={t('field.confidential')}>{confirmation.confidential ? t('common.yes') : t('common.no')}</Fact>
        </Output>
      ) : null}
      {dismissal ? <DismissalOutput dismissal={dismissal} /> : null}
      {disposition ? <DispositionOutput disposition={disposition} sectionName={sectionName} /> : null}
      {sectionResponses.map((r) => (
        <Output key={`${r.sectionCode}-${r.at}`} title={t('outputs.sectionResponse', { section: sectionName(r.sectionCode) })} at={r.at}>
          <Fact term={t('field.sectionResponse')}>
            <span className="preserve-lines">{r.response}</span>
          </Fact>
        </Output>
      ))}
      {analysis ? (
        <Output title={t('outputs.analysis')} at={analysis.at}>
          <Fact term={t('field.findings')}>
            <span className="preserve-lines">{analysis.findings}</span>
          </Fact>
          <Fact term={t('field.substantiated')}>{labelOf(SUBSTANTIATION_LABELS, analysis.substantiated, lang)}</Fact>
          <Fact term={t('field.classification')}>{classificationLabel(analysis.classificationCode, lang)}</Fact>
          <Fact term={t('field.severity')}>{labelOf(SEVERITY_LABELS, analysis.severity, lang)}</Fact>
          <Fact term={t('field.recommendation')}>
            <span className="preserve-lines">{analysis.recommendation}</span>
          </Fact>
        </Output>
      ) : null}
      {followUpDecision ? (
        <Output title={t('outputs.decision')} at={followUpDecision.at}>
          <Fact term={t('field.decision')}>{labelOf(FOLLOW_UP_DECISION_LABELS, followUpDecision.decision, lang)}</Fact>
          <Fact term={t('field.decisionReason')}>
            <span className="preserve-lines">{followUpDecision.reason}</span>
          </Fact>
        </Output>
      ) : null}
      {teamDecree ? <TeamDecreeOutput teamDecree={teamDecree} /> : null}
      {followUpInformation ? (
        <Output title={t('outputs.followUpInformation')} at={followUpInformation.at}>
          <Fact term={t('complaint.channel')}>{channelLabel(followUpInformation.channel, lang)}</Fact>
          <Fact term={t('outputs.reference')}>
            <span className="mono">{followUpInformation.informationRef}</span>
          </Fact>
        </Output>
      ) : null}
      {delivery ? <DeliveryOutput delivery={delivery} /> : null}
      {deliveryAbandoned ? (
        <Output title={t('outputs.deliveryAbandoned')} at={deliveryAbandoned.at}>
          <Fact term={t('form.callAttempt.reason')}>
            <span className="preserve-lines">{deliveryAbandoned.reason}</span>
          </Fact>
        </Output>
      ) : null}
      <FeedbackRounds outputs={outputs} />
    </div>
  );
}
