import { ServiceError } from '@pengaduan/runtime';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { TrackingAttempts } from '../track-complaint/tracking-attempts';
import { IntakeClient } from '../upstream/clients';
import type { PublicAppealBody, PublicFeedbackResultDto, PublicRatingBody } from './public-feedback.dto';

export interface PublicFeedbackRequest {
  body: PublicRatingBody | PublicAppealBody;
  appeal: boolean;
  idempotencyKey: string;
  clientAddress: string;
  correlationId: string;
}

/**
 * The reporter's rating or appeal from the tracking page (docs/adr/0053). Counted against guessing
 * like a tracking attempt ({@link TrackingAttempts}); intake checks the verifier and records the
 * command as its own. The request id is the reporter's Idempotency-Key within the tracking number.
 */
@Injectable()
export class PublicFeedbackHandler {
  constructor(
    private readonly intake: IntakeClient,
    private readonly attempts: TrackingAttempts,
  ) {}

  async execute({ body, appeal, idempotencyKey, clientAddress, correlationId }: PublicFeedbackRequest): Promise<PublicFeedbackResultDto> {
    const attempt = await this.attempts.begin(clientAddress, body.trackingNumber);
    let wrongVerifier = false;
    try {
      const requestId = createHash('sha256').update(`pengaduan-gateway/v1\nreporter\n${body.trackingNumber}\n${idempotencyKey}`).digest('base64url');
      const text = 'rating' in body ? body.comment : (body as PublicAppealBody).reason;
      const answer = await this.intake.call(
        'recordReporterFeedback',
        { trackingNumber: body.trackingNumber, verifier: body.verifier, requestId, appeal, ...('rating' in body && !appeal ? { rating: body.rating } : {}), ...(text === undefined ? {} : { text }) },
        correlationId,
      );
      const status = answer.outcome?.status ?? '';
      if (!(COMPLAINT_STATUSES as readonly string[]).includes(status)) throw new Error(`intake answered status ${JSON.stringify(status)}`);
      return { status: status as ComplaintStatus, appealOpened: status === 'APPEALED' };
    } catch (error) {
      wrongVerifier = error instanceof ServiceError && error.code === 'TRACKING.NOT_FOUND';
      throw error;
    } finally {
      await this.attempts.settle(attempt, wrongVerifier);
    }
  }
}
