import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite's files may be opened by one process only, and nothing in PGlite stops a second one: the
 * platform keeps `platform.pid` in its data directory while it runs, and refuses to start when the
 * process named there is alive.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'platform.pid');
    let holder: number | undefined;
    try {
      holder = Number(readFileSync(file, 'utf8').trim());
    } catch {
      holder = undefined;
    }
    if (holder && holder !== process.pid && alive(holder)) {
      throw new Error(`another platform (pid ${holder}) runs on ${dataDir}; stop it first, or give this one another EMBEDDED_DATA_DIR`);
    }
    writeFileSync(file, `${process.pid}\n`);
    return new DataDirLock(file);
  }

  release(): void {
    rmSync(this.file, { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
