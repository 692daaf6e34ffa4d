import {
  Channel as ChannelPb,
  DeliveryMethod as DeliveryMethodPb,
  DismissalReason as DismissalReasonPb,
  FollowUpDecision as FollowUpDecisionPb,
  Severity as SeverityPb,
  Substantiation as SubstantiationPb,
  type ParsedEvent,
} from '@pengaduan/contracts';
import { COMPLAINT_CLASSIFICATIONS } from '@pengaduan/sop';

// The timeline's one line per event, in Bahasa Indonesia (officers read it in the web app).
// Built from codes and the officers' own records only: never the reporter's data nor free text.

const DISMISSAL_REASON: Record<string, string> = {
  SPAM: 'spam',
  DUPLICATE: 'duplikat aduan lain',
  NOT_A_COMPLAINT: 'bukan aduan',
  NOT_OUR_AUTHORITY: 'bukan kewenangan kantor',
};
const OFFICE_CODE = /^[A-Z]{2,6}$/;
const SUBSTANTIATION: Record<string, string> = { YES: 'terbukti', PARTLY: 'terbukti sebagian', NO: 'tidak terbukti' };
const SEVERITY: Record<string, string> = { LOW: 'rendah', MEDIUM: 'sedang', HIGH: 'tinggi' };
const DELIVERY_METHOD: Record<string, string> = {
  PROVIDER_RECEIPT: 'tanda terima penyedia layanan',
  PHONE_CALL: 'telepon petugas',
  IN_PERSON: 'disampaikan langsung',
  REPORTER_REPLY: 'balasan pelapor',
  LETTER: 'surat',
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
  switch (event.type) {
    case 'complaint.received': {
      const p = event.payload;
      const from = p.transferredFromComplaintId
        ? `, dialihkan dari kantor ${p.forwardedByOfficeCode ?? '?'} (aduan ${p.transferredFromComplaintId})`
        : p.forwardedByOfficeCode
          ? `, diteruskan oleh kantor ${p.forwardedByOfficeCode}`
          : '';
      return `Aduan diterima melalui ${nameOf(ChannelPb, p.channel)}, nomor ${p.trackingNumber}${from}`;
    }
    case 'complaint.message-appended':
      return `Pesan ke-${event.payload.sequence} dari pelapor ditambahkan`;
    case 'complaint.acknowledged':
      return `Nomor pelacakan dikirim ke pelapor melalui ${nameOf(ChannelPb, event.payload.channel)}`;
    case 'complaint.confirmed':
      return `Aduan dikonfirmasi (Laporan Terusan Aduan), klasifikasi ${classificationName(event.payload.classificationCode)}`;
    case 'complaint.dismissed': {
      const reason = nameOf(DismissalReasonPb, event.payload.reason);
      // An office code (a transfer names one) is a code, not free text: the timeline may show it.
      const belongsTo = event.payload.belongsTo;
      const office = reason === 'NOT_OUR_AUTHORITY' && belongsTo && OFFICE_CODE.test(belongsTo) ? `, kewenangan kantor ${belongsTo}` : '';
      return `Aduan tidak diproses: ${DISMISSAL_REASON[reason] ?? reason}${office}`;
    }
    case 'complaint.disposed': {
      const p = event.payload;
      return `Didisposisikan ke ${p.sections.map((s) => s.sectionCode).join(', ')} (Lembar Disposisi ${p.dispositionSheetNumber})`;
    }
    case 'complaint.section-responded':
      return `Seksi ${event.payload.sectionCode} menanggapi disposisi`;
    case 'complaint.disposition-completed':
      return 'Semua seksi telah menanggapi; aduan kembali ke Admin Tikkim';
    case 'complaint.analyzed': {
      const p = event.payload;
      const substantiated = nameOf(SubstantiationPb, p.substantiated);
      const severity = nameOf(SeverityPb, p.severity);
      return `Analisis Aduan: ${SUBSTANTIATION[substantiated] ?? substantiated}, tingkat ${SEVERITY[severity] ?? severity}`;
    }
    case 'complaint.follow-up-decided':
      return event.payload.decision === FollowUpDecisionPb.FOLLOW_UP ? 'Diputuskan untuk ditindaklanjuti' : 'Diputuskan tidak ditindaklanjuti';
    case 'complaint.team-formed':
      return `SK Tim Penanganan Aduan ${event.payload.decreeNumber} diterbitkan`;
    case 'complaint.reporter-informed':
      return `Informasi tindak lanjut dikirim ke pelapor melalui ${nameOf(ChannelPb, event.payload.channel)}`;
    case 'complaint.information-delivered': {
      const method = nameOf(DeliveryMethodPb, event.payload.method);
      return `Informasi tindak lanjut sampai ke pelapor (${DELIVERY_METHOD[method] ?? method})`;
    }
    case 'complaint.notification-failed':
      return `Pengiriman ke pelapor melalui ${nameOf(ChannelPb, event.payload.channel)} gagal (${event.payload.errorCode})`;
    case 'complaint.closed':
      return 'Aduan selesai';
    case 'sla.deadline-started':
      return `Tenggat langkah ${stepLabel(event.payload.stepId, event.payload.sectionCode)} dimulai`;
    case 'sla.deadline-warning':
      return `Peringatan: tenggat langkah ${stepLabel(event.payload.stepId, event.payload.sectionCode)} segera berakhir`;
    case 'sla.deadline-breached':
      return `Tenggat langkah ${stepLabel(event.payload.stepId, event.payload.sectionCode)} terlampaui`;
    case 'sla.escalated':
      return event.payload.escalatedToRole === 'OFFICE_REPORT'
        ? `Keterlambatan langkah ${stepLabel(event.payload.stepId, event.payload.sectionCode)} dicatat untuk laporan kantor`
        : `Langkah ${stepLabel(event.payload.stepId, event.payload.sectionCode)} dieskalasi ke ${event.payload.escalatedToRole} (tingkat ${event.payload.level})`;
    case 'sla.deadline-stopped': {
      const late = durationMs(event.payload.lateness);
      const label = stepLabel(event.payload.stepId, event.payload.sectionCode);
      return late > 0 ? `Langkah ${label} selesai, terlambat ${formatDuration(late)}` : `Langkah ${label} selesai tepat waktu`;
    }
    default:
      return assertNever(event);
  }
}

function stepLabel(stepId: string, sectionCode: string | undefined): string {
  return sectionCode ? `${stepId} (${sectionCode})` : stepId;
}

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

function assertNever(value: never): never {
  throw new Error(`no timeline summary for ${JSON.stringify((value as { type?: unknown }).type)}`);
}
