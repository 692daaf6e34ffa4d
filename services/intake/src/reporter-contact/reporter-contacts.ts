import type { EntityManager } from 'typeorm';
import { ReporterContactRecord } from '../persistence/entities';
import type { ContactCipher, ReporterContact } from './contact-cipher';

/** The reporter's contact behind `reporterRef`, unsealed with the key it names; `{}` when the reporter gave none. */
export async function readReporterContact(manager: EntityManager, cipher: ContactCipher, reporterRef: string): Promise<ReporterContact> {
  const record = await manager.findOneBy(ReporterContactRecord, { reporterRef });
  if (!record) return {};
  return openContact(cipher, record.sealed, record.keyId, `the contact ${reporterRef}`);
}

/** Opens a sealed contact; an error names what it was (never its content). */
export function openContact(cipher: ContactCipher, sealed: Buffer, keyId: string, what: string): ReporterContact {
  if (!cipher.holds(keyId)) throw new Error(`${what} is sealed with key ${keyId}, which this intake does not hold`);
  return cipher.open(sealed, keyId);
}
