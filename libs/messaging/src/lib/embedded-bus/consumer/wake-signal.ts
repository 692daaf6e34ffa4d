/**
 * Wakes the consumer's loop: `poke` marks that something changed (an append, a seek, the group)
 * and ends a wait in progress; a wait begun after a poke not yet cleared returns at once.
 */
export class WakeSignal {
  private dirty = false;
  private wakeUp?: () => void;

  poke(): void {
    this.dirty = true;
    this.wakeUp?.();
  }

  /** Forgets the pokes so far: the loop is about to look at everything. */
  clear(): void {
    this.dirty = false;
  }

  /** Waits `ms`, or less if poked. */
  async wait(ms: number): Promise<void> {
    if (this.dirty) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
    this.wakeUp = undefined;
  }
}
