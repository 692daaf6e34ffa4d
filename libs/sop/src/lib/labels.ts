import type { ComplaintOutcome, DeliveryMethod, DismissalReason, DispositionInstruction, FollowUpDecision, NotificationPurpose, OutboundChannel, Severity, Substantiation, TeamMemberRole } from './reference-data';
import type { Role } from './roles';
import type { ClockId } from './sla/sla-clocks';
import type { ComplaintStatus } from './state';

/** A word of the SOP's vocabulary as officers and complainants read it: Bahasa Indonesia, and English. */
export interface Label {
  readonly id: string;
  readonly en: string;
}

/** The swimlanes by their Indonesian names (SOP.md, "Roles"), with the position a signature block gives. */
export const ROLE_LABELS: Readonly<Record<Role, Label>> = {
  PELAPOR: { id: 'Pelapor', en: 'Complainant' },
  ADMIN_TIKKIM: { id: 'Admin Tikkim', en: 'Admin Tikkim (IT & communications)' },
  KEPALA_KANTOR: { id: 'Kepala Kantor', en: 'Head of office' },
  SEKSI_TERKAIT: { id: 'Seksi Terkait', en: 'Section' },
  KEPALA_SEKSI_TI: { id: 'Kepala Seksi Teknologi dan Informasi', en: 'Head of the IT section' },
  TIM_PENANGANAN: { id: 'Tim Penanganan Aduan', en: 'Complaint handling team' },
  AUDITOR: { id: 'Auditor', en: 'Auditor' },
  OPERATOR: { id: 'Operator Platform', en: 'Platform operator' },
};

export const STATUS_LABELS: Readonly<Record<ComplaintStatus, Label>> = {
  NEW: { id: 'Baru', en: 'New' },
  RECEIVED: { id: 'Diterima', en: 'Received' },
  CONFIRMED: { id: 'Dikonfirmasi', en: 'Confirmed' },
  DISMISSED: { id: 'Tidak ditindaklanjuti (ditolak)', en: 'Dismissed' },
  DISPOSED: { id: 'Didisposisikan', en: 'Dispositioned' },
  SECTION_PROCESSED: { id: 'Diproses seksi', en: 'Processed by the sections' },
  ANALYZED: { id: 'Dianalisis', en: 'Analysed' },
  FOLLOW_UP_DECIDED: { id: 'Diputuskan ditindaklanjuti', en: 'Follow-up decided' },
  NO_FOLLOW_UP_DECIDED: { id: 'Diputuskan tidak ditindaklanjuti', en: 'No follow-up decided' },
  TEAM_FORMED: { id: 'Tim penanganan dibentuk', en: 'Handling team formed' },
  REPORTER_INFORMED: { id: 'Informasi tindak lanjut dikirim', en: 'Follow-up information sent' },
  CLOSED: { id: 'Selesai', en: 'Closed' },
  APPEALED: { id: 'Banding diajukan', en: 'Appealed' },
  APPEAL_UPHELD: { id: 'Banding ditolak (jawaban dipertahankan)', en: 'Appeal reviewed: answer upheld' },
};

/**
 * A short name of each step, of the sections' response (step 3) and of the two targets: what a
 * deadline is about, where a line names it (`Tenggat langkah Konfirmasi aduan dimulai`). The
 * SOP's own, long names are `nameId`/`nameEn` of `SOP_STEPS`.
 */
