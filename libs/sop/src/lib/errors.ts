import type { SopEvent } from './events';
import type { ComplaintStatus } from './state';

/** Stable error codes; adapters map them (409, 403, 400 …), since `instanceof` never crosses a process. */
export const SOP_ERROR_CODES = [
  'COMPLAINT.ILLEGAL_TRANSITION',
  'COMPLAINT.FORBIDDEN_ROLE',
  'COMPLAINT.INVALID_COMMAND',
] as const;

/** See {@link SOP_ERROR_CODES}. */
export type SopErrorCode = (typeof SOP_ERROR_CODES)[number];

/** Why {@link decide} refused a command. */
export interface SopError {
  /**
   * `FORBIDDEN_ROLE`: this actor may never fire this command (checked first, so in every
   * state); `ILLEGAL_TRANSITION`: the command is not legal in the current status;
   * `INVALID_COMMAND`: bad command data.
   */
  readonly code: SopErrorCode;
  /** English, for logs and problem details; names the offending field where there is one. */
  readonly message: string;
  /** The complaint's current status. */
  readonly status: ComplaintStatus;
  /** The refused command's type, as received. */
  readonly commandType: string;
  /** For `INVALID_COMMAND`: the offending field's path, e.g. `sheet.entries[1].sectionCode`. */
  readonly field?: string;
  /** For `ILLEGAL_TRANSITION`: the statuses in which the command is legal. */
  readonly allowedFrom?: readonly ComplaintStatus[];
}

/** What {@link decide} answers: the events to record (in order), or why not. */
export type Decision =
  | { readonly ok: true; readonly events: readonly SopEvent[] }
  | { readonly ok: false; readonly error: SopError };
