import type { GatewayConfig } from '../config';
import { DEFAULT_WEB_FORM_STATUS_MAX_PER_ADDRESS, TRACKING_ADDRESS_WINDOW_SECONDS, TRACKING_NUMBER_WINDOW_SECONDS, WEB_FORM_WINDOW_SECONDS } from './public-limit-settings';
import type { RateLimit } from './public-rate-limits';

/** The public tracking's limits, as configured (the windows are fixed; see config.ts and ADR 0041). */
export interface TrackingLimits {
  /** Every attempt, by client address: against flooding and against trying many tracking numbers. */
  byAddress: RateLimit;
  /** Wrong verifiers, by client address and tracking number together. */
  failuresByAddressAndNumber: RateLimit;
  /** Wrong verifiers on a tracking number from every address; over `max`, the number is guarded (one wrong verifier per address). */
  guardByNumber: RateLimit;
}

export function trackingLimitsOf(
  config: Pick<GatewayConfig, 'trackingMaxPerAddress' | 'trackingMaxFailuresPerAddressAndNumber' | 'trackingGuardAfterFailuresPerNumber'>,
): TrackingLimits {
  return {
    byAddress: { bucket: 'tracking:address', max: config.trackingMaxPerAddress, windowSeconds: TRACKING_ADDRESS_WINDOW_SECONDS },
    failuresByAddressAndNumber: { bucket: 'tracking:address-number', max: config.trackingMaxFailuresPerAddressAndNumber, windowSeconds: TRACKING_NUMBER_WINDOW_SECONDS },
    guardByNumber: { bucket: 'tracking:number', max: config.trackingGuardAfterFailuresPerNumber, windowSeconds: TRACKING_NUMBER_WINDOW_SECONDS },
  };
}

/** The web form's limit, as configured. */
export function webFormLimitOf(config: Pick<GatewayConfig, 'webFormMaxPerAddress'>): RateLimit {
  return { bucket: 'web-form:address', max: config.webFormMaxPerAddress, windowSeconds: WEB_FORM_WINDOW_SECONDS };
}

/**
 * The limit on reading a web form submission's status: the page's polling fits, a script that
 * polls one submission id (each answer may issue a tracking PIN, ADR 0052) does not go on for long.
 */
export function webFormStatusLimitOf(config: Pick<GatewayConfig, 'webFormStatusMaxPerAddress'>): RateLimit {
  return { bucket: 'web-form-status:address', max: config.webFormStatusMaxPerAddress ?? DEFAULT_WEB_FORM_STATUS_MAX_PER_ADDRESS, windowSeconds: WEB_FORM_WINDOW_SECONDS };
}
