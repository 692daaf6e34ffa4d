/** Where "now" comes from, injected so tests can set the time instead of reading the wall clock. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock a test sets and moves (`set`, `advance`), so a test decides what "now" is instead of
 * waiting for it; it never reads the wall clock after construction.
 */
export class SettableClock extends Clock {
  constructor(private at: Date = new Date()) {
    super();
  }

  now(): Date {
    return this.at;
  }

  set(at: Date): void {
    this.at = at;
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}
