import { complaintStateConsumer, ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { HealthController, HealthRegistry, type Logger, Clock, SystemClock } from '@pengaduan/runtime';
import { Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, Reflector } from '@nestjs/core';
import { AccessTokens } from './auth/access-tokens';
import { AccountDirectory, AuthGuard } from './auth/auth.guard';
import { PasswordVerifier } from './auth/password-hasher';
import { ComplaintCommandRunner } from './complaint-commands/complaint-command.runner';
import { ComplaintViewsHttpController } from './complaint-views/complaint-views.http.controller';
import { ComplaintViewQueries } from './complaint-views/complaint-views.queries';
import { ComplaintSearch } from './complaint-views/complaint-search';
import { ComplaintExportHttpController } from './complaint-export/complaint-export.http.controller';
import type { GatewayConfig } from './config';
import { RATING_AND_APPEAL } from './complaint-feedback/complaint-feedback.parts';
import { PERSONAL_DATA_ERASURE } from './personal-data-erasure/personal-data-erasure.parts';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation';
import { WorklistHttpController } from './worklist/worklist.http.controller';
import { WorklistQuery } from './worklist/worklist.query';
import { AssignmentJournal } from './complaint-assignment/assignment-journal';
import { AssignmentHttpController } from './complaint-assignment/assignment.http.controller';
import { ComplaintAssignments } from './complaint-assignment/complaint-assignments';
import { ComplaintNotes } from './complaint-notes/complaint-notes';
import { NotesHttpController } from './complaint-notes/notes.http.controller';
import { LoginHandler } from './login/login.handler';
import { LoginHttpController } from './login/login.http.controller';
import { GATEWAY_ENTITIES } from './persistence/entities';
import { GATEWAY_MIGRATIONS } from './persistence/migrations';
import { projectReadModel } from './projection/read-model.projection';
import { deadLetterFollower, deadLetterGroups } from './dead-letters/dead-letter-record';
import { DeadLetters } from './dead-letters/dead-letters';
import { DeadLettersHttpController } from './dead-letters/dead-letters.http.controller';
import { RegisterComplaintForwarder } from './register-complaint/register-complaint.forwarder';
import { RegisterComplaintHttpController } from './register-complaint/register-complaint.http.controller';
import { SectionsHttpController, SectionsQuery } from './sections/sections.http.controller';
import { CallTasksHttpController } from './call-tasks/call-tasks.http.controller';
import { CallTasksQuery } from './call-tasks/call-tasks.query';
import { COMMAND_USE_CASES } from './complaint-commands/command-use-cases.parts';
import { LAPOR_POSTINGS } from './lapor-postings/lapor-postings.parts';
import { SlaEscalationsHttpController } from './sla-escalations/sla-escalations.http.controller';
import { SlaEscalationsQuery } from './sla-escalations/sla-escalations.query';
import { SlaSummaryHttpController } from './sla-summary/sla-summary.http.controller';
import { SlaSummaryQuery } from './sla-summary/sla-summary.query';
import { upstreamClients, upstreamProviders } from './upstream/clients';
import { UserAccounts } from './users/user-accounts';
import { publicApiProviders } from './public-api/public-api.providers';
import { OfficeNames } from './public-offices/office-names';
import { PublicOfficesHttpController, WebFormOffices } from './public-offices/public-offices.http.controller';
import { trackingLimitsOf } from './public-rate-limits/public-limits';
import { PublicRateLimits } from './public-rate-limits/public-rate-limits';
import { RateLimitKeys } from './public-rate-limits/rate-limit-keys';
import { TrackComplaintHandler } from './track-complaint/track-complaint.handler';
import { TrackComplaintHttpController } from './track-complaint/track-complaint.http.controller';
import { PublicTrackingLimits, TrackingAttempts } from './track-complaint/tracking-attempts';
import { TrackingQueries } from './track-complaint/tracking.queries';
import { ComplaintDocumentsClients } from './complaint-documents/complaint-documents.clients';
import { ComplaintDocumentRefs, ComplaintDocumentsHttpController } from './complaint-documents/complaint-documents.http.controller';
import { ComplaintMessagesHttpController } from './complaint-messages/complaint-messages.http.controller';
import { ComplaintStatusMessagesHttpController } from './complaint-messages/complaint-status-messages.http.controller';
import { ProcessingRecordHttpController } from './processing-record/processing-record.http.controller';
import { ProblemMessagesHttpController } from './problem-messages/problem-messages.http.controller';
import { DATA_SUBJECT_RIGHTS } from './data-subject-rights/data-subject-rights.parts';
import { DashboardHttpController, DashboardQueries } from './dashboard/dashboard.http.controller';
import { AccountSecurityLog } from './account-security-log/account-security-log';
import { OFFICE_ADMINISTRATION } from './administer-officers/office-administration.parts';
import { SLA_POLICY } from './sla-policy/sla-policy.parts';
import { MESSAGE_TEMPLATES } from './message-templates/message-templates.parts';
import { STATUS_MESSAGES } from './status-messages/status-messages.parts';
import { APPEAL_WINDOW } from './appeal-window/appeal-window.parts';
import { RETENTION_POLICY } from './retention-policy/retention-policy.parts';
import { OFFICE_PROFILE } from './office-profile/office-profile.parts';
import { ACCOUNT_SECURITY } from './users/account-security.parts';
import { LoginAttempts, LoginLimits, loginLimitsOf } from './login/login-attempts';
import { LoginChallenges } from './login/login-challenges';
import { SecondFactorPolicy } from './totp/second-factor-policy';
import { TotpCredentials } from './totp/totp-credentials';
import { TotpSecretBox } from './totp/totp-secret-box';

/** Starts the runtime (in the background); on shutdown closes the gRPC clients and stops the runtime. */
class GatewayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly upstreams: { close(): void }[],
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.runtime.start();
  }

  // Nest calls this after the HTTP server stopped taking requests.
  async onApplicationShutdown(signal?: string): Promise<void> {
    for (const client of this.upstreams) client.close();
    await this.runtime.stop();
    this.logger.info({ signal }, 'gateway stopped');
  }
}

