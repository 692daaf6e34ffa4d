import type { BackgroundWorker, ServiceRuntime } from '@pengaduan/messaging';
import type { Clock, Logger } from '@pengaduan/runtime';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { sealContactsUnderPersonKeys } from '../reporter-contact/reseal-contacts';
import { reapplyErasures } from './reapply-erasures';

/**
 * What intake does with personal data once its database is ready (docs/adr/0057): re-applies every
 * erasure either ledger remembers (after a restore), then brings contacts sealed before per-person
 * keys under their person's key. Runs once per start; a failure is logged and tried at the next.
 */
export class PersonalDataUpkeep implements BackgroundWorker {
  private running: Promise<void> | undefined;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly cipher: ContactCipher,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.running = this.run().catch((err: Error) => this.logger.error({ err: { message: err.message } }, 'personal-data upkeep failed; it runs again at the next start'));
  }

  async run(): Promise<void> {
    const ds = this.runtime.dataSource;
    const reapplied = await reapplyErasures(ds, this.cipher, this.clock.now());
    if (reapplied.keysDestroyedAgain > 0) this.logger.warn({ keysDestroyedAgain: reapplied.keysDestroyedAgain }, 'data keys of erased complainants were back (a restored key store) and were destroyed again');
    const sealed = await sealContactsUnderPersonKeys(ds, this.cipher, () => undefined);
    if (sealed.total > 0) this.logger.info({ done: sealed.done, total: sealed.total, left: sealed.left }, 'contacts brought under their persons\' own data keys');
  }

  async stop(): Promise<void> {
    await this.running;
  }
}
