/** Where "now" comes from, injected so tests can set the time instead of reading the wall clock. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
