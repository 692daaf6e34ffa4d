import type { ParsedEvent } from '@pengaduan/contracts';
import { derivedDocumentNumber, documentKindRecordedBy, type DocumentKind } from '@pengaduan/documents';

/** A document as the read model lists it: the bytes stay with the service that produced them. */
export interface DocumentRef {
  kind: DocumentKind;
  number: string;
  sha256: string;
}

/**
 * The document an event records, from the hash it carries (`documentSha256`): its kind and
 * number (the disposition sheet's and the decree's own numbers, the others derived from the
 * tracking number). Events from before documents were rendered carry no hash and list none.
 */
export function documentRefOf(event: ParsedEvent, trackingNumber: string): DocumentRef | undefined {
  const kind = documentKindRecordedBy(event.type);
  if (!kind) return undefined;
  const payload = event.payload as { documentSha256?: string; dispositionSheetNumber?: string; decreeNumber?: string };
  if (!payload.documentSha256) return undefined;
  const number =
    kind === 'LEMBAR_DISPOSISI' ? payload.dispositionSheetNumber : kind === 'SK_TIM_PENANGANAN_ADUAN' ? payload.decreeNumber : derivedDocumentNumber(kind, trackingNumber);
  if (!number) return undefined;
  return { kind, number, sha256: payload.documentSha256 };
}
