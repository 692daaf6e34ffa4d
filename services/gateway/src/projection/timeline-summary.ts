import { timestampDate } from '@bufbuild/protobuf/wkt';
import {
  AppealDecision,
  AppealTrigger,
  Channel as ChannelPb,
  ContactField as ContactFieldPb,
  DataAccessVerification as DataAccessVerificationPb,
  DeliveryMethod as DeliveryMethodPb,
  DismissalReason as DismissalReasonPb,
  ErasureReason as ErasureReasonPb,
  FollowUpDecision as FollowUpDecisionPb,
  parseActor,
  Severity as SeverityPb,
  Substantiation as SubstantiationPb,
  type ParsedEvent,
} from '@pengaduan/contracts';
import { CLOCK_LABELS, COMPLAINT_CLASSIFICATIONS, DATA_ACCESS_CLOCK_ID, FIELD_RULES, NOTIFICATION_PURPOSE_LABELS, OFFICE_REPORT, ROLE_LABELS, SLA_TARGET_IDS, type Label } from '@pengaduan/sop';
import { noticePurposeOf } from './delivery-failures.projection';

// The timeline's one line per event, in Bahasa Indonesia (officers read it in the web app).
// Built from codes and the officers' own records only: never the reporter's data nor free text.

const DISMISSAL_REASON: Record<string, string> = {
  SPAM: 'spam',
  DUPLICATE: 'duplikat aduan lain',
  NOT_A_COMPLAINT: 'bukan aduan',
  NOT_OUR_AUTHORITY: 'bukan kewenangan kantor',
};
const OFFICE_CODE = FIELD_RULES.officeCode.pattern;
const APPEAL_REVIEW_LINES: Partial<Record<AppealDecision, string>> = {
  [AppealDecision.REDISPOSE]: 'Banding ditinjau Kepala Kantor: aduan didisposisikan ulang (langkah 3)',
  [AppealDecision.REANALYZE]: 'Banding ditinjau Kepala Kantor: aduan dianalisis ulang (langkah 4)',
  [AppealDecision.UPHOLD]: 'Banding ditinjau Kepala Kantor: jawaban dipertahankan dengan alasan; pelapor diberi tahu kembali',
};
const SUBSTANTIATION: Record<string, string> = { YES: 'terbukti', PARTLY: 'terbukti sebagian', NO: 'tidak terbukti' };
const SEVERITY: Record<string, string> = { LOW: 'rendah', MEDIUM: 'sedang', HIGH: 'tinggi' };
const DELIVERY_METHOD: Record<string, string> = {
  PROVIDER_RECEIPT: 'tanda terima penyedia layanan',
  PHONE_CALL: 'telepon petugas',
  IN_PERSON: 'disampaikan langsung',
  REPORTER_REPLY: 'balasan pelapor',
  LETTER: 'surat',
  LAPOR_POSTED: 'diposting di LAPOR!',
};

/** The name of a proto enum value without its prefix (`WHATSAPP`), or its number when unknown. */
function nameOf(enumObject: Record<number, string>, value: number): string {
  return enumObject[value] ?? String(value);
}

function classificationName(code: string): string {
  const known = COMPLAINT_CLASSIFICATIONS.find((c) => c.code === code);
  return known ? `${code} ${known.nameId}` : code;
}

/** The line the timeline shows for an event. */
export function timelineSummary(event: ParsedEvent): string {
  // An own property only: an event type named like one of Object's (`constructor`) has no line.
  if (!Object.hasOwn(SUMMARIES, event.type)) return unknownType(event);
  return (SUMMARIES[event.type] as (event: ParsedEvent) => string)(event);
}

type EventOf<T extends ParsedEvent['type']> = Extract<ParsedEvent, { type: T }>;

