import { isLegalIn, type ComplaintState } from '@pengaduan/sop';

/** A closed complaint the reporter may still rate or appeal (docs/adr/0053): its record may go on. */
export function mayStillMove(state: ComplaintState): boolean {
  return isLegalIn('rate', state) || isLegalIn('appeal', state);
}

/**
 * The closings the auditor keeps open because the reporter may still rate or appeal them
 * (docs/adr/0053), oldest first, at most `window` of them: a rating, an appeal and the rounds
 * after it are judged with the history before them, and memory stays bounded.
 */
export class RateableClosings {
  private readonly held = new Set<string>();

  /**
   * At a complaint's closing: the complaint to report now. Itself when nothing more may follow;
   * else it is held open (as the newest) and the oldest held beyond `window`, if any, is due.
   */
  dueAt(complaintId: string, state: ComplaintState, window = 10_000): string | undefined {
    this.held.delete(complaintId);
    if (!mayStillMove(state)) return complaintId;
    this.held.add(complaintId);
    if (this.held.size <= window) return undefined;
    const [oldest] = this.held;
    this.held.delete(oldest);
    return oldest;
  }
}
