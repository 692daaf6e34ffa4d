// The BOLA/BFLA matrix of the gateway (docs/security.md, issue 13): every route of the running
// gateway's OpenAPI document, and every method of the public gRPC API's generated descriptor, is
// listed in a policy table below; each is called over the network without a token, with bad
// tokens, and by an officer (an office client) of every role of office A and of office B, and
// what comes back is held against the table. A route or method nobody listed fails the suite.
//
// "Passed authorisation" is anything but 401/403/404 (UNAUTHENTICATED/PERMISSION_DENIED/
// NOT_FOUND): no service runs here, so a request the gateway lets through is answered 503 by
// the unreachable upstream, 400 for a body made to fail validation, or 200 from the read model.
//
// ADR 0011: the gateway scopes (office, 404 for another office's complaint) and the owning
// service decides the SOP's rules (a role libs/sop's COMMAND_RULES does not name is refused by
// the service with 403 COMPLAINT.FORBIDDEN_ROLE). So for an SOP command the table takes the
// allowed roles from `mayFire` and expects a role outside them to be refused (403) or forwarded
// to the owning service, which decides (503 UPSTREAM.UNAVAILABLE here); a role it names must pass.
import { create, toJson, type DescMessage } from '@bufbuild/protobuf';
import { publicApi, toGrpcServiceDefinition } from '@pengaduan/contracts';
import { DEFAULT_SLA_POLICY, mayFire, type CommandType, type UserActor } from '@pengaduan/sop';
import { ComplaintHistory, uniqueSuffix } from '@pengaduan/testing';
import { credentials, makeGenericClientConstructor, Metadata, status as GrpcStatus, type Client, type ServiceDefinition, type ServiceError as GrpcError } from '@grpc/grpc-js';
import { SignJWT, UnsecuredJWT } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway, type TestOfficer } from '../__fixtures__/gateway-app';
import { analysisBody, confirmBody, decreeBody, deliveryBody, dispositionBody } from '../__fixtures__/sop-over-rest';
import { TOKEN_ISSUER } from '../auth/access-tokens';
import { OFFICE_ROLES, OFFICER_ROLES, type OfficerRole } from '../auth/authenticated-user';
import { DEAD_LETTER_ROLES } from '../dead-letters/dead-letters.http.controller';
import { OFFICE_OFFICER_READERS } from '../office-officers/office-officers.http.controller';
import { ASSIGNERS } from '../complaint-assignment/complaint-assignments';
import { NOTE_READ_ONLY } from '../complaint-notes/complaint-notes';
import { PROBLEM_MESSAGE_READERS, PROBLEM_MESSAGE_WORKERS } from '../problem-messages/problem-messages.http.controller';
import { DATA_REQUEST_READERS, DATA_REQUEST_WORKERS } from '../data-subject-rights/data-requests.http.controller';
import { DESTRUCTION_RECORD_READERS } from '../personal-data-erasure/destruction-records.http.controller';
import { MESSAGE_TEMPLATE_EDITORS, MESSAGE_TEMPLATE_READERS } from '../message-templates/message-templates.handler';
import { STATUS_MESSAGE_EDITORS, STATUS_MESSAGE_READERS } from '../status-messages/status-messages.handler';
import { APPEAL_WINDOW_EDITORS, APPEAL_WINDOW_READERS } from '../appeal-window/appeal-window.handler';
import { RETENTION_POLICY_EDITORS, RETENTION_POLICY_READERS } from '../retention-policy/retention-policy.handler';
import { OfficeClients } from '../public-api/office-clients';
import { PublicGrpcServer } from '../public-api/public-grpc-server';

const OFFICE_A = 'BLP';
const OFFICE_B = 'TPI';
/** A section for the roles that have one (libs/sop: a SEKSI_TERKAIT officer responds for their section). */
const SECTION_OF: Partial<Record<OfficerRole, string>> = { SEKSI_TERKAIT: 'INTELDAKIM' };

// ---------------------------------------------------------------------------------------------
// The REST policy table
// ---------------------------------------------------------------------------------------------

/** What a probe may name: the seeded complaint of office A and accounts of office A. */
interface Fixture {
  complaintId: string;
  trackingNumber: string;
  /** Accounts of office A that only the account administration is tried on. */
  targets: { reset: string; deactivate: string; securityLog: string };
}

