import type { ComplaintEventType } from './events';
import type { Role } from './roles';

/** Stable ids of the SOP's eight steps. */
export const SOP_STEP_IDS = [
  'REPORT',
  'CONFIRM',
  'DISPOSE_AND_PROCESS',
  'ANALYZE',
  'DECIDE_FOLLOW_UP',
  'FORM_TEAM',
  'INFORM_REPORTER',
  'DELIVER_INFORMATION',
] as const;

/** A step of the SOP (see {@link SOP_STEP_IDS}). */
export type SopStepId = (typeof SOP_STEP_IDS)[number];

/**
 * A step, the per-section sub-step of step 3, or the head of office's review of an appeal
 * (docs/adr/0053); everything {@link openStep} can name.
 */
export type StepId = SopStepId | 'SECTION_RESPONSE' | 'REVIEW_APPEAL';

/**
 * An event that opens or stops a step's clock. `where` narrows it to events whose `data` has
 * these field values (e.g. only the `NO_FOLLOW_UP` branch of `complaint.follow-up-decided`);
 * `unless` leaves out events whose `data` has one of these (the acknowledgement given up is not
 * step 8's information given up, docs/adr/0051).
 */
export interface ClockTrigger {
  readonly event: ComplaintEventType;
  readonly where?: { readonly [field: string]: string };
  readonly unless?: { readonly [field: string]: string };
}

/** Whether an event (its type, and its `data` as far as known) is one the trigger names. */
export function triggeredBy(trigger: ClockTrigger, event: { readonly type: string; readonly data?: unknown }): boolean {
  const data = (event.data ?? {}) as Readonly<Record<string, unknown>>;
  return (
    trigger.event === event.type &&
    Object.entries(trigger.where ?? {}).every(([field, value]) => data[field] === value) &&
    !Object.entries(trigger.unless ?? {}).some(([field, value]) => data[field] === value)
  );
}

/** One step (or sub-step) of the SOP as data. */
export interface SopStep {
  /** The step's number in the SOP table (the sub-step shares its parent's number). */
  readonly number: number;
  readonly id: StepId;
  /** Uraian Kegiatan, as in the SOP (cleaned from the scan). */
  readonly nameId: string;
  readonly nameEn: string;
  /** The swimlanes the step spans. */
  readonly roles: readonly Role[];
  /** The step's Output column; `null` where the SOP shows "—". */
  readonly outputId: string | null;
  readonly outputEn: string | null;
  /**
   * Mutu Baku (quality standard) time in hours, or `null` for an untimed step. Whether hours
   * are counted in calendar or working time is the office calendar's business (sla-monitor).
   */
  readonly deadlineHours: number | null;
  /** Events that start the step's clock (for untimed steps: that make the step due). */
  readonly opensOn: readonly ClockTrigger[];
  /** Events that stop it. */
  readonly closesOn: readonly ClockTrigger[];
  /** Who a breach escalates to (added: the SOP names none; the head above the acting role). `null` at the top. */
  readonly escalatesTo: Role | null;
}

/** The Mutu Baku time of every timed step: 12 hours. */
export const STEP_DEADLINE_HOURS = 12;

/** The whole SOP's target: six timed steps of 12 h, so answered within 72 h of confirmation. */
export const SOP_TARGET_HOURS = 72;

/** Perpres 76/2013: a complete complaint is to be settled within 60 days. */
export const STATUTORY_SETTLEMENT_DAYS = 60;

const outcomeReady: readonly ClockTrigger[] = [
  { event: 'complaint.team-formed' },
  { event: 'complaint.follow-up-decided', where: { decision: 'NO_FOLLOW_UP' } },
  { event: 'complaint.dismissed' },
  { event: 'complaint.appeal-reviewed', where: { decision: 'UPHOLD' } },
];

/**
 * Step 3's second part, as its own timed sub-step: each dispositioned section has 12 h to
 * respond; its clock is per section (`sectionCode` of the event) and a breach escalates to the
 * head of office who dispositioned it.
 */
