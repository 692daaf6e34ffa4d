import { ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { OfficeNames } from '../public-offices/office-names';
import { PublicRateLimits, type RateLimit } from '../public-rate-limits/public-rate-limits';
import { rateLimited } from '../public-rate-limits/rate-limited';
import { IntakeClient } from '../upstream/clients';
import type { TrackComplaintBody, TrackedComplaintDto } from './track-complaint.dto';
import { TrackingQueries } from './tracking.queries';
import { trackingSteps } from './tracking-steps';

/** The public tracking's two limits (GATEWAY_CONFIG: PUBLIC_TRACKING_MAX_…). */
export class PublicTrackingLimits {
  constructor(
    /** Every attempt, by client address. */
    readonly perAddress: RateLimit,
    /** Wrong verifiers, by tracking number. */
    readonly failuresPerNumber: RateLimit,
  ) {}
}

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

function trackingRateLimited(retryAfterSeconds: number): ServiceError {
  return rateLimited('TRACKING.RATE_LIMITED', 'too many tracking attempts; try again later', retryAfterSeconds);
}

/**
 * A reporter follows their complaint: intake says whether the verifier is the reporter's
 * (VerifyReporter), and the read model says where the complaint stands. Against guessing, every
 * attempt counts against the client address, and every attempt on a tracking number against
 * that number, taken back unless intake found the verifier wrong, so only failures count
 * there; either limit exceeded is a 429 before intake is asked. Everything else that goes
 * wrong for the guesser (unknown number, wrong verifier, a complaint the read model has not
 * caught up with) is the same 404. The answer holds the steps and dates only: no summary,
 * note, officer, classification or anything of the reporter.
 */
@Injectable()
export class TrackComplaintHandler {
  constructor(
    private readonly intake: IntakeClient,
    private readonly queries: TrackingQueries,
    private readonly limits: PublicRateLimits,
    private readonly policy: PublicTrackingLimits,
    private readonly names: OfficeNames,
  ) {}

  async execute({ body, clientAddress, correlationId }: TrackComplaintRequest): Promise<TrackedComplaintDto> {
    const byAddress = await this.limits.hit(this.policy.perAddress, clientAddress);
    if (!byAddress.allowed) throw trackingRateLimited(byAddress.retryAfterSeconds);
    const byNumber = await this.limits.hit(this.policy.failuresPerNumber, body.trackingNumber);
    if (!byNumber.allowed) throw trackingRateLimited(byNumber.retryAfterSeconds);

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
      if (!wrongVerifier) await this.limits.undo(byNumber);
    }
  }
}
