import { Clock } from '@pengaduan/runtime';

/** A clock a test sets. */
export class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }

  now(): Date {
    return this.at;
  }
}
