import { ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { OfficeNames } from '../public-offices/office-names';
import { IntakeClient } from '../upstream/clients';
import type { TrackComplaintBody, TrackedComplaintDto } from './track-complaint.dto';
import { TrackingAttempts } from './tracking-attempts';
import { TrackingQueries } from './tracking.queries';
import { trackingSteps } from './tracking-steps';

export interface TrackComplaintRequest {
  body: TrackComplaintBody;
  /** As `clientAddressOf` counts it. */
  clientAddress: string;
  correlationId: string;
}

/** One answer for an unknown tracking number, a wrong verifier and a complaint not yet in the read model. */
export function trackingNotFound(): ServiceError {
  return new ServiceError('not-found', 'TRACKING.NOT_FOUND', 'no complaint matches this tracking number and verifier');
}

/**
 * A reporter follows their complaint: intake says whether the verifier is the reporter's
 * (VerifyReporter), and the read model says where the complaint stands. Against guessing,
 * {@link TrackingAttempts} counts the attempt first (a 429 before intake is asked), per client
 * address and, for wrong verifiers, per address and number, so a guesser never locks the
 * reporter out. Everything else that goes wrong for the guesser (unknown number, wrong
 * verifier, a complaint the read model has not caught up with) is the same 404. The answer
 * holds the steps and dates only: no summary, note, officer, classification or anything of
 * the reporter.
 */
@Injectable()
export class TrackComplaintHandler {
  constructor(
    private readonly intake: IntakeClient,
    private readonly queries: TrackingQueries,
    private readonly attempts: TrackingAttempts,
    private readonly names: OfficeNames,
  ) {}

  async execute({ body, clientAddress, correlationId }: TrackComplaintRequest): Promise<TrackedComplaintDto> {
    const attempt = await this.attempts.begin(clientAddress, body.trackingNumber);

    let wrongVerifier = false;
    try {
      const answer = await this.intake.call('verifyReporter', { trackingNumber: body.trackingNumber, verifier: body.verifier }, correlationId);
      if (!answer.matched || !answer.complaintId) {
        wrongVerifier = true;
        throw trackingNotFound();
      }
      const facts = await this.queries.tracked(answer.complaintId, body.trackingNumber);
      if (!facts) throw trackingNotFound();
      const { view, events } = facts;
      const closed = view.status === 'CLOSED';
      return {
        trackingNumber: view.trackingNumber,
        officeCode: view.officeCode,
        officeName: this.names.nameOf(view.officeCode),
        channel: view.channel,
        receivedAt: view.receivedAt.toISOString(),
        status: view.status,
        closed,
        steps: trackingSteps(events, closed),
      };
    } finally {
      // A right verifier (or intake not answering) is no failed guess.
      await this.attempts.settle(attempt, wrongVerifier);
    }
  }
}