export const CLOCK_LABELS: Readonly<Record<ClockId, Label>> = {
  REPORT: { id: 'Laporan masuk', en: 'Report received' },
  CONFIRM: { id: 'Konfirmasi aduan', en: 'Confirmation' },
  DISPOSE_AND_PROCESS: { id: 'Disposisi', en: 'Disposition' },
  SECTION_RESPONSE: { id: 'Tanggapan seksi', en: 'Section response' },
  ANALYZE: { id: 'Analisis aduan', en: 'Complaint analysis' },
  DECIDE_FOLLOW_UP: { id: 'Keputusan tindak lanjut', en: 'Follow-up decision' },
  FORM_TEAM: { id: 'SK tim penanganan', en: 'Team decree' },
  INFORM_REPORTER: { id: 'Informasi ke pelapor', en: 'Informing the complainant' },
  DELIVER_INFORMATION: { id: 'Penyampaian informasi', en: 'Delivery of the information' },
  REVIEW_APPEAL: { id: 'Peninjauan banding', en: 'Appeal review' },
  SOP_TARGET: { id: 'Target SOP 72 jam', en: 'SOP target 72 h' },
  STATUTORY_SETTLEMENT: { id: 'Batas 60 hari (Perpres 76/2013)', en: '60-day limit (Perpres 76/2013)' },
  LAPOR_VERIFICATION: { id: 'Verifikasi LAPOR! (3 hari kerja)', en: 'LAPOR! verification (3 working days)' },
  LAPOR_FOLLOW_UP: { id: 'Tindak lanjut LAPOR! (5 hari kerja)', en: 'LAPOR! follow-up (5 working days)' },
  DATA_ACCESS: { id: 'Permintaan akses data pribadi (3 × 24 jam)', en: 'Personal data access request (3 × 24 h)' },
};

export const CHANNEL_LABELS: Readonly<Record<OutboundChannel, Label>> = {
  WHATSAPP: { id: 'WhatsApp', en: 'WhatsApp' },
  SMS: { id: 'SMS', en: 'SMS' },
  PHONE: { id: 'Telepon', en: 'Phone' },
  WEB: { id: 'Formulir web', en: 'Web form' },
  INSTAGRAM: { id: 'Instagram', en: 'Instagram' },
  FACEBOOK: { id: 'Facebook Messenger', en: 'Facebook Messenger' },
  TELEGRAM: { id: 'Telegram', en: 'Telegram' },
  WALK_IN: { id: 'Datang langsung', en: 'In person' },
  REGIONAL_OFFICE: { id: 'Diteruskan kantor lain', en: 'Forwarded by another office' },
  EMAIL: { id: 'Surel', en: 'E-mail' },
  LAPOR: { id: 'SP4N-LAPOR!', en: 'SP4N-LAPOR!' },
};

export const DISMISSAL_REASON_LABELS: Readonly<Record<DismissalReason, Label>> = {
  SPAM: { id: 'Spam atau penyalahgunaan', en: 'Spam or abuse' },
  DUPLICATE: { id: 'Duplikat aduan lain', en: 'Duplicate of another complaint' },
  NOT_A_COMPLAINT: { id: 'Bukan aduan', en: 'Not a complaint' },
  NOT_OUR_AUTHORITY: { id: 'Bukan kewenangan kantor', en: 'Not this office’s authority' },
};

export const DISPOSITION_INSTRUCTION_LABELS: Readonly<Record<DispositionInstruction, Label>> = {
  TINDAK_LANJUTI: { id: 'Tindak lanjuti', en: 'Follow up' },
  PELAJARI_DAN_LAPORKAN: { id: 'Pelajari dan laporkan', en: 'Study and report' },
  KOORDINASIKAN: { id: 'Koordinasikan', en: 'Coordinate' },
  UNTUK_DIKETAHUI: { id: 'Untuk diketahui', en: 'For information' },
};

export const SUBSTANTIATION_LABELS: Readonly<Record<Substantiation, Label>> = {
  YES: { id: 'Terbukti', en: 'Substantiated' },
  PARTLY: { id: 'Terbukti sebagian', en: 'Partly substantiated' },
  NO: { id: 'Tidak terbukti', en: 'Not substantiated' },
};

export const SEVERITY_LABELS: Readonly<Record<Severity, Label>> = {
  LOW: { id: 'Rendah', en: 'Low' },
  MEDIUM: { id: 'Sedang', en: 'Medium' },
  HIGH: { id: 'Tinggi', en: 'High' },
};

export const FOLLOW_UP_DECISION_LABELS: Readonly<Record<FollowUpDecision, Label>> = {
  FOLLOW_UP: { id: 'Ditindaklanjuti', en: 'Follow up' },
  NO_FOLLOW_UP: { id: 'Tidak ditindaklanjuti', en: 'No follow-up' },
};

export const TEAM_MEMBER_ROLE_LABELS: Readonly<Record<TeamMemberRole, Label>> = {
  KETUA: { id: 'Ketua', en: 'Chair' },
  SEKRETARIS: { id: 'Sekretaris', en: 'Secretary' },
  ANGGOTA: { id: 'Anggota', en: 'Member' },
};

