import type { CommandContext } from '@pengaduan/messaging';

/** After closing (docs/adr/0053): the reporter's rating of the handling, 1 to 5, with an optional comment. */
export interface RateComplaintCommand extends CommandContext {
  /** Absent when the request named none. */
  rating?: number;
  /** The reporter's own text: kept by intake, never in an event. */
  comment?: string;
}

/** After closing and within the office's appeal window (docs/adr/0053): the reporter appeals the answer. */
export interface AppealComplaintCommand extends CommandContext {
  /** The reporter's own text: kept by intake, never in an event. */
  reason?: string;
}
