import { TRACKING_ADDRESS_WINDOW_SECONDS, TRACKING_NUMBER_WINDOW_SECONDS, WEB_FORM_WINDOW_SECONDS, type GatewayConfig } from '../config';
import type { RateLimit } from './public-rate-limits';

/** The public endpoints' limits, as configured (the windows are fixed; see config.ts). */
export function publicLimitsOf(config: Pick<GatewayConfig, 'trackingMaxPerAddress' | 'trackingMaxFailuresPerNumber' | 'webFormMaxPerAddress'>): {
  trackingByAddress: RateLimit;
  trackingFailuresByNumber: RateLimit;
  webFormByAddress: RateLimit;
} {
  return {
    trackingByAddress: { bucket: 'tracking:address', max: config.trackingMaxPerAddress, windowSeconds: TRACKING_ADDRESS_WINDOW_SECONDS },
    trackingFailuresByNumber: { bucket: 'tracking:number', max: config.trackingMaxFailuresPerNumber, windowSeconds: TRACKING_NUMBER_WINDOW_SECONDS },
    webFormByAddress: { bucket: 'web-form:address', max: config.webFormMaxPerAddress, windowSeconds: WEB_FORM_WINDOW_SECONDS },
  };
}
