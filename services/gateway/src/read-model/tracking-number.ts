import { FIELD_RULES } from '@pengaduan/sop';

/** A tracking number as intake issues it: office, year, a number of at least six digits (`BLP-2026-000123`). */
export const TRACKING_NUMBER: RegExp = FIELD_RULES.trackingNumber.pattern;
