// The consumer groups' dead letters (docs/adr/0043), as GET /api/v1/dead-letters answers them.

/** An event a consumer group gave up on: what it is and why, never what it says. */
export interface DeadLetter {
  readonly id: string;
  readonly consumerGroup: string;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly complaintId: string | null;
  readonly reason: string;
  readonly errorCode: string;
  readonly attempts: number;
  readonly failedAt: string;
  /** False when the event was refused before its group tried it (malformed, signature). */
  readonly redrivable: boolean;
  readonly redriven: { readonly redriveId: string; readonly at: string; readonly by: string } | null;
}

/** A recorded re-drive: one event, or every waiting one of a group. */
export interface RedriveResult {
  readonly redriveId: string;
  readonly group: string;
  readonly count: number;
  readonly at: string;
}