/** One line per event type; the mapped type makes a new event type a compile error here until it has its line. */
const SUMMARIES: { [T in ParsedEvent['type']]: (event: EventOf<T>) => string } = {
  'complaint.received': receivedSummary,
  'complaint.message-appended': (event) => `Pesan ke-${event.payload.sequence} dari pelapor ditambahkan`,
  'complaint.acknowledged': acknowledgedSummary,
  'complaint.confirmed': (event) => `Aduan dikonfirmasi (Laporan Terusan Aduan), klasifikasi ${classificationName(event.payload.classificationCode)}`,
  'complaint.dismissed': dismissedSummary,
  'complaint.disposed': ({ payload: p }) => `Didisposisikan ke ${p.sections.map((s) => s.sectionCode).join(', ')} (Lembar Disposisi ${p.dispositionSheetNumber})`,
  'complaint.section-responded': (event) => `Seksi ${event.payload.sectionCode} menanggapi disposisi`,
  'complaint.disposition-completed': () => 'Semua seksi telah menanggapi; aduan kembali ke Admin Tikkim',
  'complaint.analyzed': ({ payload: p }) => {
    const substantiated = nameOf(SubstantiationPb, p.substantiated);
    const severity = nameOf(SeverityPb, p.severity);
    return `Analisis Aduan: ${SUBSTANTIATION[substantiated] ?? substantiated}, tingkat ${SEVERITY[severity] ?? severity}`;
  },
  'complaint.follow-up-decided': (event) =>
    event.payload.decision === FollowUpDecisionPb.FOLLOW_UP ? 'Diputuskan untuk ditindaklanjuti' : 'Diputuskan tidak ditindaklanjuti',
  'complaint.team-formed': (event) => `SK Tim Penanganan Aduan ${event.payload.decreeNumber} diterbitkan`,
  'complaint.reporter-informed': (event) => `Informasi tindak lanjut dikirim ke pelapor melalui ${nameOf(ChannelPb, event.payload.channel)}`,
  'complaint.information-delivered': (event) => {
    const method = nameOf(DeliveryMethodPb, event.payload.method);
    return `Informasi tindak lanjut sampai ke pelapor (${DELIVERY_METHOD[method] ?? method})`;
  },
  'complaint.notification-failed': (event) => `Pengiriman ke pelapor melalui ${nameOf(ChannelPb, event.payload.channel)} gagal (${event.payload.errorCode})`,
  'complaint.call-attempted': (event) =>
    `Pelapor tidak dapat dihubungi melalui telepon${aboutNotice(event)}; dicoba lagi ${event.payload.retryAt ? `${timestampDate(event.payload.retryAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'nanti'}`,
  // The reason is the officer's text: the complaint's outputs show it, the timeline names the fact.
  'complaint.delivery-abandoned': (event) =>
    `Penyampaian ${(NOTIFICATION_PURPOSE_LABELS[noticePurposeOf(event) ?? 'FOLLOW_UP_INFORMATION']).id.toLowerCase()} dihentikan: pelapor tidak dapat dihubungi (alasan dicatat)`,
  'complaint.closed': () => 'Aduan selesai',
  // docs/adr/0053: the comment and the appeal's reason stay in intake; the head's reason is on the complaint page.
  'complaint.rated': ({ payload: p }) => `Pelapor memberi penilaian ${p.rating} dari 5${p.hasComment ? ' dengan komentar' : ''}${p.withinAppealWindow ? '' : ' (di luar masa banding)'}`,
  'complaint.appealed': ({ payload: p }) =>
    p.trigger === AppealTrigger.POOR_RATING ? 'Banding dibuka karena penilaian rendah; ditinjau Kepala Kantor' : 'Pelapor mengajukan banding; ditinjau Kepala Kantor',
  'complaint.appeal-reviewed': ({ payload: p }) => APPEAL_REVIEW_LINES[p.decision] ?? 'Banding ditinjau Kepala Kantor',
  // docs/adr/0057: the fact and its reason, never what was erased.
  'complaint.personal-data-erased': ({ payload: p }) =>
    `Data pribadi dihapus (${p.reason === ErasureReasonPb.RETENTION ? 'masa retensi berakhir' : 'atas permintaan pelapor'}): kontak, pesan dan lampiran pelapor tidak dapat dibaca lagi`,
  // docs/adr/0061: the data subject's requests, by what was done; never a value of the contact.
  'complaint.data-access-requested': ({ payload: p }) =>
    `Permintaan akses data pribadi dicatat (verifikasi ${p.verifiedBy === DataAccessVerificationPb.IN_PERSON ? 'tatap muka' : 'melalui saluran pelapor'}); dijawab paling lambat ${p.dueAt ? `${timestampDate(p.dueAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '3 × 24 jam'}`,
  'complaint.data-access-answered': ({ payload: p }) => `Permintaan akses data pribadi dijawab${p.late ? ', terlambat dari batas 3 × 24 jam' : ' tepat waktu'}`,
  'complaint.contact-corrected': ({ payload: p }) => `Kontak dikoreksi atas permintaan pelapor: ${p.fields.map((f) => CONTACT_FIELD_LABELS[f] ?? 'kontak').join(', ')}`,
  'complaint.contact-restricted': () => 'Pemrosesan kontak dibatasi atas permintaan pelapor',
  'complaint.contact-restriction-lifted': () => 'Pembatasan dicabut: kontak pelapor dapat diproses kembali',
  'sla.deadline-started': (event) => `Tenggat ${clockName(event.payload)} dimulai`,
  'sla.deadline-warning': (event) => `Peringatan: tenggat ${clockName(event.payload)} segera berakhir`,
  'sla.deadline-breached': (event) => `Tenggat ${clockName(event.payload)} terlampaui`,
  'sla.escalated': ({ payload: p }) =>
    p.escalatedToRole === OFFICE_REPORT
      ? `Keterlambatan ${clockName(p)} dicatat untuk laporan kantor`
      : `${capitalized(clockName(p))} dieskalasi ke ${labelOf(ROLE_LABELS, p.escalatedToRole)} (tingkat ${p.level})`,
  'sla.deadline-stopped': ({ payload: p }) => {
    const late = durationMs(p.lateness);
    const name = capitalized(clockName(p));
    return late > 0 ? `${name} selesai, terlambat ${formatDuration(late)}` : `${name} selesai tepat waktu`;
  },
};

/** The names of a contact's fields as a correction lists them (docs/adr/0061). */
const CONTACT_FIELD_LABELS: Readonly<Partial<Record<ContactFieldPb, string>>> = {
  [ContactFieldPb.NAME]: 'nama',
  [ContactFieldPb.PHONE]: 'nomor telepon',
  [ContactFieldPb.EMAIL]: 'surel',
  [ContactFieldPb.HANDLE]: 'akun',
};

/** How an officer told the tracking number, by the channel they recorded (docs/adr/0051). */
const TOLD_OVER: Readonly<Record<string, string>> = { PHONE: 'telepon', WALK_IN: 'tatap muka' };

/** The acknowledgement sent over its channel, or told by Admin Tikkim after no channel could give it (docs/adr/0051). */
function acknowledgedSummary(event: EventOf<'complaint.acknowledged'>): string {
  const channel = nameOf(ChannelPb, event.payload.channel);
  if (parseActor(event.envelope.actor)?.kind !== 'user') return `Nomor pelacakan dikirim ke pelapor melalui ${channel}`;
  return `Tanda terima disampaikan petugas: nomor pelacakan diberitahukan kepada pelapor melalui ${TOLD_OVER[channel] ?? channel}`;
}

/**
 * A call's notice where it is not step 8's follow-up information, whose line stays as it was
 * (docs/adr/0044): ` (tanda terima)`, ` (pemberitahuan penolakan)`.
 */
function aboutNotice(event: ParsedEvent): string {
  const purpose = noticePurposeOf(event);
  return purpose === undefined || purpose === 'FOLLOW_UP_INFORMATION' ? '' : ` (${NOTIFICATION_PURPOSE_LABELS[purpose].id.toLowerCase()})`;
}

function receivedSummary({ payload: p }: EventOf<'complaint.received'>): string {
  const from = p.transferredFromComplaintId
    ? `, dialihkan dari kantor ${p.forwardedByOfficeCode ?? '?'} (aduan ${p.transferredFromComplaintId})`
    : p.forwardedByOfficeCode
      ? `, diteruskan oleh kantor ${p.forwardedByOfficeCode}`
      : '';
  // A LAPOR! report number is digits (FIELD_RULES), a code the timeline may show (docs/adr/0055).
  const lapor = p.laporReportNumber !== undefined && FIELD_RULES.laporReportNumber.pattern.test(p.laporReportNumber) ? `, nomor laporan LAPOR! ${p.laporReportNumber}` : '';
  return `Aduan diterima melalui ${nameOf(ChannelPb, p.channel)}, nomor ${p.trackingNumber}${from}${lapor}`;
}

function dismissedSummary(event: EventOf<'complaint.dismissed'>): string {
  const reason = nameOf(DismissalReasonPb, event.payload.reason);
  // An office code (a transfer names one) is a code, not free text: the timeline may show it.
  const belongsTo = event.payload.belongsTo;
  const office = reason === 'NOT_OUR_AUTHORITY' && belongsTo && OFFICE_CODE.test(belongsTo) ? `, kewenangan kantor ${belongsTo}` : '';
  return `Aduan tidak diproses: ${DISMISSAL_REASON[reason] ?? reason}${office}`;
}

/**
 * What a deadline is about, in words: `langkah Konfirmasi aduan`, `langkah Tanggapan seksi
 * (INTELDAKIM)`, or a target by its name (`Target SOP 72 jam`); an id libs/sop does not know
 * (a newer SLA monitor) as it came.
 */
function clockName({ stepId, sectionCode }: { stepId: string; sectionCode?: string }): string {
  const name = labelOf(CLOCK_LABELS, stepId);
  const clock = (SLA_TARGET_IDS as readonly string[]).includes(stepId) || stepId === DATA_ACCESS_CLOCK_ID ? name : `langkah ${name}`;
  return sectionCode ? `${clock} (${sectionCode})` : clock;
}

function labelOf(labels: Readonly<Record<string, Label>>, code: string): string {
  return Object.hasOwn(labels, code) ? (labels[code] as Label).id : code;
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function durationMs(d: { seconds: bigint; nanos: number } | undefined): number {
  return d ? Number(d.seconds) * 1000 + Math.floor(d.nanos / 1e6) : 0;
}

/** `2 jam 5 menit`, `3 hari 4 jam`, `40 detik`. */
function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const parts = [d && `${d} hari`, h && `${h} jam`, !d && m && `${m} menit`].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : `${Math.max(1, Math.round(ms / 1000))} detik`;
}

function unknownType(event: ParsedEvent): never {
  throw new Error(`no timeline summary for ${JSON.stringify((event as { type?: unknown }).type)}`);
}