export const DELIVERY_METHOD_LABELS: Readonly<Record<DeliveryMethod, Label>> = {
  PROVIDER_RECEIPT: { id: 'Tanda terima penyedia layanan', en: 'Provider receipt' },
  PHONE_CALL: { id: 'Telepon petugas', en: 'Officer’s phone call' },
  IN_PERSON: { id: 'Disampaikan langsung', en: 'In person' },
  REPORTER_REPLY: { id: 'Balasan pelapor', en: 'Complainant’s reply' },
  LETTER: { id: 'Surat', en: 'Letter' },
  LAPOR_POSTED: { id: 'Diposting di LAPOR!', en: 'Posted on LAPOR!' },
};

export const COMPLAINT_OUTCOME_LABELS: Readonly<Record<ComplaintOutcome, Label>> = {
  DISMISSED: { id: 'Tidak diproses sebagai aduan', en: 'Not taken up as a complaint' },
  NO_FOLLOW_UP: { id: 'Tidak ditindaklanjuti', en: 'No follow-up' },
  FOLLOWED_UP: { id: 'Ditindaklanjuti oleh tim penanganan', en: 'Followed up by a handling team' },
};

/** What a message to the complainant was for: what a call task is about (docs/adr/0051). */
export const NOTIFICATION_PURPOSE_LABELS: Readonly<Record<NotificationPurpose, Label>> = {
  ACKNOWLEDGEMENT: { id: 'Tanda terima', en: 'Acknowledgement' },
  FOLLOW_UP_INFORMATION: { id: 'Informasi tindak lanjut', en: 'Follow-up information' },
  DISMISSAL_NOTICE: { id: 'Pemberitahuan penolakan', en: 'Dismissal notice' },
  STATUS_CONFIRMED: { id: 'Pesan status: aduan dikonfirmasi', en: 'Status message: complaint confirmed' },
  STATUS_DISPOSED: { id: 'Pesan status: aduan didisposisikan', en: 'Status message: complaint dispositioned' },
  STATUS_DECIDED: { id: 'Pesan status: tindak lanjut diputuskan', en: 'Status message: follow-up decided' },
  RATING_REQUEST: { id: 'Permintaan penilaian', en: 'Rating request' },
};

/** Why a complainant's contact was read (docs/adr/0029): officers' purposes, the system's, and none stated. */
export const CONTACT_PURPOSE_LABELS: Readonly<Record<string, Label>> = {
  CONFIRM: { id: 'Konfirmasi aduan (langkah 2)', en: 'Confirming the complaint (step 2)' },
  INFORM_REPORTER: { id: 'Penyampaian tindak lanjut (langkah 7)', en: 'Informing the complainant (step 7)' },
  DELIVERY_BY_PHONE: { id: 'Penyampaian melalui telepon (langkah 8)', en: 'Delivery by phone (step 8)' },
  BREAK_GLASS: { id: 'Akses darurat kepala kantor', en: "Head of office's break-glass access" },
  ACKNOWLEDGE: { id: 'Tanda terima aduan (sistem)', en: 'Acknowledgement (system)' },
  SEND_FOLLOW_UP: { id: 'Pengiriman informasi tindak lanjut (sistem)', en: 'Sending the follow-up information (system)' },
  SEND_DISMISSAL_NOTICE: { id: 'Pemberitahuan penolakan (sistem)', en: 'Dismissal notice (system)' },
  SEND_STATUS_MESSAGE: { id: 'Pesan status aduan (sistem)', en: 'Status message (system)' },
  SEND_RATING_REQUEST: { id: 'Permintaan penilaian (sistem)', en: 'Rating request (system)' },
  UNSTATED: { id: 'Tidak disebutkan', en: 'Not stated' },
};

/** The parts of a complainant's contact, as the processing record names what was disclosed. */
export const CONTACT_FIELD_LABELS: Readonly<Record<string, Label>> = {
  name: { id: 'nama', en: 'name' },
  phone: { id: 'telepon', en: 'phone' },
  email: { id: 'email', en: 'e-mail' },
  handle: { id: 'akun', en: 'handle' },
};
