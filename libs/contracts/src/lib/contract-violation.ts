/**
 * Thrown when a value does not meet a contract of this library: an event payload or envelope
 * attribute that would not pass {@link parseEnvelope}, a malformed actor, a bad topic name.
 *
 * `instanceof` does not cross a process, so callers branch on {@link ContractViolation.code}.
 */
export class ContractViolation extends Error {
  /** Stable error code. */
  readonly code = 'CONTRACT.VIOLATION';

  /**
   * @param message - what was being checked, e.g. `invalid complaint.disposed event`
   * @param problems - every problem found, each naming its field path (`data.sections[1].sectionCode: required`)
   */
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(problems.length > 0 ? `${message}: ${problems.join('; ')}` : message);
    this.name = 'ContractViolation';
  }
}
