import type { SopEvent } from '../events';
import type { ComplaintStatus } from '../state';
import type { FieldProblem } from '../validation';

/** What a step's decider answers: the events to record, or the first problem with the command's data. */
export type Outcome = { readonly events: SopEvent[] } | { readonly problem: FieldProblem };

/** The statuses in which a complaint is open: received and not closed. */
export type OpenStatus = Exclude<ComplaintStatus, 'NEW' | 'CLOSED'>;
