import { DISMISSAL_REASON_LABELS, renderMessageTemplate, type DismissalReason, type MessagePlaceholder, type MessageTemplateKind, type MessageTemplateVariant, type MessageValues, type NotificationPurpose } from '@pengaduan/sop';
import type { MessageTemplate } from './channel.port';

/*
 * What the reporter reads, in Bahasa Indonesia: the built-in texts, with the placeholders of
 * libs/sop's MESSAGE_TEMPLATE_KINDS, rendered by the one renderer (`renderMessageTemplate`) that
 * renders an office's own texts too (docs/adr/0050). The template ids name the templates approved
 * at WhatsApp (used outside its 24 h session window); an office's text never changes them: their
 * placeholders take the parameters below, in order.
 */

const RECEIVED = 'Terima kasih, pengaduan Anda telah kami terima dengan nomor {nomor}. Simpan nomor ini untuk menanyakan perkembangan pengaduan Anda.';
const FOLLOW_UP_LATER = 'Kami akan menyampaikan tindak lanjutnya melalui saluran ini.';
const INFORMATION = 'Informasi tindak lanjut pengaduan Anda nomor {nomor}:\n\n{informasi}';

/** The built-in text of each purpose and variant, the same on every channel. */
const BUILT_IN: Readonly<Partial<Record<`${NotificationPurpose}:${MessageTemplateVariant}`, string>>> = {
  /** The acknowledgement of receipt: the tracking number the reporter follows the complaint by. */
  'ACKNOWLEDGEMENT:STANDARD': `${RECEIVED} ${FOLLOW_UP_LATER}`,
  /** …and for a reporter who gave neither phone nor e-mail, the tracking PIN that proves it is theirs on the public tracking page (ADR 0041). */
  'ACKNOWLEDGEMENT:TRACKING_PIN':
    `${RECEIVED} PIN pelacakan Anda: {pin}. Lacak pengaduan Anda di halaman Lacak Aduan dengan nomor dan PIN ini; ` + `jangan berikan PIN ini kepada siapa pun. ${FOLLOW_UP_LATER}`,
  /** The report-back: the follow-up information (Informasi Tindak Lanjut) as the officer wrote it. */
  'FOLLOW_UP_INFORMATION:STANDARD': INFORMATION,
  /** The notice that a message was dismissed: what the officer wrote about it. */
  'DISMISSAL_NOTICE:STANDARD': INFORMATION,
  /** The status messages (docs/adr/0054): where the complaint is, by its number alone. */
  'STATUS_CONFIRMED:STANDARD': 'Pengaduan Anda nomor {nomor} telah diverifikasi dan diteruskan untuk ditangani. Kami akan mengabarkan perkembangannya melalui saluran ini.',
  'STATUS_DISPOSED:STANDARD': 'Pengaduan Anda nomor {nomor} telah didisposisikan oleh Kepala Kantor kepada seksi terkait dan sedang diproses.',
  'STATUS_DECIDED:STANDARD': 'Tindak lanjut pengaduan Anda nomor {nomor} telah diputuskan. Informasi tindak lanjutnya akan kami sampaikan melalui saluran ini.',
  /** The rating request after a closing (docs/adr/0053): a reply of one digit is the rating. */
  'RATING_REQUEST:STANDARD':
    'Pengaduan Anda nomor {nomor} telah selesai ditangani. Mohon beri penilaian atas penanganannya dengan membalas pesan ini dengan satu angka, 1 (sangat tidak puas) sampai 5 (sangat puas), atau melalui halaman Lacak Aduan. Bila tidak puas, Anda dapat mengajukan banding di halaman Lacak Aduan.',
};

/** The approved WhatsApp template of each purpose and variant, with the placeholders its parameters take, in order. */
const WHATSAPP_TEMPLATES: Readonly<Partial<Record<`${NotificationPurpose}:${MessageTemplateVariant}`, { id: string; parameters: readonly MessagePlaceholder[] }>>> = {
  'ACKNOWLEDGEMENT:STANDARD': { id: 'pengaduan_diterima', parameters: ['nomor'] },
  'ACKNOWLEDGEMENT:TRACKING_PIN': { id: 'pengaduan_diterima_pin', parameters: ['nomor', 'pin'] },
  'FOLLOW_UP_INFORMATION:STANDARD': { id: 'pengaduan_tindak_lanjut', parameters: ['nomor', 'informasi'] },
  'DISMISSAL_NOTICE:STANDARD': { id: 'pengaduan_tindak_lanjut', parameters: ['nomor', 'informasi'] },
  'STATUS_CONFIRMED:STANDARD': { id: 'pengaduan_status_diverifikasi', parameters: ['nomor'] },
  'STATUS_DISPOSED:STANDARD': { id: 'pengaduan_status_didisposisikan', parameters: ['nomor'] },
  'STATUS_DECIDED:STANDARD': { id: 'pengaduan_status_diputuskan', parameters: ['nomor'] },
  'RATING_REQUEST:STANDARD': { id: 'pengaduan_permintaan_penilaian', parameters: ['nomor'] },
};

function known<T>(table: Readonly<Partial<Record<string, T>>>, kind: Pick<MessageTemplateKind, 'purpose' | 'variant'>): T {
  const value = table[`${kind.purpose}:${kind.variant}`];
  if (value === undefined) throw new Error(`no message ${kind.purpose} in variant ${kind.variant}`);
  return value;
}

/** The built-in text of a purpose and variant, with its placeholders. */
export function builtInBody(kind: Pick<MessageTemplateKind, 'purpose' | 'variant'>): string {
  return known(BUILT_IN, kind);
}

/**
 * A message as a provider needs it: the text (the office's, when it worded one, else the
 * built-in one) rendered with `values`, and the approved template with its parameters.
 */
export function composeMessage(kind: Pick<MessageTemplateKind, 'purpose' | 'variant'>, values: MessageValues, officeBody?: string): { text: string; template: MessageTemplate } {
  const template = known(WHATSAPP_TEMPLATES, kind);
  return {
    text: renderMessageTemplate(officeBody ?? builtInBody(kind), values),
    template: { id: template.id, language: 'id', parameters: template.parameters.map((p) => values[p] ?? '') },
  };
}

/**
 * The acknowledgement of receipt; with the tracking PIN for a reporter who gave neither phone nor
 * e-mail (ADR 0041).
 */
export function acknowledgementMessage(trackingNumber: string, trackingPin?: string, officeBody?: string): { text: string; template: MessageTemplate } {
  return trackingPin === undefined
    ? composeMessage({ purpose: 'ACKNOWLEDGEMENT', variant: 'STANDARD' }, { nomor: trackingNumber }, officeBody)
    : composeMessage({ purpose: 'ACKNOWLEDGEMENT', variant: 'TRACKING_PIN' }, { nomor: trackingNumber, pin: trackingPin }, officeBody);
}

/** The reason a message was dismissed as `{alasan}` reads it. */
export function dismissalReasonText(reason: DismissalReason | null | undefined): string | undefined {
  return reason ? DISMISSAL_REASON_LABELS[reason].id : undefined;
}
