/** Stable codes of the errors this lib throws (a code crosses a process boundary, a class does not). */
export type DocumentErrorCode =
  /** A field of a {@link DocumentInput} is missing, malformed or not a value of the SOP's vocabulary. */
  | 'DOCUMENT.INVALID_INPUT'
  /** An office profiles file cannot be read or holds an invalid profile. */
  | 'DOCUMENT.INVALID_OFFICE_PROFILES'
  /** A document kind that has its own number was asked for a number derived from the tracking number. */
  | 'DOCUMENT.NO_DERIVED_NUMBER';

/** An error of `@pengaduan/documents`: its `code`, and the field at fault where there is one. */
export class DocumentError extends Error {
  override readonly name = 'DocumentError';

  constructor(
    readonly code: DocumentErrorCode,
    message: string,
    /** The path of the field at fault (`members[2].nip`, `BLP.legalBasis`), when one is. */
    readonly field?: string,
  ) {
    super(message);
  }
}
