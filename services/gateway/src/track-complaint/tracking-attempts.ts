import { ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import type { TrackingLimits } from '../public-rate-limits/public-limits';
import { PublicRateLimits, type RateLimitHit } from '../public-rate-limits/public-rate-limits';
import { rateLimited } from '../public-rate-limits/rate-limited';

/** The public tracking's limits as configured (PUBLIC_TRACKING_…, ADR 0041). */
export class PublicTrackingLimits {
  constructor(readonly limits: TrackingLimits) {}
}

/** An attempt that was let through: its provisional failure counts, taken back unless the verifier was wrong. */
export interface TrackingAttempt {
  failureHits: RateLimitHit[];
}

function trackingRateLimited(retryAfterSeconds: number): ServiceError {
  return rateLimited('TRACKING.RATE_LIMITED', 'too many tracking attempts; try again later', retryAfterSeconds);
}

/**
 * Guards the public tracking against guessing without letting a guesser lock the reporter out
 * (ADR 0041). Every attempt counts against the client address (whichever numbers it asks
 * about: the limit on trying many numbers). Each attempt also counts, provisionally, as a wrong
 * verifier of this address on this number and as one on this number from anywhere; both are
 * taken back unless intake finds the verifier wrong, so only failures count there. Over the
 * address's limit, or over its wrong verifiers on this number, the attempt is a 429 before
 * intake is asked, also with the right verifier (else the refusal would tell a guesser when
 * they hit). A number that took many wrong verifiers from everywhere is guarded: each address
 * gets one wrong verifier on it until the window ends, so spread-out guessing slows to one
 * guess per address while the reporter, from an address that has not guessed, still gets in.
 */
@Injectable()
export class TrackingAttempts {
  constructor(
    private readonly rateLimits: PublicRateLimits,
    private readonly policy: PublicTrackingLimits,
  ) {}

  /** Counts an attempt on `trackingNumber` from `clientAddress`; a 429 `TRACKING.RATE_LIMITED` when it may not be made. */
  async begin(clientAddress: string, trackingNumber: string): Promise<TrackingAttempt> {
    const { byAddress, failuresByAddressAndNumber, guardByNumber } = this.policy.limits;
    const address = await this.rateLimits.hit(byAddress, clientAddress);
    if (!address.allowed) throw trackingRateLimited(address.retryAfterSeconds);
    const pair = await this.rateLimits.hit(failuresByAddressAndNumber, `${clientAddress}\n${trackingNumber}`);
    const number = await this.rateLimits.hit(guardByNumber, trackingNumber);
    // `number.allowed` is false once the number has taken more than its share of wrong verifiers: it is guarded.
    const wrongAllowedHere = number.allowed ? failuresByAddressAndNumber.max : 1;
    if (pair.count > wrongAllowedHere) {
      // A refused attempt is no guess: it must not keep the number guarded or count again.
      await this.settle({ failureHits: [pair, number] }, false);
      throw trackingRateLimited(pair.retryAfterSeconds);
    }
    return { failureHits: [pair, number] };
  }

  /** The attempt is over: its failure counts stay only if intake found the verifier wrong. */
  async settle(attempt: TrackingAttempt, wrongVerifier: boolean): Promise<void> {
    if (wrongVerifier) return;
    for (const hit of attempt.failureHits) await this.rateLimits.undo(hit);
  }
}
