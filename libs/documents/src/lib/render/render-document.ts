import { letterheadLines } from '@pengaduan/sop';
import { createHash } from 'node:crypto';
import { DEFAULT_SIGNATORY_POSITIONS } from '../kind-defaults';
import { DOCUMENT_TITLES, isDocumentKind, type DocumentInput, type OfficeProfile, type RenderedDocument, type Signatory } from '../document-types';
import { documentFileName } from '../document-number';
import { DocumentError } from '../errors';
import { formatIndonesianDate } from '../indonesian-date';
import { layoutComplaintAnalysis } from './layouts/complaint-analysis';
import { layoutComplaintReport } from './layouts/complaint-report';
import { layoutDispositionSheet } from './layouts/disposition-sheet';
import { layoutFollowUpDecision } from './layouts/follow-up-decision';
import { layoutFollowUpInformation } from './layouts/follow-up-information';
import { layoutForwardedComplaintReport } from './layouts/forwarded-complaint-report';
import type { LayoutContext } from './layouts/layout-context';
import { layoutTeamDecree } from './layouts/team-decree';
import { PdfWriter } from '../pdf/pdf-writer';
import { isAbsent, requiredText, validDate } from '../vocabulary';

function checkOffice(office: unknown): OfficeProfile {
  const o = office as Partial<OfficeProfile> | null | undefined;
  if (typeof o !== 'object' || o === null) throw new DocumentError('DOCUMENT.INVALID_INPUT', 'office must be an office profile (OfficeDirectory.profileOf)', 'office');
  for (const f of ['name', 'ministry'] as const) requiredText(o[f], `office.${f}`);
  for (const f of ['address', 'city'] as const) if (typeof o[f] !== 'string') throw new DocumentError('DOCUMENT.INVALID_INPUT', `office.${f} must be a text`, `office.${f}`);
  for (const f of ['parentUnits', 'legalBasis'] as const) {
    if (!Array.isArray(o[f]) || !o[f].every((s) => typeof s === 'string')) throw new DocumentError('DOCUMENT.INVALID_INPUT', `office.${f} must be a list of texts`, `office.${f}`);
  }
  return o as OfficeProfile;
}

function checkSignatory(s: unknown): Signatory | undefined {
  if (isAbsent(s)) return undefined;
  const p = s as Partial<Signatory> | null;
  if (typeof p !== 'object' || p === null) throw new DocumentError('DOCUMENT.INVALID_INPUT', 'signatory must be an object', 'signatory');
  const nip = isAbsent(p.nip) || (typeof p.nip === 'string' && p.nip.trim() === '') ? undefined : requiredText(p.nip, 'signatory.nip');
  return { name: requiredText(p.name, 'signatory.name'), position: requiredText(p.position, 'signatory.position'), ...(nip ? { nip } : {}) };
}

/**
 * Renders the document as a PDF (A4, the office's letterhead on page 1, "Halaman n dari m" with
 * the tracking number and the document's number in every footer). Deterministic: the same input
 * gives byte-identical output (CreationDate = issuedAt, no ModDate, the file ID computed from
 * the metadata, font subset tags derived from the font's place in the document), so an auditor
 * can recompute the hash of a printed copy. Rejects with a {@link DocumentError} naming the field
 * when the input is invalid (a vocabulary value outside the SOP's, a malformed date).
 */
export async function renderDocument(input: DocumentInput): Promise<RenderedDocument> {
  if (typeof input !== 'object' || input === null || !isDocumentKind(input.kind)) {
    throw new DocumentError('DOCUMENT.INVALID_INPUT', `kind must be a document kind; got ${JSON.stringify((input as { kind?: unknown } | null)?.kind)}`, 'kind');
  }
  const kind = input.kind;
  const office = checkOffice(input.office);
  const number = requiredText(input.number, 'number');
  const trackingNumber = requiredText(input.trackingNumber, 'trackingNumber');
  const issuedAt = validDate(input.issuedAt, 'issuedAt');
  const signatory = checkSignatory(input.signatory);
  const position = isAbsent(input.signatoryPosition) ? undefined : requiredText(input.signatoryPosition, 'signatoryPosition');
  const title = DOCUMENT_TITLES[kind].id;

  const w = new PdfWriter({ title: `${title} ${number}`, subject: title, author: office.name, keywords: trackingNumber, createdAt: issuedAt });
  const ctx: LayoutContext = {
    w,
    office,
    number,
    trackingNumber,
    issuedAt,
    sign: (o = {}) => {
      const printed = signatory?.position ?? position ?? o.defaultPosition ?? DEFAULT_SIGNATORY_POSITIONS[kind];
      const date = formatIndonesianDate(issuedAt);
      w.signature({
        before: o.before ?? [office.city.trim() ? `${office.city.trim()}, ${date}` : date],
        position: o.position ? o.position(printed) : printed,
        ...(signatory ? { name: signatory.name, nip: signatory.nip ?? null } : {}),
      });
    },
  };

  // The lines the web app's preview shows too (libs/sop letterheadLines, docs/adr/0048).
  w.letterhead(letterheadLines({ ...office, parentUnits: [...office.parentUnits] }));
  if (kind !== 'SK_TIM_PENANGANAN_ADUAN') {
    // The decree has its own heading (KEPUTUSAN KEPALA … NOMOR …).
    w.text(title.toLocaleUpperCase('id-ID'), { font: 'sans-bold', size: 12, align: 'center', underline: true });
    w.text(`Nomor: ${number}`, { align: 'center', gapAfter: 14 });
  }
  switch (input.kind) {
    case 'LAPORAN_ADUAN':
      layoutComplaintReport(ctx, input);
      break;
    case 'LAPORAN_TERUSAN_ADUAN':
      layoutForwardedComplaintReport(ctx, input);
      break;
    case 'LEMBAR_DISPOSISI':
      layoutDispositionSheet(ctx, input);
      break;
    case 'ANALISIS_ADUAN':
      layoutComplaintAnalysis(ctx, input);
      break;
    case 'KEPUTUSAN_TINDAK_LANJUT':
      layoutFollowUpDecision(ctx, input);
      break;
    case 'SK_TIM_PENANGANAN_ADUAN':
      layoutTeamDecree(ctx, input);
      break;
    case 'INFORMASI_TINDAK_LANJUT':
      layoutFollowUpInformation(ctx, input);
      break;
    default: {
      const never: never = input;
      throw new DocumentError('DOCUMENT.INVALID_INPUT', `kind ${JSON.stringify((never as { kind: unknown }).kind)} has no layout`, 'kind');
    }
  }
  const bytes = await w.finish((page, of) => ({ left: `${title} Nomor ${number}\nNomor Pelacakan ${trackingNumber}`, right: `Halaman ${page} dari ${of}` }));
  return { kind, number, title, fileName: documentFileName(kind, number), mediaType: 'application/pdf', bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
