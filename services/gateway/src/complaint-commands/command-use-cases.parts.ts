import { AnalyzeComplaintForwarder } from '../analyze-complaint/analyze-complaint.forwarder';
import { AnalyzeComplaintHttpController } from '../analyze-complaint/analyze-complaint.http.controller';
import { AppendMessageForwarder } from '../append-message/append-message.forwarder';
import { AppendMessageHttpController } from '../append-message/append-message.http.controller';
import { ConfirmComplaintForwarder } from '../confirm-complaint/confirm-complaint.forwarder';
import { ConfirmComplaintHttpController } from '../confirm-complaint/confirm-complaint.http.controller';
import { ConfirmDeliveryForwarder } from '../confirm-delivery/confirm-delivery.forwarder';
import { ConfirmDeliveryHttpController } from '../confirm-delivery/confirm-delivery.http.controller';
import { DecideFollowUpForwarder } from '../decide-follow-up/decide-follow-up.forwarder';
import { DecideFollowUpHttpController } from '../decide-follow-up/decide-follow-up.http.controller';
import { DismissComplaintForwarder } from '../dismiss-complaint/dismiss-complaint.forwarder';
import { DismissComplaintHttpController } from '../dismiss-complaint/dismiss-complaint.http.controller';
import { DisposeComplaintForwarder } from '../dispose-complaint/dispose-complaint.forwarder';
import { DisposeComplaintHttpController } from '../dispose-complaint/dispose-complaint.http.controller';
import { IssueTeamDecreeForwarder } from '../issue-team-decree/issue-team-decree.forwarder';
import { IssueTeamDecreeHttpController } from '../issue-team-decree/issue-team-decree.http.controller';
import { RecordCallAttemptForwarder } from '../record-call-attempt/record-call-attempt.forwarder';
import { RecordCallAttemptHttpController } from '../record-call-attempt/record-call-attempt.http.controller';
import { RespondAsSectionForwarder } from '../respond-as-section/respond-as-section.forwarder';
import { RespondAsSectionHttpController } from '../respond-as-section/respond-as-section.http.controller';
import { WriteFollowUpInformationForwarder } from '../write-follow-up-information/write-follow-up-information.forwarder';
import { WriteFollowUpInformationHttpController } from '../write-follow-up-information/write-follow-up-information.http.controller';

/** The SOP's commands over REST: each controller with the forwarder that sends it to the owning service (docs/adr/0037). */
export const COMMAND_USE_CASES = [
  [ConfirmComplaintHttpController, ConfirmComplaintForwarder],
  [DismissComplaintHttpController, DismissComplaintForwarder],
  [AppendMessageHttpController, AppendMessageForwarder],
  [DisposeComplaintHttpController, DisposeComplaintForwarder],
  [RespondAsSectionHttpController, RespondAsSectionForwarder],
  [AnalyzeComplaintHttpController, AnalyzeComplaintForwarder],
  [DecideFollowUpHttpController, DecideFollowUpForwarder],
  [IssueTeamDecreeHttpController, IssueTeamDecreeForwarder],
  [WriteFollowUpInformationHttpController, WriteFollowUpInformationForwarder],
  [ConfirmDeliveryHttpController, ConfirmDeliveryForwarder],
  [RecordCallAttemptHttpController, RecordCallAttemptForwarder],
] as const;