/**
 * The gateway's database, migrations, Kafka and its one consumer (the read model): shared by
 * the service and its `migrate` command. The consumer folds every event into the libs/sop
 * state of its complaint (complaint_state), then builds the views, timelines and outputs.
 */
export function gatewayRuntimeOptions(config: GatewayConfig, logger: Logger, complaintTopic?: string): ServiceRuntimeOptions {
  // The read model projects every event, sla.* included (deadlines, escalations, the timeline).
  const readModel = complaintStateConsumer(config.projectionGroup, projectReadModel, () => true);
  return {
    service: 'gateway',
    logger,
    database: { url: config.databaseUrl, schema: config.databaseSchema, entities: GATEWAY_ENTITIES, migrations: GATEWAY_MIGRATIONS },
    kafkaBrokers: config.kafkaBrokers,
    // The gateway emits no events (commands go to the owning services), so there is no outbox to relay.
    relay: false,
    consumers: [{ ...readModel, partitionsConcurrently: config.projectionConcurrency, ...(complaintTopic ? { topics: [complaintTopic] } : {}) }],
    // Every group's dead letters, for the platform operators (docs/adr/0043).
    followers: [deadLetterFollower(config.projectionGroup, deadLetterGroups(config.projectionGroup, complaintTopic !== undefined))],
    // It signs nothing (no outbox); the read model verifies every event with the published keys.
    signing: config.eventSigning,
    kafkaSecurity: config.kafkaSecurity,
  };
}

export interface GatewayModuleOptions {
  clock?: Clock;
  /** The topic the read model follows; only tests change it (to a topic of their own). */
  complaintTopic?: string;
}


