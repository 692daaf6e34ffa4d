import type { IntakeConfig } from '../config';
import { SenderDigest } from '../inbound-messages/sender-digest';
import { ContactCipher } from './contact-cipher';
import { contactKeyRing } from './key-ring';

/** The keys intake seals and digests with, from REPORTER_CONTACT_KEYS / REPORTER_CONTACT_KEY and SENDER_DIGEST_KEYS. */
export function intakeKeys(config: Pick<IntakeConfig, 'reporterContactKey' | 'reporterContactKeys' | 'senderDigestKeys'>): { cipher: ContactCipher; digest: SenderDigest } {
  const contactKeys = contactKeyRing(config.reporterContactKey, config.reporterContactKeys);
  return { cipher: new ContactCipher(contactKeys), digest: SenderDigest.fromKeys(contactKeys, config.senderDigestKeys) };
}
