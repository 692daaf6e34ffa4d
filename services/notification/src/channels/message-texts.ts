import type { MessageTemplate } from './channel.port';

/*
 * What the reporter reads, in Bahasa Indonesia. The template ids name the templates to be
 * approved at WhatsApp (used outside its 24 h session window); their placeholders take the
 * parameters below, in order.
 */

/**
 * The acknowledgement of receipt: the tracking number the reporter follows the complaint by, and
 * for a reporter who gave neither phone nor e-mail, the tracking PIN that proves it is theirs on
 * the public tracking page (ADR 0041).
 */
export function acknowledgementMessage(trackingNumber: string, trackingPin?: string): { text: string; template: MessageTemplate } {
  const received = `Terima kasih, pengaduan Anda telah kami terima dengan nomor ${trackingNumber}. Simpan nomor ini untuk menanyakan perkembangan pengaduan Anda.`;
  const followUp = 'Kami akan menyampaikan tindak lanjutnya melalui saluran ini.';
  if (trackingPin === undefined) {
    return { text: `${received} ${followUp}`, template: { id: 'pengaduan_diterima', language: 'id', parameters: [trackingNumber] } };
  }
  return {
    text:
      `${received} PIN pelacakan Anda: ${trackingPin}. Lacak pengaduan Anda di halaman Lacak Aduan dengan nomor dan PIN ini; ` +
      `jangan berikan PIN ini kepada siapa pun. ${followUp}`,
    template: { id: 'pengaduan_diterima_pin', language: 'id', parameters: [trackingNumber, trackingPin] },
  };
}

/** The report-back: the follow-up information (Informasi Tindak Lanjut) as the officer wrote it. */
export function followUpInformationMessage(trackingNumber: string, information: string): { text: string; template: MessageTemplate } {
  return {
    text: `Informasi tindak lanjut pengaduan Anda nomor ${trackingNumber}:\n\n${information}`,
    template: { id: 'pengaduan_tindak_lanjut', language: 'id', parameters: [trackingNumber, information] },
  };
}
