// The commands an officer takes on a complaint from the web app, and where each is sent. Which
// of them an officer may take now is never decided here: the gateway's `availableActions` is.
import type { CommandType } from '@pengaduan/sop';

/** The commands the web app has a form for, in SOP order. */
export const UI_ACTIONS = [
  'confirm',
  'dismiss',
  'dispose',
  'respondAsSection',
  'analyze',
  'decideFollowUp',
  'formTeam',
  'informReporter',
  'recordDelivery',
  'recordCallAttempt',
  // After closing (docs/adr/0053).
  'rate',
  'appeal',
  'reviewAppeal',
] as const satisfies readonly CommandType[];

export type UiAction = (typeof UI_ACTIONS)[number];

/** `POST /api/v1/complaints/{id}/<path>` of each command. */
export const ACTION_PATHS: Readonly<Record<UiAction, string>> = {
  confirm: 'confirm',
  dismiss: 'dismiss',
  dispose: 'disposition',
  respondAsSection: 'section-responses',
  analyze: 'analysis',
  decideFollowUp: 'decision',
  formTeam: 'team-decree',
  informReporter: 'follow-up-information',
  recordDelivery: 'delivery-confirmation',
  recordCallAttempt: 'call-attempts',
  rate: 'rating',
  appeal: 'appeal',
  reviewAppeal: 'appeal-review',
};

export function isUiAction(value: string): value is UiAction {
  return (UI_ACTIONS as readonly string[]).includes(value);
}

/**
 * The actions to offer as buttons: exactly those of the gateway's list that the web app has a
 * form for, in the gateway's order (bookkeeping commands such as `appendMessage` have no button: see appendMessageUrl),
 * and the call form when a notice awaits a call that is no SOP step (the acknowledgement, docs/adr/0051).
 */
export function offeredActions(availableActions: readonly string[], callPurposes: readonly string[] = []): UiAction[] {
  const offered = availableActions.filter(isUiAction);
  return callPurposes.length > 0 && !offered.includes('recordCallAttempt') ? [...offered, 'recordCallAttempt'] : offered;
}

export function commandUrl(complaintId: string, action: UiAction): string {
  return `/api/v1/complaints/${encodeURIComponent(complaintId)}/${ACTION_PATHS[action]}`;
}

/**
 * `POST …/messages`: Admin Tikkim adds a later message of the reporter (libs/sop `appendMessage`).
 * Not a step of the SOP, so no button among the actions: its form is beside the messages.
 */
export function appendMessageUrl(complaintId: string): string {
  return `/api/v1/complaints/${encodeURIComponent(complaintId)}/messages`;
}
