import { PermanentError } from '@pengaduan/messaging';

/**
 * Thrown for an event the read model can never apply: the consumer sends it to the group's DLQ
 * at once, with the code, where it stays visible and can be replayed once the gap is filled;
 * never dropped silently. Events of one complaint share a key, hence a partition and an order,
 * so a complaint's `complaint.received` has always been applied before its other events (and a
 * deadline's `sla.deadline-started` before the rest of its events): one missing means the
 * stream was cut or a producer is wrong, which retrying cannot mend.
 */
export class ProjectionError extends PermanentError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'ProjectionError';
  }
}