@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, logger: Logger, options: GatewayModuleOptions = {}): DynamicModule {
    const clock = options.clock ?? new SystemClock();
    const upstreams = upstreamClients(config, logger);
    const documents = new ComplaintDocumentsClients(config, logger);
    return {
      module: GatewayModule,
      controllers: [
        HealthController,
        LoginHttpController,
        // Officer account security (ADR 0022) and the second factor (ADR 0027).
        ...ACCOUNT_SECURITY.controllers,
        RegisterComplaintHttpController,
        // Before the views: their /complaints/{id} would take "export" for an id.
        ComplaintExportHttpController,
        ComplaintViewsHttpController,
        WorklistHttpController,
        // Who is on a complaint, and the office's internal notes (ADR 0046).
        AssignmentHttpController,
        NotesHttpController,
        SectionsHttpController,
        // The office's administration: officers, sections, its log (ADR 0042).
        ...OFFICE_ADMINISTRATION.controllers,
        ...SLA_POLICY.controllers,
        ...MESSAGE_TEMPLATES.controllers,
        ...STATUS_MESSAGES.controllers,
        ...APPEAL_WINDOW.controllers,
        ...RETENTION_POLICY.controllers,
        ...OFFICE_PROFILE.controllers,
        SlaSummaryHttpController,
        SlaEscalationsHttpController,
        CallTasksHttpController,
        ...LAPOR_POSTINGS.controllers,
        // The consumer groups' dead letters, for the platform operators (docs/adr/0043).
        DeadLettersHttpController,
        TrackComplaintHttpController,
        ...RATING_AND_APPEAL.controllers,
        PublicOfficesHttpController,
        ComplaintDocumentsHttpController,
        ComplaintMessagesHttpController,
        ComplaintStatusMessagesHttpController,
        ProcessingRecordHttpController,
        ProblemMessagesHttpController,
        // Access, correction and restriction of a complainant's personal data (docs/adr/0056).
        ...DATA_SUBJECT_RIGHTS.controllers,
        // Erasure by key destruction and the berita acara pemusnahan (docs/adr/0057).
        ...PERSONAL_DATA_ERASURE.controllers,
        DashboardHttpController,
        ...COMMAND_USE_CASES.map(([controller]) => controller),
      ],
      providers: [
        { provide: Clock, useValue: clock },
        { provide: ServiceRuntime, useFactory: () => new ServiceRuntime(gatewayRuntimeOptions(config, logger, options.complaintTopic)) },
        { provide: HealthRegistry, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => rt.health },
        { provide: DeadLetters, inject: [ServiceRuntime, Clock], useFactory: (rt: ServiceRuntime, c: Clock) => new DeadLetters(rt, c, deadLetterGroups(config.projectionGroup, options.complaintTopic !== undefined)) },
        ...upstreamProviders(upstreams),
        { provide: AccessTokens, useValue: new AccessTokens(config.jwtSecret, config.jwtTtlSeconds, clock) },
        { provide: UserAccounts, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => new UserAccounts(() => rt.dataSource) },
        { provide: AccountDirectory, useExisting: UserAccounts },
        { provide: PasswordVerifier, useValue: new PasswordVerifier() },
        {
          provide: AccountSecurityLog,
          inject: [ServiceRuntime],
          useFactory: (rt: ServiceRuntime) => new AccountSecurityLog(() => rt.dataSource, new RateLimitKeys(config.jwtSecret)),
        },
        { provide: LoginLimits, useValue: loginLimitsOf(config) },
        LoginAttempts,
        ...ACCOUNT_SECURITY.providers,
        ...OFFICE_ADMINISTRATION.providers,
        ...SLA_POLICY.providers,
        ...MESSAGE_TEMPLATES.providers,
        ...STATUS_MESSAGES.providers,
        ...APPEAL_WINDOW.providers,
        ...RETENTION_POLICY.providers,
        ...PERSONAL_DATA_ERASURE.providers,
        ...OFFICE_PROFILE.providers,
        { provide: SecondFactorPolicy, useValue: new SecondFactorPolicy(config.totpRequiredRoles) },
        {
          provide: TotpCredentials,
          inject: [ServiceRuntime],
          useFactory: (rt: ServiceRuntime) => new TotpCredentials(() => rt.dataSource, new TotpSecretBox(config.jwtSecret)),
        },
        { provide: LoginChallenges, useValue: new LoginChallenges(config.jwtSecret, clock) },
        LoginHandler,
        RegisterComplaintForwarder,
        ComplaintViewQueries,
        ComplaintSearch,
        ComplaintCommandRunner,
        WorklistQuery,
        AssignmentJournal,
        ComplaintAssignments,
        ComplaintNotes,
        SectionsQuery,
        SlaSummaryQuery,
        SlaEscalationsQuery,
        CallTasksQuery,
        ...LAPOR_POSTINGS.providers,
        // The complainants' public endpoints (no login): tracking, the web form's offices, their rate limits.
        { provide: OfficeNames, useValue: new OfficeNames((code) => config.officeProfiles.profileOf(code).name) },
        { provide: WebFormOffices, useValue: new WebFormOffices(config.webFormOffices) },
        {
          provide: PublicRateLimits,
          inject: [ServiceRuntime, Clock],
          useFactory: (rt: ServiceRuntime, c: Clock) => new PublicRateLimits(rt, new RateLimitKeys(config.jwtSecret), c, logger),
        },
        { provide: PublicTrackingLimits, useValue: new PublicTrackingLimits(trackingLimitsOf(config)) },
        TrackingAttempts,
        TrackingQueries,
        TrackComplaintHandler,
        ...RATING_AND_APPEAL.providers,
        { provide: ComplaintDocumentsClients, useValue: documents },
        ComplaintDocumentRefs,
        DashboardQueries,
        ...COMMAND_USE_CASES.map(([, handler]) => handler),
        // The public gRPC API (pengaduan.v1) for the offices' systems, on GATEWAY_GRPC_ADDRESS.
        ...publicApiProviders(config, logger, { reflection: config.grpcReflection ?? !config.production }),
        {
          provide: APP_GUARD,
          inject: [Reflector, AccessTokens, AccountDirectory, SecondFactorPolicy],
          useFactory: (reflector: Reflector, tokens: AccessTokens, accounts: AccountDirectory, policy: SecondFactorPolicy) => new AuthGuard(reflector, tokens, accounts, policy),
        },
        { provide: APP_FILTER, useFactory: () => new ProblemDetailsFilter(logger) },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        {
          provide: GatewayLifecycle,
          inject: [ServiceRuntime],
          useFactory: (rt: ServiceRuntime) => new GatewayLifecycle(rt, [...Object.values(upstreams), ...documents.all()], logger),
        },
      ],
      exports: [ServiceRuntime],
    };
  }
}
