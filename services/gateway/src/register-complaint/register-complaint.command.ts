import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { RegisterComplaintBody } from './register-complaint.dto';

/** An officer registers a complaint through the REST API. */
export interface RegisterComplaintCommand {
  body: RegisterComplaintBody;
  user: AuthenticatedUser;
  /** The caller's `Idempotency-Key`; absent means the request is not idempotent. */
  idempotencyKey?: string;
  correlationId: string;
}
