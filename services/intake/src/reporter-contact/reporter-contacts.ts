import type { EntityManager } from 'typeorm';
import { ReporterContactRecord } from '../persistence/entities';
import type { ContactCipher, ReporterContact } from './contact-cipher';

/** The reporter's contact behind `reporterRef`, unsealed; `{}` when the reporter gave none. */
export async function readReporterContact(manager: EntityManager, cipher: ContactCipher, reporterRef: string): Promise<ReporterContact> {
  const record = await manager.findOneBy(ReporterContactRecord, { reporterRef });
  if (!record) return {};
  if (record.keyId !== cipher.keyId) {
    throw new Error(`the contact ${reporterRef} is sealed with key ${record.keyId}, which this intake does not hold`);
  }
  return cipher.open(record.sealed);
}
