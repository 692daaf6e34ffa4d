import { Clock } from '@pengaduan/runtime';

/** A clock a test sets and moves. */
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
