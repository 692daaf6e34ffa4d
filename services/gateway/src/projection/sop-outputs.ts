import { timestampDate } from '@bufbuild/protobuf/wkt';
import {
  appealDecisionMapping,
  appealTriggerMapping,
  deliveryMethodMapping,
  dismissalReasonMapping,
  dispositionInstructionMapping,
  followUpDecisionMapping,
  NotificationPurpose,
  outboundChannelMapping,
  severityMapping,
  substantiationMapping,
  teamMemberRoleMapping,
  type ParsedEvent,
} from '@pengaduan/contracts';
import type { ComplaintOutputs } from '../read-model/outputs';

/** Columns of complaint_output that hold one output each (the section responses are a list). */
type SingleOutput = Exclude<keyof ComplaintOutputs, 'sectionResponses' | 'feedbackRounds'>;

/** What an event adds to a complaint's outputs: one output set, or one section response appended. */
export type OutputChange =
  | { [K in SingleOutput]: { kind: 'set'; output: K; value: NonNullable<ComplaintOutputs[K]> } }[SingleOutput]
  | { kind: 'append-section-response'; value: ComplaintOutputs['sectionResponses'][number] };

/** Names of the complaint_output columns, by output. */
export const OUTPUT_COLUMN: Record<SingleOutput, string> = {
  confirmation: 'confirmation',
  dismissal: 'dismissal',
  disposition: 'disposition',
  analysis: 'analysis',
  followUpDecision: 'follow_up_decision',
  teamDecree: 'team_decree',
  followUpInformation: 'follow_up_information',
  delivery: 'delivery',
  deliveryAbandoned: 'delivery_abandoned',
  rating: 'rating',
  appeal: 'appeal',
  appealReview: 'appeal_review',
};

/** Leaves out the optional fields an event does not have, so the stored JSON has no `undefined`. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The SOP output an event records, from its payload (wire-only fields such as the sheet number
 * and the decree's date and period included), or `undefined` for events that record none.
 */
export function outputChangeOf(event: ParsedEvent): OutputChange | undefined {
  const at = new Date(event.envelope.time).toISOString();
  switch (event.type) {
    case 'complaint.confirmed': {
      const p = event.payload;
      return { kind: 'set', output: 'confirmation', value: { classificationCode: p.classificationCode, summary: p.summary, anonymous: p.anonymous, confidential: p.confidential, at } };
    }
    case 'complaint.dismissed': {
      const p = event.payload;
      return {
        kind: 'set',
        output: 'dismissal',
        value: defined({ reason: dismissalReasonMapping.fromProto(p.reason, 'data.reason'), duplicateOf: p.duplicateOf, belongsTo: p.belongsTo, note: p.note, at }),
      };
    }
    case 'complaint.disposed': {
      const p = event.payload;
      return {
        kind: 'set',
        output: 'disposition',
        value: defined({
          sheetNumber: p.dispositionSheetNumber,
          sections: p.sections.map((s) =>
            defined({ sectionCode: s.sectionCode, instructions: s.instructions.map((i) => dispositionInstructionMapping.fromProto(i, 'data.sections.instructions')), note: s.note }),
          ),
          note: p.note,
          at,
        }),
      };
    }
    case 'complaint.section-responded':
      return { kind: 'append-section-response', value: { sectionCode: event.payload.sectionCode, response: event.payload.response, at } };
    case 'complaint.analyzed': {
      const p = event.payload;
      return {
        kind: 'set',
        output: 'analysis',
        value: {
          findings: p.findings,
          substantiated: substantiationMapping.fromProto(p.substantiated, 'data.substantiated'),
          classificationCode: p.classificationCode,
          severity: severityMapping.fromProto(p.severity, 'data.severity'),
          recommendation: p.recommendation,
          at,
        },
      };
    }
    case 'complaint.follow-up-decided':
      return {
        kind: 'set',
        output: 'followUpDecision',
        value: { decision: followUpDecisionMapping.fromProto(event.payload.decision, 'data.decision'), reason: event.payload.reason, at },
      };
    case 'complaint.team-formed': {
      const p = event.payload;
      return {
        kind: 'set',
        output: 'teamDecree',
        value: {
          decreeNumber: p.decreeNumber,
          decreeDate: p.decreeDate,
          members: p.members.map((m) =>
            defined({ name: m.name, nip: m.nip, position: m.position, teamRole: teamMemberRoleMapping.fromProto(m.teamRole, 'data.members.teamRole'), userId: m.userId }),
          ),
          mandate: p.mandate,
          periodStartDate: p.periodStartDate,
          periodEndDate: p.periodEndDate,
          at,
        },
      };
    }
    case 'complaint.reporter-informed':
      return {
        kind: 'set',
        output: 'followUpInformation',
        value: { informationRef: event.payload.informationRef, channel: outboundChannelMapping.fromProto(event.payload.channel, 'data.channel'), at },
      };
    case 'complaint.information-delivered': {
      const p = event.payload;
      return {
        kind: 'set',
        output: 'delivery',
        value: defined({
          channel: outboundChannelMapping.fromProto(p.channel, 'data.channel'),
          method: deliveryMethodMapping.fromProto(p.method, 'data.method'),
          deliveredAt: p.deliveredAt ? timestampDate(p.deliveredAt).toISOString() : at,
          note: p.note,
          at,
        }),
      };
    }
    case 'complaint.delivery-abandoned':
      // Step 8's output only: the acknowledgement given up is no output of a step (docs/adr/0051).
      return event.payload.purpose === NotificationPurpose.ACKNOWLEDGEMENT ? undefined : { kind: 'set', output: 'deliveryAbandoned', value: { reason: event.payload.reason, at } };
    // docs/adr/0053: codes and the head's reason only; the reporter's texts stay in intake.
    case 'complaint.rated': {
      const p = event.payload;
      return { kind: 'set', output: 'rating', value: { rating: p.rating, hasComment: p.hasComment, withinAppealWindow: p.withinAppealWindow, at } };
    }
    case 'complaint.appealed':
      return { kind: 'set', output: 'appeal', value: { trigger: appealTriggerMapping.fromProto(event.payload.trigger, 'data.trigger'), hasReason: event.payload.hasReason, at } };
    case 'complaint.appeal-reviewed':
      return { kind: 'set', output: 'appealReview', value: defined({ decision: appealDecisionMapping.fromProto(event.payload.decision, 'data.decision'), reason: event.payload.reason, at }) };
    default:
      return undefined;
  }
}
