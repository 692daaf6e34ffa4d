export { refusedAddressReason } from './address-policy';
export { hostAllowed, hostPatternProblem } from './host-patterns';
export { guardedGet, MAX_REDIRECTS, systemLookup, type BytesResponse, type FetchLimits, type GuardedGetOptions, type HostLookup, type OutboundPolicy, type ResolvedAddress } from './guarded-fetch';
export { API_ANSWER_MAX_BYTES, DEFAULT_MEDIA_MAX_BYTES, mediaLimits, type MediaFetchLimits } from './media-limits';
