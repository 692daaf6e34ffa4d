import { EMBEDDED_PLATFORM_FILE, type EmbeddedPlatformAddress } from '@pengaduan/gateway';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the running platform can be reached, published in `<data dir>/platform.json` (the gateway
 * defines it: its commands read it when DATABASE_URL is unset, as does scripts/audit-embedded.mjs)
 * and removed on stop. After a kill -9 it stays behind; its pid then names no process, which the
 * readers check.
 */
export class PlatformAddress {
  private constructor(private readonly file: string) {}

  static publish(dataDir: string, address: EmbeddedPlatformAddress): PlatformAddress {
    const file = join(dataDir, EMBEDDED_PLATFORM_FILE);
    writeFileSync(file, `${JSON.stringify(address, null, 2)}\n`);
    return new PlatformAddress(file);
  }

  remove(): void {
    rmSync(this.file, { force: true });
  }
}
