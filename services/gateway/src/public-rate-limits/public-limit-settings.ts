import { parse, type ConfigField } from '@pengaduan/runtime';

// The public endpoints' limits (ADR 0019, 0041, 0052) as the gateway's configuration reads them:
// their variables, defaults and windows. The windows are fixed; the counts are the operator's.

/** The window of the public tracking's attempts per client address: 15 minutes. */
export const TRACKING_ADDRESS_WINDOW_SECONDS = 15 * 60;
/** The window of wrong verifiers per address and number, and per number: one hour. */
export const TRACKING_NUMBER_WINDOW_SECONDS = 60 * 60;
/** The window of the web form's submissions, and of the reads of a submission's status, per client address: 10 minutes. */
export const WEB_FORM_WINDOW_SECONDS = 10 * 60;
/** The page asks once a second for a minute at most, then again when the reporter asks it to: two such rounds fit. */
export const DEFAULT_WEB_FORM_STATUS_MAX_PER_ADDRESS = 120;

/** A count of attempts a limit allows: 1 to 100 000. */
export const attemptsLimit = (raw: string): number => {
  const n = parse.positiveInt(raw);
  if (n > 100_000) throw new Error(`"${raw}" is not between 1 and 100000`);
  return n;
};

/** The entries of the gateway's ConfigSpec for the public tracking and the web form. */
export const PUBLIC_LIMIT_SETTINGS = {
  trackingMaxPerAddress: {
    env: 'PUBLIC_TRACKING_MAX_PER_ADDRESS',
    default: '10',
    parse: attemptsLimit,
    description: `public tracking attempts one client address may make in ${TRACKING_ADDRESS_WINDOW_SECONDS / 60} minutes`,
  },
  trackingMaxFailuresPerAddressAndNumber: {
    env: 'PUBLIC_TRACKING_MAX_FAILURES_PER_ADDRESS_AND_NUMBER',
    default: '5',
    parse: attemptsLimit,
    description: `wrong verifiers one client address may give for one tracking number in ${TRACKING_NUMBER_WINDOW_SECONDS / 60} minutes; then that address waits for the rest of them (others do not)`,
  },
  trackingGuardAfterFailuresPerNumber: {
    env: 'PUBLIC_TRACKING_GUARD_AFTER_FAILURES_PER_NUMBER',
    default: '20',
    parse: attemptsLimit,
    description: `wrong verifiers on one tracking number from all addresses together in ${TRACKING_NUMBER_WINDOW_SECONDS / 60} minutes after which each address gets one wrong verifier on it for the rest of them (a slow-down for spread-out guessing; nobody is locked out)`,
  },
  webFormMaxPerAddress: {
    env: 'PUBLIC_WEB_FORM_MAX_PER_ADDRESS',
    default: '5',
    parse: attemptsLimit,
    description: `public web form submissions one client address may make in ${WEB_FORM_WINDOW_SECONDS / 60} minutes`,
  },
  webFormStatusMaxPerAddress: {
    env: 'PUBLIC_WEB_FORM_STATUS_MAX_PER_ADDRESS',
    default: String(DEFAULT_WEB_FORM_STATUS_MAX_PER_ADDRESS),
    parse: attemptsLimit,
    description: `reads of a web form submission's status (its tracking number, and a tracking PIN for a reporter with neither phone nor e-mail) one client address may make in ${WEB_FORM_WINDOW_SECONDS / 60} minutes`,
  },
} satisfies Record<string, ConfigField<number>>;