export const SECTION_RESPONSE_STEP: SopStep = {
  number: 3,
  id: 'SECTION_RESPONSE',
  nameId: 'Diproses oleh seksi terkait dan dilanjutkan ke Admin Tikkim',
  nameEn: 'Processed by the section and passed back to Admin Tikkim',
  roles: ['SEKSI_TERKAIT'],
  outputId: null,
  outputEn: null,
  deadlineHours: STEP_DEADLINE_HOURS,
  opensOn: [{ event: 'complaint.disposed' }],
  closesOn: [{ event: 'complaint.section-responded' }],
  escalatesTo: 'KEPALA_KANTOR',
};

/**
 * The eight steps of the SOP, in order. "Each step's clock starts when the previous step's
 * output exists". Step 7 has no time of its own *(reading)*: step 8's 12 h run from the
 * outcome the reporter is told about (team decree, no-follow-up decision or dismissal) to
 * delivery and cover step 7, so that six 12 h clocks cover the whole 72 h.
 */
export const SOP_STEPS: readonly SopStep[] = [
  {
    number: 1,
    id: 'REPORT',
    nameId: 'Pengaduan dilaporkan melalui media sosial dan nomor telepon/SMS pengaduan',
    nameEn: 'Complaint reported via social media or the complaint phone/SMS number',
    roles: ['PELAPOR'],
    outputId: 'Laporan Aduan',
    outputEn: 'Complaint report',
    deadlineHours: null,
    opensOn: [],
    closesOn: [{ event: 'complaint.received' }],
    escalatesTo: null,
  },
  {
    number: 2,
    id: 'CONFIRM',
    nameId: 'Pengaduan diterima dan dikonfirmasi oleh Admin Tikkim',
    nameEn: 'Complaint received and confirmed by Admin Tikkim',
    roles: ['ADMIN_TIKKIM'],
    outputId: 'Laporan Terusan Aduan',
    outputEn: 'Forwarded complaint report',
    deadlineHours: STEP_DEADLINE_HOURS,
    opensOn: [{ event: 'complaint.received' }],
    closesOn: [{ event: 'complaint.confirmed' }, { event: 'complaint.dismissed' }],
    escalatesTo: 'KEPALA_SEKSI_TI',
  },
  {
    number: 3,
    id: 'DISPOSE_AND_PROCESS',
    nameId:
      'Pengaduan diterima dan didisposisi ke seksi terkait dan dilanjutkan ke Admin Tikkim setelah diproses oleh seksi terkait',
    nameEn:
      'Complaint received and dispositioned to the relevant section(s); back to Admin Tikkim once the section has processed it',
    roles: ['KEPALA_KANTOR', 'SEKSI_TERKAIT'],
    outputId: 'Lembar Disposisi',
    outputEn: 'Disposition sheet',
    deadlineHours: STEP_DEADLINE_HOURS,
    opensOn: [{ event: 'complaint.confirmed' }, { event: 'complaint.appeal-reviewed', where: { decision: 'REDISPOSE' } }],
    closesOn: [{ event: 'complaint.disposed' }],
    escalatesTo: null,
  },
  {
    number: 4,
    id: 'ANALYZE',
    nameId: 'Melakukan analisis aduan',
    nameEn: 'Complaint analysis',
    roles: ['ADMIN_TIKKIM'],
    outputId: 'Analisis Aduan',
    outputEn: 'Complaint analysis',
    deadlineHours: STEP_DEADLINE_HOURS,
    opensOn: [{ event: 'complaint.disposition-completed' }, { event: 'complaint.appeal-reviewed', where: { decision: 'REANALYZE' } }],
    closesOn: [{ event: 'complaint.analyzed' }],
    escalatesTo: 'KEPALA_SEKSI_TI',
  },
  {
    number: 5,
    id: 'DECIDE_FOLLOW_UP',
    nameId: 'Kepala Seksi Teknologi dan Informasi menentukan langkah tindak lanjut',
    nameEn: 'Head of the IT section decides the follow-up',
    roles: ['KEPALA_SEKSI_TI'],
    outputId: 'Keputusan Tindak Lanjut',
    outputEn: 'Follow-up decision',
    deadlineHours: STEP_DEADLINE_HOURS,
    opensOn: [{ event: 'complaint.analyzed' }],
    closesOn: [{ event: 'complaint.follow-up-decided' }],
    escalatesTo: 'KEPALA_KANTOR',
  },
  {
    number: 6,
    id: 'FORM_TEAM',
    nameId: 'Kepala Kantor membentuk Tim untuk menangani aduan',
    nameEn: 'Head of office forms a team to handle the complaint',
    roles: ['KEPALA_KANTOR'],
    outputId: 'SK Tim Penanganan Aduan',
    outputEn: 'Complaint-handling team decree',
    deadlineHours: STEP_DEADLINE_HOURS,
    opensOn: [{ event: 'complaint.follow-up-decided', where: { decision: 'FOLLOW_UP' } }],
    closesOn: [{ event: 'complaint.team-formed' }],
    escalatesTo: null,
  },
  {
    number: 7,
    id: 'INFORM_REPORTER',
    nameId: 'Menginformasikan tindak lanjut aduan kepada pelapor melalui sosial media/WhatsApp/telepon/SMS',
    nameEn: 'The follow-up is told to the reporter over social media / WhatsApp / phone / SMS',
    roles: ['ADMIN_TIKKIM'],
    outputId: null,
    outputEn: null,
    deadlineHours: null,
    opensOn: outcomeReady,
    closesOn: [{ event: 'complaint.reporter-informed' }],
    escalatesTo: null,
  },
  {
    number: 8,
    id: 'DELIVER_INFORMATION',
    nameId: 'Informasi tindak lanjut aduan disampaikan kembali kepada pelapor melalui saluran aduan agar diterima pelapor',
    nameEn: 'The follow-up information reaches the reporter over the channel the complaint came in',
    roles: ['ADMIN_TIKKIM', 'PELAPOR'],
    outputId: 'Informasi Tindak Lanjut',
    outputEn: 'Follow-up information',
    deadlineHours: STEP_DEADLINE_HOURS,
    opensOn: outcomeReady,
    closesOn: [{ event: 'complaint.information-delivered' }, { event: 'complaint.delivery-abandoned', unless: { purpose: 'ACKNOWLEDGEMENT' } }],
    escalatesTo: 'KEPALA_SEKSI_TI',
  },
];

