import { ServiceError } from '@pengaduan/runtime';
import { availableActions, SOP_ERROR_CODES, type ComplaintState, type SopCommand, type SopError } from '@pengaduan/sop';

/** libs/sop's refusal as a ServiceError: 403, 409 with the state and the actions possible, or 400 naming the field. */
export function toServiceError(error: SopError, state: ComplaintState, command: SopCommand): ServiceError {
  switch (error.code) {
    case 'COMPLAINT.FORBIDDEN_ROLE':
      return new ServiceError('forbidden', error.code, error.message, { state: error.status });
    case 'COMPLAINT.ILLEGAL_TRANSITION':
      return new ServiceError('conflict', error.code, error.message, { state: error.status, availableActions: [...availableActions(state, command.actor)] });
    case 'COMPLAINT.INVALID_COMMAND':
      return new ServiceError('invalid', error.code, error.message, {
        fieldViolations: [{ field: error.field ?? 'command', description: error.message }],
        state: error.status,
      });
  }
}

/**
 * Whether `err` is libs/sop's refusal of a command, as the executor throws it: for a service
 * acting on its own (a delivery receipt), to whom a complaint that moved on is no failure.
 */
export function isSopRefusal(err: unknown): err is ServiceError {
  return err instanceof ServiceError && (SOP_ERROR_CODES as readonly string[]).includes(err.code);
}
