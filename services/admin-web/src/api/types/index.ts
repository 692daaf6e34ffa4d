// The shapes of the gateway's REST answers the web app reads (services/gateway/src/**/*.dto.ts).
// Times are ISO-8601 UTC strings.
export type * from './assignment';
export type * from './complaint-outputs';
export type * from './complaint-record';
export type * from './complaint-views';
export type * from './dead-letters';
export type * from './office-reports';
export type * from './problem-messages';
export type * from './public-pages';