/** One request of a route: path parameters, query and body. */
interface Probe {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

type Access =
  /** No token needed. */
  | { kind: 'public' }
  /** Every officer of the office (every role but the platform operator, unless `operators`: the operator's own account, docs/adr/0043). */
  | { kind: 'officer'; operators?: true }
  /** Only these roles; the gateway answers 403 to any other. */
  | { kind: 'roles'; roles: readonly OfficerRole[] }
  /** An SOP command: the roles libs/sop's COMMAND_RULES lets fire it (`mayFire`), decided by the owning service (ADR 0011). */
  | { kind: 'sop'; command: CommandType };

/**
 * How an officer of ANOTHER office (B) is answered when the probe names office A's complaint,
 * accounts or office:
 * - `not-found`: 404 to every role, exactly as for what does not exist (complaint-scoped routes);
 * - `own-office`: as in office A by role, but the answer is about B's own office (lists, the
 *   officer's own account …): never office A's data;
 * - `not-found-if-allowed`: 403 to a role that may not call it at all, 404 to one that may (an
 *   account of another office is not told to exist);
 * - `forbidden`: 403 to every role (office A named in the body: offices are no secret).
 * In every case the body never holds office A's tracking number, summary or usernames (unless
 * the request itself named them).
 */
type OtherOffice = 'not-found' | 'own-office' | 'not-found-if-allowed' | 'forbidden';

interface RoutePolicy {
  access: Access;
  otherOffice: OtherOffice;
  probe: (f: Fixture) => Probe;
  /** Why the row says what it says: the code that decides. */
  why: string;
  /** A known authorisation hole: what comes back now, and for whom (the test documents it and still passes). */
  KNOWN_HOLE?: string;
}

const command = (commandType: CommandType, body: unknown, why: string): RoutePolicy => ({
  access: { kind: 'sop', command: commandType },
  otherOffice: 'not-found',
  probe: () => ({ body }),
  why: `ComplaintCommandRunner: office scope against the read model (404), then the owning service decides ${commandType} by libs/sop; ${why}`,
});

const complaintView = (why: string, probe: (f: Fixture) => Probe = () => ({})): RoutePolicy => ({
  access: { kind: 'officer' },
  otherOffice: 'not-found',
  probe,
  why: `every officer of the complaint's office; ComplaintViewQueries.inOffice → 404 otherwise (${why})`,
});

const officeView = (why: string, probe: (f: Fixture) => Probe = () => ({})): RoutePolicy => ({ access: { kind: 'officer' }, otherOffice: 'own-office', probe, why });

const ACCOUNT_ADMINISTRATOR: readonly OfficerRole[] = ['KEPALA_KANTOR'];

/** Every route of the REST API, keyed `METHOD /path` as the OpenAPI document names it. */
const POLICY: Record<string, RoutePolicy> = {
  'GET /health/live': { access: { kind: 'public' }, otherOffice: 'own-office', probe: () => ({}), why: 'AuthGuard OPEN_PATH: the orchestrator has no token' },
  'GET /health/ready': { access: { kind: 'public' }, otherOffice: 'own-office', probe: () => ({}), why: 'AuthGuard OPEN_PATH' },
  'POST /api/v1/auth/login': {
    access: { kind: 'public' },
    otherOffice: 'own-office',
    // An empty body fails validation before any password is checked (no failed login is counted).
    probe: () => ({ body: {} }),
    why: '@Public()',
  },
  'POST /api/v1/auth/logout': {
    access: { kind: 'officer', operators: true },
    otherOffice: 'own-office',
    // `everywhere` not a boolean: 400 after the guard, and the token stays valid.
    probe: () => ({ body: { everywhere: 'yes' } }),
    why: "any officer, their own token only",
  },
  'POST /api/v1/auth/password': {
    access: { kind: 'officer', operators: true },
    otherOffice: 'own-office',
    // Fields missing: 400 after the guard, no wrong password counted.
    probe: () => ({ body: {} }),
    why: 'any officer, their own password only',
  },
  'POST /api/v1/auth/login/totp': {
    access: { kind: 'public' },
    otherOffice: 'own-office',
    // No challenge: 400 before any code is checked (nothing counted).
    probe: () => ({ body: {} }),
    why: '@Public(): the second step of a login, with the challenge the first answered',
  },
  'GET /api/v1/auth/totp': { access: { kind: 'officer', operators: true }, otherOffice: 'own-office', probe: () => ({}), why: "any officer, their own second factor's state" },
  'POST /api/v1/auth/totp/enrolment': {
    access: { kind: 'officer', operators: true },
    otherOffice: 'own-office',
    // Starts (or replaces) a pending enrolment of the caller's own account; nothing is enabled.
    probe: () => ({ body: {} }),
    why: 'any officer, their own account only',
  },
  'POST /api/v1/auth/totp/enrolment/confirm': {
    access: { kind: 'officer', operators: true },
    otherOffice: 'own-office',
    probe: () => ({ body: {} }),
    why: 'any officer, their own pending enrolment; no code: 400',
  },
  'DELETE /api/v1/auth/totp': {
    access: { kind: 'officer', operators: true },
    otherOffice: 'own-office',
    probe: () => ({ body: {} }),
    why: 'any officer, their own second factor, with password and code; none given: 400',
  },
  'GET /api/v1/auth/security-log': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    // B's head of office asking for A's account reads B's office: nothing.
    otherOffice: 'own-office',
    probe: (f) => ({ query: { username: f.targets.securityLog } }),
    why: "securityLogScopeOf: another account's log only for KEPALA_KANTOR (403 ACCOUNT.FORBIDDEN_ROLE), and only within their office",
  },
  'GET /api/v1/users': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: 'assertAccountAdministrator (403 ACCOUNT.FORBIDDEN_ROLE); lists the administrator’s own office',
  },
  'GET /api/v1/office/officers': {
    access: { kind: 'roles', roles: OFFICE_OFFICER_READERS },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "OfficeOfficersHttpController: who issues the team decree (libs/sop formTeam), else 403 OFFICE_OFFICERS.FORBIDDEN_ROLE; the caller's own office's active officers only",
  },
  'POST /api/v1/users/{username}/password-reset': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    otherOffice: 'not-found-if-allowed',
    probe: (f) => ({ params: { username: f.targets.reset }, body: {} }),
    why: 'administeredAccount: 403 ACCOUNT.FORBIDDEN_ROLE first, then 404 ACCOUNT.NOT_FOUND for an account of another office',
  },
  'POST /api/v1/users/{username}/deactivate': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    otherOffice: 'not-found-if-allowed',
    probe: (f) => ({ params: { username: f.targets.deactivate } }),
    why: 'administeredAccount, as for the password reset',
  },
  // The office's administration (docs/adr/0042).
  'POST /api/v1/users': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    // B's head of office adds an officer to B.
    otherOffice: 'own-office',
    probe: () => ({ body: { username: `matriks.${uniqueSuffix()}`, displayName: 'Petugas Matriks', role: 'AUDITOR' } }),
    why: "assertAccountAdministrator (403 ACCOUNT.FORBIDDEN_ROLE); the officer joins the administrator's own office",
  },
  'PATCH /api/v1/users/{username}': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    otherOffice: 'not-found-if-allowed',
    probe: (f) => ({ params: { username: f.targets.securityLog }, body: { position: 'Analis Keimigrasian' } }),
    why: 'administeredAccount, as for the password reset',
  },
  'GET /api/v1/admin-log': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "AdminLogHttpController: assertAccountAdministrator; the administrator's own office's entries only",
  },
  'POST /api/v1/sections': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    otherOffice: 'own-office',
    probe: () => ({ body: { code: 'MATRIKS', name: 'Seksi Matriks' } }),
    why: "AdministerSectionsHandler: assertAccountAdministrator, then disposition on the administrator's own office",
  },
  'PATCH /api/v1/sections/{code}': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    otherOffice: 'own-office',
    probe: () => ({ params: { code: 'INTELDAKIM' }, body: { name: 'Seksi Inteldakim' } }),
    why: "as adding a section: the code is looked up in the administrator's own office only",
  },
  'POST /api/v1/sections/{code}/retire': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    otherOffice: 'own-office',
    probe: () => ({ params: { code: 'INTELDAKIM' } }),
    why: "as adding a section: the code is looked up in the administrator's own office only",
  },
  // The office's SLA policy and working calendar (docs/adr/0049): sla-monitor keeps them per office.
  'GET /api/v1/sla-policy': officeView("SlaPolicyHandler.read: the officer's own office's policy, from sla-monitor"),
  'PUT /api/v1/sla-policy': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    otherOffice: 'own-office',
    probe: () => ({ body: { ...DEFAULT_SLA_POLICY, calendar: 'WORKING_CALENDAR' } }),
    why: "SlaPolicyHandler.change: 403 SLA_POLICY.FORBIDDEN_ROLE for other roles; the policy of the head of office's own office",
  },
  // The office's texts of the messages to reporters (docs/adr/0050): notification keeps them per office.
  'GET /api/v1/message-templates': {
    access: { kind: 'roles', roles: MESSAGE_TEMPLATE_READERS },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "MessageTemplatesHandler: 403 MESSAGE_TEMPLATE.FORBIDDEN_ROLE for other roles; notification lists the caller's own office's texts",
  },
  'PUT /api/v1/message-templates/{purpose}/{channel}': {
    access: { kind: 'roles', roles: MESSAGE_TEMPLATE_EDITORS },
    otherOffice: 'own-office',
    probe: () => ({ params: { purpose: 'ACKNOWLEDGEMENT', channel: 'SMS' }, body: { body: 'Aduan Anda kami terima dengan nomor {nomor}.' } }),
    why: "MessageTemplatesHandler: 403 MESSAGE_TEMPLATE.FORBIDDEN_ROLE for other roles; the text of the caller's own office",
  },
  'POST /api/v1/message-templates/{purpose}/{channel}/reset': {
    access: { kind: 'roles', roles: MESSAGE_TEMPLATE_EDITORS },
    otherOffice: 'own-office',
    probe: () => ({ params: { purpose: 'ACKNOWLEDGEMENT', channel: 'SMS' }, body: {} }),
    why: 'as wording a text',
  },
  // Which status messages the office sends (docs/adr/0054): notification keeps them per office.
  'GET /api/v1/status-messages': {
    access: { kind: 'roles', roles: STATUS_MESSAGE_READERS },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "StatusMessagesHandler: 403 STATUS_MESSAGES.FORBIDDEN_ROLE for other roles; notification answers the caller's own office's settings",
  },
  'PUT /api/v1/status-messages': {
    access: { kind: 'roles', roles: STATUS_MESSAGE_EDITORS },
    otherOffice: 'own-office',
    probe: () => ({ body: { items: [{ purpose: 'STATUS_DISPOSED', enabled: false }] } }),
    why: "StatusMessagesHandler: 403 STATUS_MESSAGES.FORBIDDEN_ROLE for other roles; the settings of the caller's own office",
  },
  // The office's appeal window after closing (docs/adr/0053): intake keeps it per office.
  'GET /api/v1/appeal-window': {
    access: { kind: 'roles', roles: APPEAL_WINDOW_READERS },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "AppealWindowHandler: 403 APPEAL_WINDOW.FORBIDDEN_ROLE for other roles; intake answers the caller's own office's window",
  },
  'PUT /api/v1/appeal-window': {
    access: { kind: 'roles', roles: APPEAL_WINDOW_EDITORS },
    otherOffice: 'own-office',
    probe: () => ({ body: { days: 30 } }),
    why: "AppealWindowHandler: 403 APPEAL_WINDOW.FORBIDDEN_ROLE for other roles; the window of the caller's own office",
  },
  // The office's retention periods per kind of record (docs/adr/0057): intake keeps them per office.
  'GET /api/v1/retention-policy': {
    access: { kind: 'roles', roles: RETENTION_POLICY_READERS },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "RetentionPolicyHandler: 403 RETENTION_POLICY.FORBIDDEN_ROLE for other roles; intake answers the caller's own office's periods",
  },
  'PUT /api/v1/retention-policy': {
    access: { kind: 'roles', roles: RETENTION_POLICY_EDITORS },
    otherOffice: 'own-office',
    probe: () => ({ body: { policies: [{ kind: 'CLOSED_COMPLAINT', days: 365 }] } }),
    why: "RetentionPolicyHandler: 403 RETENTION_POLICY.FORBIDDEN_ROLE for other roles; the periods of the caller's own office",
  },
  // The office's profile, its documents' letterhead (docs/adr/0048): intake keeps it per office.
  'GET /api/v1/office-profile': officeView("OfficeProfileHandler.read: the officer's own office's profile, from intake"),
  'PUT /api/v1/office-profile': {
    access: { kind: 'roles', roles: ACCOUNT_ADMINISTRATOR },
    otherOffice: 'own-office',
    // A valid body and no If-Match: 400 for the head of office after the role, 403 for any other role.
    probe: () => ({ body: { ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia', parentUnits: [], name: 'Kantor Imigrasi Matriks', address: 'Jl. Matriks 1', city: 'Batam' } }),
    why: "OfficeProfileHandler.change: 403 OFFICE_PROFILE.FORBIDDEN_ROLE for other roles; intake changes the head of office's own office's profile",
  },
  'POST /api/v1/complaints': {
    access: { kind: 'sop', command: 'receive' },
    otherOffice: 'forbidden',
    probe: () => ({ body: { officeCode: OFFICE_A, channel: 'PHONE', text: 'Aduan matriks akses: antrean paspor terlalu panjang.' } }),
    why: 'RegisterComplaintForwarder: 403 AUTH.OUT_OF_OFFICE_SCOPE for another office in the body; intake decides the role by libs/sop',
  },
  'GET /api/v1/complaints': officeView("the officer's office's list (ComplaintViewQueries.list by user.officeCode)", (f) => ({ query: { trackingNumber: f.trackingNumber } })),
  'GET /api/v1/complaints/export': officeView("the same list as a file (ComplaintViewQueries.forExport by user.officeCode; docs/adr/0045)", (f) => ({ query: { format: 'csv', trackingNumber: f.trackingNumber } })),
  'GET /api/v1/complaints/{id}': complaintView('withState(id, officeCode)'),
  'GET /api/v1/complaints/{id}/timeline': complaintView('timeline'),
  'GET /api/v1/complaints/{id}/documents': complaintView('documents list'),
  'GET /api/v1/complaints/{id}/status-messages': complaintView('then notification, which answers only the office’s own messages (docs/adr/0054)'),
  'GET /api/v1/complaints/{id}/documents/{kind}': complaintView('then the producing service; the seeded complaint has a Laporan Aduan', () => ({ params: { kind: 'LAPORAN_ADUAN' } })),
  'GET /api/v1/complaints/{id}/messages': complaintView('then intake, which gives the contact only to a role and purpose docs/adr/0029 allows'),
  'POST /api/v1/complaints/{id}/messages/contact-reads': complaintView('then intake, which allows BREAK_GLASS with its reason to the head of office only (docs/adr/0029) and records every attempt', () => ({
    body: { purpose: 'BREAK_GLASS', reason: 'Pemeriksaan internal atas dugaan pungutan liar di loket.' },
  })),
  'GET /api/v1/processing-record': {
    access: { kind: 'roles', roles: ['KEPALA_KANTOR', 'AUDITOR'] },
    otherOffice: 'not-found-if-allowed',
    probe: (f) => ({ query: { complaintId: f.complaintId } }),
    why: 'ProcessingRecordHttpController: 403 PROCESSING_RECORD.FORBIDDEN_ROLE for other roles, then inOffice → 404 for a complaint of another office; intake lists the officer’s office only (docs/adr/0029)',
  },
  'GET /api/v1/worklist': officeView("what waits for the officer in their office (libs/sop availableActions)"),
  // Who is on a complaint and the office's internal notes (docs/adr/0046): the gateway's own, scoped like a view.
  'GET /api/v1/complaints/{id}/assignment': complaintView('ComplaintAssignments.current: withState in the office'),
  'POST /api/v1/complaints/{id}/claim': complaintView('ComplaintAssignments.claim: then 409 ASSIGNMENT.NOT_WAITING_ON_YOU / TAKEN by the complaint’s step, never by a 403'),
  'POST /api/v1/complaints/{id}/release': complaintView('ComplaintAssignments.release: then 409 ASSIGNMENT.NOT_YOURS when a colleague is on it'),
  'POST /api/v1/complaints/{id}/assignment': {
    access: { kind: 'roles', roles: ASSIGNERS },
    otherOffice: 'not-found-if-allowed',
    // Nobody with this id: 400 ASSIGNMENT.OFFICER_NOT_ELIGIBLE for the head of office, after the role and the office.
    probe: () => ({ body: { userId: '00000000-0000-4000-8000-000000000000' } }),
    why: 'ComplaintAssignments.assign: 403 ASSIGNMENT.FORBIDDEN_ROLE for other roles, then withState in the office → 404',
  },
  'GET /api/v1/complaints/{id}/notes': complaintView('ComplaintNotes.list'),
  'POST /api/v1/complaints/{id}/notes': {
    access: { kind: 'roles', roles: OFFICE_ROLES.filter((role) => !NOTE_READ_ONLY.includes(role)) },
    otherOffice: 'not-found-if-allowed',
    // A clean note: intake (not running here) would screen it, so 503 once authorised.
    probe: () => ({ body: { text: 'Rekaman CCTV loket 3 sudah diminta.' } }),
    why: 'ComplaintNotes.add: 403 NOTE.FORBIDDEN_ROLE for the read-only auditor, then inOffice → 404, then intake screens it',
  },
  'GET /api/v1/sections': officeView("the sections of the officer's office, from disposition"),
  'GET /api/v1/sla/summary': officeView("the officer's office's deadlines"),
  'GET /api/v1/sla/escalations': officeView("escalations to the officer's role in their office"),
  // The consumer groups' dead letters (docs/adr/0043): platform-wide, for the platform operators only.
  'GET /api/v1/dead-letters': {
    access: { kind: 'roles', roles: DEAD_LETTER_ROLES },
    otherOffice: 'own-office',
    probe: () => ({ query: { group: 'notification' } }),
    why: 'DeadLettersHttpController: 403 DEAD_LETTER.FORBIDDEN_ROLE for every officer; no office holds them, and no complaint content is in them',
  },
  'POST /api/v1/dead-letters/redrive': {
    access: { kind: 'roles', roles: DEAD_LETTER_ROLES },
    otherOffice: 'own-office',
    // A group name no topic can have: 400 after the role check, nothing re-driven.
    probe: () => ({ body: { group: 'no such group' } }),
    why: 'DeadLettersHttpController: 403 DEAD_LETTER.FORBIDDEN_ROLE for every officer',
  },
  'POST /api/v1/dead-letters/{id}/redrive': {
    access: { kind: 'roles', roles: DEAD_LETTER_ROLES },
    otherOffice: 'own-office',
    // No such dead letter: 404 DEAD_LETTER.NOT_FOUND to the operator would read as refused, so a malformed id (400).
    probe: () => ({ params: { id: 'not-a-uuid' } }),
    why: 'DeadLettersHttpController: 403 DEAD_LETTER.FORBIDDEN_ROLE for every officer',
  },
  'GET /api/v1/call-tasks': {
    access: { kind: 'roles', roles: ['ADMIN_TIKKIM'] },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "CallTasksHttpController: 403 CALL_TASK.FORBIDDEN_ROLE for other roles; the caller's own office's call tasks only",
  },
  'GET /api/v1/lapor-postings': {
    access: { kind: 'roles', roles: ['ADMIN_TIKKIM'] },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "LaporPostingsHttpController (docs/adr/0055): 403 CALL_TASK.FORBIDDEN_ROLE for other roles; the caller's own office's posting tasks only",
  },
  'GET /api/v1/lapor-postings/{id}/text': {
    access: { kind: 'roles', roles: ['ADMIN_TIKKIM'] },
    otherOffice: 'not-found-if-allowed',
    probe: () => ({}),
    why: 'LaporPostingsHttpController.text (docs/adr/0055): 403 CALL_TASK.FORBIDDEN_ROLE for other roles, then inOffice → 404, then notification (503 here)',
  },
  // The problem messages (docs/adr/0047): intake keeps and scopes them (404 for another office's id, tested in intake).
  'GET /api/v1/problem-messages': {
    access: { kind: 'roles', roles: PROBLEM_MESSAGE_READERS },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "ProblemMessagesHttpController: 403 PROBLEM_MESSAGE.FORBIDDEN_ROLE for other roles; intake lists the caller's own office's only",
  },
  'POST /api/v1/problem-messages/{id}/reprocess': {
    access: { kind: 'roles', roles: PROBLEM_MESSAGE_WORKERS },
    otherOffice: 'own-office',
    probe: () => ({ params: { id: randomUUID() } }),
    why: "ProblemMessagesHttpController: 403 PROBLEM_MESSAGE.FORBIDDEN_ROLE for other roles; intake acts on the caller's office's only (404 PROBLEM_MESSAGE.NOT_FOUND)",
  },
  'POST /api/v1/problem-messages/{id}/discard': {
    access: { kind: 'roles', roles: PROBLEM_MESSAGE_WORKERS },
    otherOffice: 'own-office',
    probe: () => ({ params: { id: randomUUID() }, body: { reason: 'Pesan uji dari penyedia' } }),
    why: 'as the re-processing; the reason is checked against FIELD_RULES.problemMessageDiscardReason',
  },
  // The data subject's rights (docs/adr/0056): intake keeps and scopes the requests (another office's id is 404, tested in intake and data-subject-rights.int.spec.ts).
  'POST /api/v1/data-requests': {
    access: { kind: 'roles', roles: DATA_REQUEST_WORKERS },
    otherOffice: 'own-office',
    probe: (f) => ({ body: { trackingNumber: f.trackingNumber, verification: 'IN_PERSON', identityDocumentKind: 'KTP' } }),
    why: "DataRequestsHttpController: 403 COMPLAINT.FORBIDDEN_ROLE for other roles; intake finds the tracking number in the caller's office only (404 COMPLAINT.NOT_FOUND)",
  },
  'GET /api/v1/data-requests': {
    access: { kind: 'roles', roles: DATA_REQUEST_READERS },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "DataRequestsHttpController: 403 for other roles; intake lists the caller's own office's only",
  },
  'GET /api/v1/data-requests/{id}/export.pdf': {
    access: { kind: 'roles', roles: DATA_REQUEST_WORKERS },
    otherOffice: 'own-office',
    probe: () => ({ params: { id: randomUUID() } }),
    why: "DataRequestsHttpController: 403 for other roles; intake exports the caller's office's requests only (404 DATA_REQUEST.NOT_FOUND)",
  },
  'GET /api/v1/data-requests/{id}/export.json': {
    access: { kind: 'roles', roles: DATA_REQUEST_WORKERS },
    otherOffice: 'own-office',
    probe: () => ({ params: { id: randomUUID() } }),
    why: 'as the PDF',
  },
  'GET /api/v1/data-requests/{id}/export.zip': {
    access: { kind: 'roles', roles: DATA_REQUEST_WORKERS },
    otherOffice: 'own-office',
    probe: () => ({ params: { id: randomUUID() } }),
    why: 'as the PDF',
  },
  'POST /api/v1/data-requests/{id}/handed-over': {
    access: { kind: 'roles', roles: DATA_REQUEST_WORKERS },
    otherOffice: 'own-office',
    probe: () => ({ params: { id: randomUUID() }, body: { how: 'Diserahkan langsung di loket' } }),
    why: 'as the export; the text is checked against FIELD_RULES.dataRequestHandOver',
  },
  'POST /api/v1/complaints/{id}/contact-correction': {
    access: { kind: 'roles', roles: DATA_REQUEST_WORKERS },
    otherOffice: 'not-found',
    probe: () => ({ body: { reason: 'Nomor telepon pelapor sudah berganti.', contact: { phone: '+6281311112222' } } }),
    why: 'ContactRightsHttpController: ComplaintViewQueries.inOffice → 404, then 403 COMPLAINT.FORBIDDEN_ROLE for other roles',
  },
  'POST /api/v1/complaints/{id}/contact-restriction': {
    access: { kind: 'roles', roles: DATA_REQUEST_WORKERS },
    otherOffice: 'not-found',
    probe: () => ({ body: { reason: 'Pelapor meminta pembatasan pemrosesan.' } }),
    why: 'as the correction',
  },
  'POST /api/v1/complaints/{id}/contact-restriction/lift': {
    access: { kind: 'roles', roles: DATA_REQUEST_WORKERS },
    otherOffice: 'not-found',
    probe: () => ({ body: { reason: 'Pelapor mencabut permintaan pembatasan.' } }),
    why: 'as the correction',
  },
  'GET /api/v1/dashboard': officeView("the officer's office's figures"),
  'POST /api/v1/public/tracking': {
    access: { kind: 'public' },
    otherOffice: 'own-office',
    probe: (f) => ({ body: { trackingNumber: f.trackingNumber, verifier: '0000' } }),
    why: '@Public(): the verifier proves the complaint is yours (intake checks it); rate-limited per address',
  },
  'POST /api/v1/public/tracking/rating': {
    access: { kind: 'public' },
    otherOffice: 'own-office',
    probe: (f) => ({ body: { trackingNumber: f.trackingNumber, verifier: '0000', rating: 4 } }),
    why: '@Public(): intake checks the verifier (docs/adr/0053); counted like a tracking attempt',
  },
  'POST /api/v1/public/tracking/appeal': {
    access: { kind: 'public' },
    otherOffice: 'own-office',
    probe: (f) => ({ body: { trackingNumber: f.trackingNumber, verifier: '0000' } }),
    why: 'as the rating',
  },
  'GET /api/v1/public/offices': { access: { kind: 'public' }, otherOffice: 'own-office', probe: () => ({}), why: '@Public(): the web form’s offices' },
  'POST /api/v1/complaints/{id}/confirm': command('confirm', confirmBody, 'intake'),
  'POST /api/v1/complaints/{id}/dismiss': command('dismiss', { reason: 'SPAM', note: 'Promosi judi daring' }, 'intake'),
  'POST /api/v1/complaints/{id}/messages': command('appendMessage', { text: 'Pelapor menelepon lagi: kejadiannya di loket 3.' }, 'intake'),
  'POST /api/v1/complaints/{id}/disposition': command('dispose', dispositionBody('INTELDAKIM'), 'disposition'),
  'POST /api/v1/complaints/{id}/section-responses': command('respondAsSection', { response: 'Petugas loket telah diperiksa.' }, "disposition, for the officer's own section"),
  'POST /api/v1/complaints/{id}/analysis': command('analyze', analysisBody, 'analysis'),
  'POST /api/v1/complaints/{id}/decision': command('decideFollowUp', { decision: 'FOLLOW_UP', reason: 'Aduan terbukti.' }, 'analysis'),
  'POST /api/v1/complaints/{id}/team-decree': command('formTeam', decreeBody, 'team-decree'),
  'POST /api/v1/complaints/{id}/follow-up-information': command('informReporter', { text: 'Aduan Anda telah ditindaklanjuti.' }, 'notification'),
  'POST /api/v1/complaints/{id}/delivery-confirmation': command('recordDelivery', deliveryBody(), 'notification'),
  'GET /api/v1/destruction-records': {
    access: { kind: 'roles', roles: DESTRUCTION_RECORD_READERS },
    otherOffice: 'own-office',
    probe: () => ({}),
    why: "DestructionRecordsHttpController: 403 for other roles; intake lists the caller's office's records only (docs/adr/0057)",
  },
  'GET /api/v1/destruction-records/{id}/berita-acara.pdf': {
    access: { kind: 'roles', roles: DESTRUCTION_RECORD_READERS },
    otherOffice: 'own-office',
    probe: () => ({ params: { id: randomUUID() } }),
    why: "as the list; another office's record is not found (404 DESTRUCTION_RECORD.NOT_FOUND)",
  },
  'POST /api/v1/complaints/{id}/personal-data-erasure': command('erasePersonalData', { reason: 'REQUEST' }, 'intake, which destroys the data key (docs/adr/0057)'),
  'POST /api/v1/complaints/{id}/call-attempts': command('recordCallAttempt', { outcome: 'NOT_REACHABLE', retryAt: new Date(Date.now() + 3_600_000).toISOString() }, 'notification (docs/adr/0044)'),
  'POST /api/v1/complaints/{id}/rating': command('rate', { rating: 4, comment: 'Cukup cepat' }, 'intake (docs/adr/0053)'),
  'POST /api/v1/complaints/{id}/appeal': command('appeal', { reason: 'Jawaban belum menjawab soal biaya' }, 'intake (docs/adr/0053)'),
  'POST /api/v1/complaints/{id}/appeal-review': command('reviewAppeal', { decision: 'UPHOLD', reason: 'Jawaban sudah sesuai ketentuan' }, 'disposition (docs/adr/0053)'),
};

// ---------------------------------------------------------------------------------------------
// The public gRPC policy table
// ---------------------------------------------------------------------------------------------

type GrpcOutcome = 'passes' | 'NOT_FOUND' | 'PERMISSION_DENIED' | 'UNAVAILABLE';

interface GrpcProbe {
  /** The request, naming office A's complaint or office. */
  request: (f: Fixture) => object;
  /** What office B's client is answered. */
  otherOffice: GrpcOutcome;
}

interface GrpcPolicy {
  probes: GrpcProbe[];
  why: string;
  /** A known hole: what office B's client gets now instead (the test documents it and still passes). */
  KNOWN_HOLE?: { otherOfficeNow: GrpcOutcome; note: string };
}

/** Every method of pengaduan.v1.OfficeComplaintsService, by its local name. */
const GRPC_POLICY: Record<string, GrpcPolicy> = {
  submitComplaint: {
    // Submitting to another office is what the API is for (a regional office's system forwards).
    probes: [{ request: () => ({ requestId: randomUUID(), officeCode: OFFICE_A, text: 'Aduan dari kantor wilayah.' }), otherOffice: 'passes' }],
    why: 'any office client submits to the office a complaint is addressed to; intake registers it (forwardedByOfficeCode)',
  },
  getComplaint: {
    probes: [
      { request: (f) => ({ key: { case: 'complaintId', value: f.complaintId } }), otherOffice: 'NOT_FOUND' },
      { request: (f) => ({ key: { case: 'trackingNumber', value: f.trackingNumber } }), otherOffice: 'NOT_FOUND' },
    ],
    why: "PublicApiQueries.complaintBy… (caller's office): another office's complaint is NOT_FOUND",
  },
  listComplaints: {
    probes: [
      { request: () => ({ officeCode: OFFICE_A }), otherOffice: 'PERMISSION_DENIED' },
      // No office named: the caller's own, which holds nothing of A's.
      { request: () => ({}), otherOffice: 'passes' },
    ],
    why: 'ownOffice: PERMISSION_DENIED for another office',
  },
  transferComplaint: {
    probes: [{ request: (f) => ({ requestId: randomUUID(), complaintId: f.complaintId, targetOfficeCode: 'SMD' }), otherOffice: 'NOT_FOUND' }],
    why: "scoped against the read model before intake is asked, as every REST command (ADR 0011): NOT_FOUND",
  },
  subscribeComplaintEvents: {
    probes: [{ request: () => ({ officeCode: OFFICE_A }), otherOffice: 'PERMISSION_DENIED' }],
    why: 'ownOffice: PERMISSION_DENIED for another office',
  },
};

// ---------------------------------------------------------------------------------------------
// Expectations
// ---------------------------------------------------------------------------------------------

/** What a request must be answered: an exact status, one of some, or "passed authorisation". */
type Expected = { status: number } | { oneOf: number[]; because: string } | { passes: true } | { notUnauthenticated: true };

const REFUSED = [401, 403, 404];

function actorOf(role: OfficerRole): UserActor {
  return { kind: 'user', userId: 'matrix', role, ...(SECTION_OF[role] ? { sectionCode: SECTION_OF[role] } : {}) };
}

/** Whether the role may call the route at all (in its own office). */
function allows(access: Access, role: OfficerRole): boolean {
  switch (access.kind) {
    case 'public':
      return true;
    case 'officer':
      // AuthGuard: a platform operator reaches only the routes marked @ForOperators() (docs/adr/0043).
      return role !== 'OPERATOR' || access.operators === true;
    case 'roles':
      return access.roles.includes(role);
    case 'sop':
      return mayFire(actorOf(role), access.command);
  }
}

function expectedInOwnOffice(access: Access, role: OfficerRole): Expected {
  if (access.kind === 'public') return { notUnauthenticated: true };
  if (allows(access, role)) return { passes: true };
  // The owning service decides an SOP command's role (ADR 0011): the gateway refuses it or forwards it.
  if (access.kind === 'sop') return { oneOf: [403, 503], because: `${role} may not ${access.command} (libs/sop): refused, or forwarded to the service that refuses it` };
  return { status: 403 };
}

function expectedFromOtherOffice(policy: RoutePolicy, role: OfficerRole): Expected {
  switch (policy.otherOffice) {
    case 'not-found':
      // AuthGuard refuses a platform operator before any scope is looked at (docs/adr/0043).
      return role === 'OPERATOR' && !allows(policy.access, role) ? { status: 403 } : { status: 404 };
    case 'forbidden':
      return { status: 403 };
    case 'not-found-if-allowed':
      return allows(policy.access, role) ? { status: 404 } : { status: 403 };
    case 'own-office':
      return expectedInOwnOffice(policy.access, role);
  }
}

function meets(expected: Expected, status: number): boolean {
  if ('status' in expected) return status === expected.status;
  if ('oneOf' in expected) return expected.oneOf.includes(status);
  if ('passes' in expected) return !REFUSED.includes(status);
  return status !== 401 && status !== 403;
}

function describeExpected(expected: Expected): string {
  if ('status' in expected) return String(expected.status);
  if ('oneOf' in expected) return `${expected.oneOf.join(' or ')} (${expected.because})`;
  if ('passes' in expected) return 'passed authorisation (not 401/403/404)';
  return 'not 401/403 (public)';
}

// ---------------------------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------------------------

/** Bad credentials every protected route must answer 401, by name. */
const BAD_CREDENTIALS = ['garbage', 'expired', 'wrong-signature', 'alg-none', 'logged-out', 'basic-scheme', 'office-client-token'] as const;
type BadCredential = (typeof BAD_CREDENTIALS)[number];

const ROUTES = Object.keys(POLICY);
const REQUESTS_PER_ROUTE = 1 + BAD_CREDENTIALS.length + 2 * OFFICER_ROLES.length;
const GRPC_METHODS = Object.keys(GRPC_POLICY);

let isolation: GatewayIsolation;
let gateway: TestGateway;
let fixture: Fixture;
let summary: string;
const tokens = { A: {} as Record<OfficerRole, string>, B: {} as Record<OfficerRole, string> };
const badAuthorization = {} as Record<BadCredential, string>;
const officeClientTokens = { A: '', B: '' };
let requestsSent = 0;
let grpcCallsMade = 0;

const history = new ComplaintHistory({
  officeCode: OFFICE_A,
  documentHashes: { 'complaint.received': randomBytes(32).toString('hex') },
});

beforeAll(async () => {
  isolation = await isolate();
  // No upstream service: what passes the gateway's checks and needs one is answered 503.
  gateway = await startGateway({}, isolation, { config: { trackingMaxPerAddress: 10_000, trackingMaxFailuresPerAddressAndNumber: 10_000 } });
  summary = `Aduan matriks akses ${uniqueSuffix()}`;
  await gateway.seed(...history.received(), ...history.confirmed('03', summary));

  for (const [office, code] of [['A', OFFICE_A], ['B', OFFICE_B]] as const) {
    for (const role of OFFICER_ROLES) {
      tokens[office][role] = (await gateway.officer({ role, officeCode: code, ...(SECTION_OF[role] ? { sectionCode: SECTION_OF[role] } : {}) })).token;
    }
  }
  const target = async (name: string): Promise<TestOfficer> => gateway.addOfficer({ role: 'SEKSI_TERKAIT', officeCode: OFFICE_A, sectionCode: 'LANTASKIM', username: `${name}.${uniqueSuffix()}` });
  fixture = {
    complaintId: history.complaintId,
    trackingNumber: history.trackingNumber,
    targets: { reset: (await target('reset.target')).username, deactivate: (await target('deactivate.target')).username, securityLog: (await target('log.target')).username },
  };

  // The bad credentials: each names (or would name) office A's head of office.
  const kakan = await gateway.addOfficer({ role: 'KEPALA_KANTOR', officeCode: OFFICE_A });
  const kakanId = kakan.id;
  const claims = { role: 'KEPALA_KANTOR', office: OFFICE_A };
  const now = Math.floor(Date.now() / 1000);
  const signed = (secret: string, iat: number, exp: number) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(kakanId).setIssuer(TOKEN_ISSUER).setIssuedAt(iat).setExpirationTime(exp).setJti(randomUUID()).sign(new TextEncoder().encode(secret));
  const loggedOut = await gateway.login(kakan);
  const logout = await fetch(`${gateway.baseUrl}/api/v1/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${loggedOut}`, 'Content-Type': 'application/json' }, body: '{}' });
  expect(logout.status).toBe(204);
  const clients = gateway.app.get(OfficeClients);
  officeClientTokens.A = (await clients.add({ officeCode: OFFICE_A })).token;
  officeClientTokens.B = (await clients.add({ officeCode: OFFICE_B })).token;
  Object.assign(badAuthorization, {
    garbage: 'Bearer not-a-token',
    expired: `Bearer ${await signed(gateway.config.jwtSecret, now - 7_200, now - 3_600)}`,
    'wrong-signature': `Bearer ${await signed(randomBytes(32).toString('base64'), now, now + 3_600)}`,
    'alg-none': `Bearer ${new UnsecuredJWT(claims).setSubject(kakanId).setIssuer(TOKEN_ISSUER).setIssuedAt(now).setExpirationTime(now + 3_600).setJti(randomUUID()).encode()}`,
    'logged-out': `Bearer ${loggedOut}`,
    'basic-scheme': `Basic ${Buffer.from(`${kakan.username}:${kakan.password}`).toString('base64')}`,
    'office-client-token': `Bearer ${officeClientTokens.A}`,
  } satisfies Record<BadCredential, string>);
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

interface Answer {
  status: number;
  text: string;
  code?: string;
}

/** The route's path with the probe's parameters (`{id}`: the seeded complaint) and query filled in; a parameter no probe names fails the row. */
function targetOf(route: string, probe: Probe): string {
  const path = route.slice(route.indexOf(' ') + 1);
  const params: Record<string, string> = { id: fixture.complaintId, ...probe.params };
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: the probe names no value for {${name}}`);
    return encodeURIComponent(value);
  });
  return probe.query ? `${filled}?${new URLSearchParams(probe.query).toString()}` : filled;
}

async function send(route: string, target: string, probe: Probe, authorization: string | undefined): Promise<Answer> {
  const method = route.slice(0, route.indexOf(' '));
  const headers: Record<string, string> = {};
  if (authorization) headers['Authorization'] = authorization;
  const withBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
  if (withBody) {
    headers['Idempotency-Key'] = randomUUID();
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${gateway.baseUrl}${target}`, { method, headers, body: withBody ? JSON.stringify(probe.body ?? {}) : undefined });
  requestsSent += 1;
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return { status: res.status, text, code };
}

/** Office A's data an officer of B must never see (what the request itself names aside). */
function leaksOf(answer: Answer, target: string, probe: Probe): string[] {
  const asked = `${target} ${JSON.stringify(probe.body ?? null)}`;
  const secrets = [fixture.trackingNumber, summary, ...Object.values(fixture.targets)].filter((s) => !asked.includes(s));
  return secrets.filter((s) => answer.text.includes(s));
}

describe('the REST API: every route of the OpenAPI document × no token, bad tokens, every role of two offices', () => {
  it('lists in the policy table exactly the routes the OpenAPI document has', async () => {
    const res = await fetch(`${gateway.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect({ notInTable: documented.filter((r) => !(r in POLICY)), noLongerDocumented: ROUTES.filter((r) => !documented.includes(r)) }).toEqual({
      notInTable: [],
      noLongerDocumented: [],
    });
  });

  it.each(ROUTES.map((route) => [route, POLICY[route].KNOWN_HOLE ? `KNOWN_HOLE: ${POLICY[route].KNOWN_HOLE}` : POLICY[route].why]))(
    `%s — ${REQUESTS_PER_ROUTE} requests (%s)`,
    async (route) => {
      const policy = POLICY[route];
      const probe = policy.probe(fixture);
      const target = targetOf(route, probe);
      const wrong: string[] = [];
      const check = (who: string, expected: Expected, answer: Answer) => {
        if (!meets(expected, answer.status)) wrong.push(`${who}: expected ${describeExpected(expected)}, got ${answer.status} ${answer.code ?? answer.text.slice(0, 160)}`);
      };
      const isPublic = policy.access.kind === 'public';

      check('no token', isPublic ? { notUnauthenticated: true } : { status: 401 }, await send(route, target, probe, undefined));
      for (const bad of BAD_CREDENTIALS) check(`${bad} token`, isPublic ? { notUnauthenticated: true } : { status: 401 }, await send(route, target, probe, badAuthorization[bad]));

      for (const role of OFFICER_ROLES) {
        const own = await send(route, target, probe, `Bearer ${tokens.A[role]}`);
        check(`${role} of ${OFFICE_A}`, expectedInOwnOffice(policy.access, role), own);
        // A 503 of an SOP command must be the forwarding to the owning service, nothing else.
        if (policy.access.kind === 'sop' && own.status === 503 && own.code !== 'UPSTREAM.UNAVAILABLE') wrong.push(`${role} of ${OFFICE_A}: 503 ${own.code} is not the forwarding to the service`);

        const other = await send(route, target, probe, `Bearer ${tokens.B[role]}`);
        check(`${role} of ${OFFICE_B} on ${OFFICE_A}'s ${policy.otherOffice === 'own-office' ? 'office' : 'resource'}`, expectedFromOtherOffice(policy, role), other);
        if (other.status >= 200 && other.status < 300 && policy.otherOffice === 'not-found') wrong.push(`${role} of ${OFFICE_B}: ${other.status} on ${OFFICE_A}'s complaint`);
        const leaked = leaksOf(other, target, probe);
        if (leaked.length > 0) wrong.push(`${role} of ${OFFICE_B}: the answer holds ${OFFICE_A}'s ${leaked.join(', ')}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it("shows office A's own officers the complaint the other office is refused (the leak check looks for the right strings)", async () => {
    const res = await fetch(`${gateway.baseUrl}/api/v1/complaints/${fixture.complaintId}`, { headers: { Authorization: `Bearer ${tokens.A.AUDITOR}` } });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain(fixture.trackingNumber);
    expect(text).toContain(summary);
  });

  it(`sent ${ROUTES.length} routes × (no token + ${BAD_CREDENTIALS.length} bad tokens + ${OFFICER_ROLES.length} roles × 2 offices) = ${ROUTES.length * REQUESTS_PER_ROUTE} requests`, () => {
    expect({ routes: ROUTES.length, roles: OFFICER_ROLES.length, offices: 2, requests: requestsSent }).toEqual({
      routes: ROUTES.length,
      roles: OFFICER_ROLES.length,
      offices: 2,
      requests: ROUTES.length * REQUESTS_PER_ROUTE,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The public gRPC API
// ---------------------------------------------------------------------------------------------

const definition = toGrpcServiceDefinition(publicApi.OfficeComplaintsService) as unknown as Record<
  string,
  { path: string; responseStream: boolean; requestSerialize: (v: unknown) => Buffer; responseDeserialize: (b: Buffer) => unknown }
>;
const ApiClient = makeGenericClientConstructor(definition as unknown as ServiceDefinition, 'OfficeComplaintsService');

interface GrpcAnswer {
  outcome: GrpcOutcome | 'UNAUTHENTICATED' | string;
  text: string;
}

function grpcOutcomeOf(err: GrpcError | undefined): GrpcAnswer['outcome'] {
  if (!err) return 'passes';
  return GrpcStatus[err.code] ?? String(err.code);
}

/** One call (a stream: until its first message or error), with or without a token. */
function grpcCall(client: Client, methodName: string, init: object, token: string | undefined): Promise<GrpcAnswer> {
  const method = publicApi.OfficeComplaintsService.methods.find((m) => m.localName === methodName);
  if (!method) throw new Error(`no method ${methodName}`);
  const def = definition[methodName];
  const request = create(method.input as DescMessage, init as never);
  const metadata = new Metadata();
  if (token !== undefined) metadata.set('authorization', `Bearer ${token}`);
  grpcCallsMade += 1;
  const asText = (message: unknown) => JSON.stringify(toJson(method.output as DescMessage, message as never));
  return new Promise((resolve) => {
    if (!def.responseStream) {
      client.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, request, metadata, { deadline: Date.now() + 20_000 }, (err, response) =>
        resolve(err ? { outcome: grpcOutcomeOf(err), text: `${err.details}` } : { outcome: 'passes', text: asText(response) }),
      );
      return;
    }
    // A subscription: the first event, or the refusal. The deadline only ends a silent stream.
    const stream = client.makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, request, metadata, { deadline: Date.now() + 20_000 });
    let done = false;
    const finish = (answer: GrpcAnswer) => {
      if (done) return;
      done = true;
      stream.cancel();
      resolve(answer);
    };
    stream.on('data', (message: unknown) => finish({ outcome: 'passes', text: asText(message) }));
    stream.on('error', (err: GrpcError) => finish({ outcome: grpcOutcomeOf(err), text: `${err.details}` }));
    stream.on('end', () => finish({ outcome: 'passes', text: '' }));
  });
}

describe('the public gRPC API: every method of OfficeComplaintsService × no token, bad tokens, both offices’ clients', () => {
  let client: Client;

  beforeAll(() => {
    client = new ApiClient(`127.0.0.1:${gateway.app.get(PublicGrpcServer).port}`, credentials.createInsecure());
  });

  afterAll(() => client?.close());

  it('lists in the policy table exactly the methods of the generated service descriptor', () => {
    const methods = publicApi.OfficeComplaintsService.methods.map((m) => m.localName);
    expect({ notInTable: methods.filter((m) => !(m in GRPC_POLICY)), noLongerInService: GRPC_METHODS.filter((m) => !methods.includes(m)) }).toEqual({
      notInTable: [],
      noLongerInService: [],
    });
  });

  it.each(GRPC_METHODS.map((m) => [m, GRPC_POLICY[m].KNOWN_HOLE ? `KNOWN_HOLE: ${GRPC_POLICY[m].KNOWN_HOLE?.note}` : GRPC_POLICY[m].why]))('%s (%s)', async (methodName) => {
    const policy = GRPC_POLICY[methodName];
    const wrong: string[] = [];
    for (const [i, probe] of policy.probes.entries()) {
      const request = probe.request(fixture);
      const asked = JSON.stringify(request);
      const who = `probe ${i + 1} ${asked}`;
      for (const [name, token] of [
        ['no token', undefined],
        ['garbage token', 'pgd_oc_not-a-token'],
        ["an officer's access token", tokens.A.ADMIN_TIKKIM],
      ] as const) {
        const answer = await grpcCall(client, methodName, request, token);
        if (answer.outcome !== 'UNAUTHENTICATED') wrong.push(`${who}, ${name}: expected UNAUTHENTICATED, got ${answer.outcome} ${answer.text.slice(0, 160)}`);
      }
      const own = await grpcCall(client, methodName, request, officeClientTokens.A);
      if (['UNAUTHENTICATED', 'PERMISSION_DENIED', 'NOT_FOUND'].includes(own.outcome)) wrong.push(`${who}, ${OFFICE_A}'s client: expected to pass, got ${own.outcome} ${own.text.slice(0, 160)}`);

      const other = await grpcCall(client, methodName, request, officeClientTokens.B);
      const expected = policy.KNOWN_HOLE && probe.otherOffice !== 'passes' ? policy.KNOWN_HOLE.otherOfficeNow : probe.otherOffice;
      const okOutcome = expected === 'passes' ? !['UNAUTHENTICATED', 'PERMISSION_DENIED', 'NOT_FOUND'].includes(other.outcome) : other.outcome === expected;
      if (!okOutcome) {
        const hint = policy.KNOWN_HOLE && other.outcome === probe.otherOffice ? ' — the KNOWN_HOLE is closed: update the table' : '';
        wrong.push(`${who}, ${OFFICE_B}'s client: expected ${expected}, got ${other.outcome} ${other.text.slice(0, 160)}${hint}`);
      }
      const leaked = [fixture.trackingNumber, summary].filter((s) => !asked.includes(s) && other.text.includes(s));
      if (leaked.length > 0) wrong.push(`${who}, ${OFFICE_B}'s client: the answer holds ${OFFICE_A}'s ${leaked.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it(`called ${GRPC_METHODS.length} methods: per probe 3 without a valid client token + office A's and office B's client`, () => {
    const probes = GRPC_METHODS.reduce((n, m) => n + GRPC_POLICY[m].probes.length, 0);
    expect({ methods: GRPC_METHODS.length, probes, calls: grpcCallsMade }).toEqual({ methods: GRPC_METHODS.length, probes, calls: probes * 5 });
  });
});