/**
 * Added to the SOP (docs/adr/0053): after closing, the reporter may appeal the answer; the head of
 * office reviews the appeal within the SOP's 12 h and sends the complaint back to step 3 or 4, or
 * upholds the answer (told to the reporter again in steps 7-8). Numbered after step 8.
 */
export const REVIEW_APPEAL_STEP: SopStep = {
  number: 9,
  id: 'REVIEW_APPEAL',
  nameId: 'Banding pelapor ditinjau oleh Kepala Kantor',
  nameEn: "The reporter's appeal is reviewed by the head of office",
  roles: ['KEPALA_KANTOR'],
  outputId: 'Keputusan Banding',
  outputEn: 'Appeal decision',
  deadlineHours: STEP_DEADLINE_HOURS,
  opensOn: [{ event: 'complaint.appealed' }],
  closesOn: [{ event: 'complaint.appeal-reviewed' }],
  escalatesTo: null,
};

/** The step (or the `SECTION_RESPONSE` sub-step, or the appeal's review) with this id. */
export function getStep(id: StepId): SopStep {
  if (id === 'SECTION_RESPONSE') return SECTION_RESPONSE_STEP;
  if (id === 'REVIEW_APPEAL') return REVIEW_APPEAL_STEP;
  const step = SOP_STEPS.find((s) => s.id === id);
  if (!step) throw new Error(`Unknown SOP step id: ${String(id)}`);
  return step;
}
