/** A tracking number as intake issues it: office, year, a number of at least six digits (`BLP-2026-000123`). */
export const TRACKING_NUMBER = /^[A-Z]{2,6}-\d{4}-\d{6,}$/;
