import { Clock } from '../clock';

/** A clock a test sets. */
export class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }

  now(): Date {
    return this.at;
  }
}
