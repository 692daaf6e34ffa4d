/**
 * Which service may call which method of the platform's internal gRPC APIs (docs/adr/0028): the
 * caller is the service its client certificate names (grpc-tls.ts), checked by every server on
 * every call when mutual TLS is on. Keys are the services' full names and the methods' proto
 * names; a method not listed here is refused to everyone (a new method must be added, with who
 * calls it). The gateway's public API for other offices is not in here: it authenticates tokens.
 */
export type GrpcCallerPolicy = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

const GATEWAY = ['gateway'] as const;
/** The services that screen an officer's text with intake before they decide a command (docs/adr/0023). */
const SCREENING = ['disposition', 'analysis', 'team-decree', 'notification'] as const;

export const INTERNAL_GRPC_CALLERS: GrpcCallerPolicy = {
  'pengaduan.intake.v1.IntakeService': {
    RegisterComplaint: GATEWAY,
    GetComplaint: GATEWAY,
    ConfirmComplaint: GATEWAY,
    DismissComplaint: GATEWAY,
    // The reporter's rating and appeal after closing (docs/adr/0053): the officers' and the tracking page's, through the gateway.
    RateComplaint: GATEWAY,
    AppealComplaint: GATEWAY,
    RecordReporterFeedback: GATEWAY,
    // The office's appeal window: read and set by the head of office through the gateway.
    GetAppealWindow: GATEWAY,
    SetAppealWindow: GATEWAY,
    GetRetentionPolicy: GATEWAY,
    SetRetentionPolicy: GATEWAY,
    AppendMessage: GATEWAY,
    TransferComplaint: GATEWAY,
    VerifyReporter: GATEWAY,
    // The reporter's contact, sealed in intake, goes to notification alone (it sends the answers).
    ResolveReporterAddress: ['notification'],
    // And the gateway, before it records an internal note of the office's officers (docs/adr/0046).
    ScreenOfficerText: [...SCREENING, 'gateway'],
    // The processing record of the complainants' contacts, for the officers who may see it.
    ListContactReads: GATEWAY,
    // The problem messages (docs/adr/0047): the officers work them through the gateway.
    ListProblemMessages: GATEWAY,
    ReprocessProblemMessage: GATEWAY,
    DiscardProblemMessage: GATEWAY,
    // The complaint search's full-text part (docs/adr/0045).
    SearchComplaintTexts: GATEWAY,
    // The office's profile (docs/adr/0048): read by every service that renders a document, when it
    // renders one, and by the gateway; changed by the head of office through the gateway.
    GetOfficeProfile: [...SCREENING, 'gateway'],
    UpdateOfficeProfile: GATEWAY,
    // The data subject's rights under UU 27/2022 (docs/adr/0056): Admin Tikkim serves them through the gateway.
    RegisterDataRequest: GATEWAY,
    ListDataRequests: GATEWAY,
    ExportDataRequest: GATEWAY,
    ListDataRequestComplaints: GATEWAY,
    HandOverDataRequest: GATEWAY,
    ChangeContact: GATEWAY,
    // Erasure by key destruction (docs/adr/0057): Admin Tikkim through the gateway.
    ErasePersonalData: GATEWAY,
    ListDestructionRecords: GATEWAY,
    GetDestructionRecord: GATEWAY,
  },
  'pengaduan.disposition.v1.DispositionService': { DisposeComplaint: GATEWAY, ReviewAppeal: GATEWAY, RespondAsSection: GATEWAY, ListSections: GATEWAY, AddSection: GATEWAY, RenameSection: GATEWAY, RetireSection: GATEWAY },
  'pengaduan.analysis.v1.AnalysisService': { AnalyzeComplaint: GATEWAY, DecideFollowUp: GATEWAY },
  'pengaduan.teamdecree.v1.TeamDecreeService': { IssueTeamDecree: GATEWAY },
  'pengaduan.notification.v1.NotificationService': {
    WriteFollowUpInformation: GATEWAY,
    ConfirmDelivery: GATEWAY,
    RecordCallAttempt: GATEWAY,
    // The providers' delivery receipts arrive at intake's webhooks, which hands them over.
    RecordDeliveryReceipts: ['intake'],
    // The offices' texts of the messages to reporters (docs/adr/0050).
    ListMessageTemplates: GATEWAY,
    SetMessageTemplate: GATEWAY,
    ResetMessageTemplate: GATEWAY,
    // Which status messages the office sends (docs/adr/0054).
    GetStatusMessages: GATEWAY,
    SetStatusMessages: GATEWAY,
    ListComplaintStatusMessages: GATEWAY,
    // The follow-up information's text, to post on SP4N-LAPOR! (docs/adr/0055).
    GetFollowUpInformation: GATEWAY,
  },
  // Each office's SLA policy and working calendar, set by its head of office (docs/adr/0049).
  'pengaduan.slamonitor.v1.SlaMonitorService': { GetOfficeSlaPolicy: GATEWAY, SetOfficeSlaPolicy: GATEWAY },
  // Served by every service that produces SOP documents; the gateway fetches them for officers.
  'pengaduan.documents.v1.ComplaintDocumentsService': { GetDocument: GATEWAY },
};

/** The services that may call `service`/`method` under `policy` (none when it is not listed). */
export function allowedCallers(policy: GrpcCallerPolicy, service: string, method: string): readonly string[] {
  return policy[service]?.[method] ?? [];
}
