import type { ReporterContact } from './contact-cipher';

/** Which part of the reporter's contact it gives away. */
export type RevealedContact = 'name' | 'phone' | 'email' | 'handle';

const DIGIT_RUN = /\+?\d[\d\s().-]*\d/g;

/**
 * Which part of the reporter's contact `text` gives away, if any. For officer-written text
 * that goes into events (the confirmation's summary, a dismissal note): the SOP's Laporan
 * Terusan Aduan is forwarded without the reporter's identity, and an admin who forgets to
 * anonymise is how identities leak (SOP.md). Phone numbers match in any common writing
 * (`+62 812-3456-7890`, `0812 3456 7890`); names and handles as whole words, in any case.
 */
export function revealedContact(text: string, contact: ReporterContact): RevealedContact | undefined {
  const name = contact.name?.trim();
  if (name && name.length >= 3 && containsWord(text, name)) return 'name';
  const email = contact.email?.trim().toLowerCase();
  if (email && text.toLowerCase().includes(email)) return 'email';
  const handle = contact.handle?.trim().replace(/^@/, '');
  if (handle && handle.length >= 3 && containsWord(text, handle)) return 'handle';
  const phone = contact.phone ? nationalNumber(contact.phone) : '';
  if (phone.length >= 7) {
    for (const run of text.match(DIGIT_RUN) ?? []) {
      if (nationalNumber(run).includes(phone)) return 'phone';
    }
  }
  return undefined;
}

/** The digits of an Indonesian number without its country code or trunk prefix. */
function nationalNumber(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^(62|0)/, '');
}

function containsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
}
