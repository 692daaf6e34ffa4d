/** `GET /api/v1/problem-messages`: a channel message that did not become a complaint (services/gateway/src/problem-messages); never its content. */
export interface ProblemMessage {
  readonly id: string;
  readonly kind: 'QUARANTINED_WEBHOOK' | 'FAILED_MESSAGE';
  readonly provider: string;
  readonly channel: string | null;
  readonly receivedAt: string;
  readonly reason: string;
  readonly status: string;
  readonly attempts: number;
}

/** What `POST …/problem-messages/{id}/reprocess` and `…/discard` answer. */
export interface ProblemMessageAction {
  readonly outcome: 'STORED' | 'UNREADABLE' | 'REQUEUED' | 'DISCARDED';
  readonly item: ProblemMessage;
}
