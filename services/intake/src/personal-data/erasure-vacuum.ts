import type { Logger } from '@pengaduan/runtime';
import type { DataSource } from 'typeorm';

/** The tables an erasure overwrites or deletes rows of (docs/adr/0057). */
const ERASED_TABLES = ['reporter_contact', 'complaint', 'complaint_message', 'inbound_message', 'inbound_media', 'complaint_document', 'complaint_feedback', 'personal_data_key'] as const;

/**
 * VACUUM of the tables an erasure touched (docs/adr/0057), after it committed: Postgres keeps the
 * overwritten versions of the rows (the old texts, the old key) in the table until VACUUM takes
 * them out. VACUUM cannot run inside a transaction, so it runs after, best effort: a failure is
 * logged (the table's name and the error, never a value) and autovacuum does it later. Requests
 * while one runs are folded into one more run, so a retention run of many erasures vacuums twice,
 * not once per erasure.
 */
export class ErasureVacuum {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly dataSource: () => DataSource,
    private readonly logger: Logger,
    private readonly tables: readonly string[] = ERASED_TABLES,
  ) {}

  /** Asks for a VACUUM; resolves when one that started after the request has ended. */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The run in progress, if any (for a clean stop). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.vacuum();
    } while (this.again);
  }

  private async vacuum(): Promise<void> {
    let ds: DataSource;
    try {
      ds = this.dataSource();
    } catch {
      return;
    }
    for (const table of this.tables) {
      try {
        await ds.query(`VACUUM (ANALYZE) ${table}`);
      } catch (err) {
        this.logger.warn({ table, err: { message: (err as Error).message } }, 'VACUUM after an erasure failed; autovacuum takes the table up later');
      }
    }
  }
}
