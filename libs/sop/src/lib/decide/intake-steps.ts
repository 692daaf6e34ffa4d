import type { AppendMessageCommand, ConfirmCommand, DismissCommand, ReceiveCommand } from '../commands';
import type { Dismissal } from '../reference-data';
import { CHANNELS, COMPLAINT_CLASSIFICATIONS, DISMISSAL_REASONS } from '../reference-data';
import type { Actor } from '../roles';
import type { StateOf } from '../state';
import { firstProblem, optionalText, requireBoolean, requireOneOf, requireText } from '../validation';
import type { OpenStatus, Outcome } from './step-outcome';

// SOP steps 1-2: a complaint received, its messages, the acknowledgement of its receipt, then its
// confirmation or dismissal.

export const CLASSIFICATION_CODES = COMPLAINT_CLASSIFICATIONS.map((c) => c.code);

export function receive(c: ReceiveCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireText(c.complaintId, 'complaintId'),
    () => requireText(c.officeCode, 'officeCode'),
    () => requireText(c.trackingNumber, 'trackingNumber'),
    () => requireOneOf(c.channel, CHANNELS, 'channel'),
    () => requireBoolean(c.anonymous, 'anonymous'),
    () => requireBoolean(c.confidential, 'confidential'),
  );
  if (problem) return { problem };
  return {
    events: [
      {
        type: 'complaint.received',
        at,
        actor: c.actor,
        data: {
          complaintId: c.complaintId,
          officeCode: c.officeCode,
          trackingNumber: c.trackingNumber,
          channel: c.channel,
          anonymous: c.anonymous,
          confidential: c.confidential,
        },
      },
    ],
  };
}

export function appendMessage(c: AppendMessageCommand, at: string): Outcome {
  const problem = requireText(c.messageId, 'messageId');
  if (problem) return { problem };
  return { events: [{ type: 'complaint.message-appended', at, actor: c.actor, data: { messageId: c.messageId } }] };
}

export function acknowledge(actor: Actor, state: StateOf<OpenStatus>, at: string): Outcome {
  return {
    events: [{ type: 'complaint.acknowledged', at, actor, data: { trackingNumber: state.trackingNumber } }],
  };
}

export function confirm(c: ConfirmCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireOneOf(c.classification, CLASSIFICATION_CODES, 'classification'),
    () => requireText(c.summary, 'summary'),
    () => requireBoolean(c.anonymous, 'anonymous'),
    () => requireBoolean(c.confidential, 'confidential'),
  );
  if (problem) return { problem };
  return {
    events: [
      {
        type: 'complaint.confirmed',
        at,
        actor: c.actor,
        data: { classification: c.classification, summary: c.summary, anonymous: c.anonymous, confidential: c.confidential },
      },
    ],
  };
}

export function dismiss(c: DismissCommand, state: StateOf<'RECEIVED'>, at: string): Outcome {
  const problem = firstProblem(
    () => requireOneOf(c.reason, DISMISSAL_REASONS, 'reason'),
    () => (c.reason === 'DUPLICATE' ? requireText(c.originalComplaintId, 'originalComplaintId') : null),
    () =>
      c.reason === 'DUPLICATE' && c.originalComplaintId === state.complaintId
        ? { field: 'originalComplaintId', message: 'originalComplaintId must name another complaint, not this one' }
        : null,
    () => (c.reason === 'NOT_OUR_AUTHORITY' ? requireText(c.belongsTo, 'belongsTo') : null),
    () => optionalText(c.note, 'note'),
  );
  if (problem) return { problem };
  const dismissal: Dismissal =
    c.reason === 'DUPLICATE'
      ? { reason: 'DUPLICATE', originalComplaintId: c.originalComplaintId ?? '' }
      : c.reason === 'NOT_OUR_AUTHORITY'
        ? { reason: 'NOT_OUR_AUTHORITY', belongsTo: c.belongsTo ?? '' }
        : { reason: c.reason };
  return {
    events: [
      {
        type: 'complaint.dismissed',
        at,
        actor: c.actor,
        data: c.note === undefined ? { dismissal } : { dismissal, note: c.note },
      },
    ],
  };
}
