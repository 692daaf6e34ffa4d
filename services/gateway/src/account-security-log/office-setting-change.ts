import type { Clock, ServiceError } from '@pengaduan/runtime';
import { grpcActorOf, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';
import type { AccountSecurityEventKind, AccountSecurityLog } from './account-security-log';

/** Who changes one of the office's settings, from where, with which Idempotency-Key and If-Match. */
export interface OfficeSettingContext {
  user: AuthenticatedUser;
  requestKey: string;
  correlationId: string;
  clientAddress: string;
  expectedVersion?: number;
}

/** What the owning service is sent with every change: the version seen, who asks, and the request's key. */
export interface OfficeSettingUpstream {
  officeCode: string;
  expectedVersion?: number;
  actor: ReturnType<typeof grpcActorOf>;
  requestKey: string;
}

/** One of the office's settings that the head of office changes (status messages, appeal window, retention). */
export interface OfficeSettingSpec<T> {
  /** The administration log's kind and target of every change. */
  kind: AccountSecurityEventKind;
  target: string;
  editors: readonly OfficerRole[];
  forbidden: () => ServiceError;
  /** Sends the change to the service that keeps the setting; answers whether it changed, the setting after, and (read only when it changed) before. */
  write: (upstream: OfficeSettingUpstream) => Promise<{ changed: boolean; before: () => T; after: T }>;
  /** The log's before and after of what changed. */
  change: (before: T, after: T) => Record<string, { before?: unknown; after?: unknown }>;
}

/**
 * The one way the gateway changes an office's setting (ADR 0042): the role checked, the owning
 * service asked (it keeps the versions, checks If-Match and answers a retried key as the first
 * time), and the change recorded once in the office's administration log. A retry whose first try
 * was recorded is not recorded again; one whose first try was not (the gateway stopped in
 * between) is. Answers the setting now in force.
 */
export async function changeOfficeSetting<T>(log: AccountSecurityLog, clock: Clock, context: OfficeSettingContext, spec: OfficeSettingSpec<T>): Promise<T> {
  const { user, requestKey } = context;
  if (!spec.editors.includes(user.role)) throw spec.forbidden();
  const recorded = await log.recordedAs(user.id, requestKey, spec.kind, spec.target);
  const answer = await spec.write({
    officeCode: user.officeCode,
    ...(context.expectedVersion === undefined ? {} : { expectedVersion: context.expectedVersion }),
    actor: grpcActorOf(user),
    requestKey: requestIdOf(user, requestKey),
  });
  if (answer.changed && !recorded) {
    await log.record({
      kind: spec.kind,
      subject: { target: spec.target },
      at: clock.now(),
      clientAddress: context.clientAddress,
      actorAccountId: user.id,
      officeCode: user.officeCode,
      change: spec.change(answer.before(), answer.after),
      requestKey,
    });
  }
  return answer.after;
}
