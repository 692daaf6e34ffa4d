import type { MessageTemplate } from './channel.port';

/*
 * What the reporter reads, in Bahasa Indonesia. The template ids name the templates to be
 * approved at WhatsApp (used outside its 24 h session window); their placeholders take the
 * parameters below, in order.
 */

/** The acknowledgement of receipt: the tracking number the reporter follows the complaint by. */
export function acknowledgementMessage(trackingNumber: string): { text: string; template: MessageTemplate } {
  return {
    text:
      `Terima kasih, pengaduan Anda telah kami terima dengan nomor ${trackingNumber}. ` +
      'Simpan nomor ini untuk menanyakan perkembangan pengaduan Anda. Kami akan menyampaikan tindak lanjutnya melalui saluran ini.',
    template: { id: 'pengaduan_diterima', language: 'id', parameters: [trackingNumber] },
  };
}

/** The report-back: the follow-up information (Informasi Tindak Lanjut) as the officer wrote it. */
export function followUpInformationMessage(trackingNumber: string, information: string): { text: string; template: MessageTemplate } {
  return {
    text: `Informasi tindak lanjut pengaduan Anda nomor ${trackingNumber}:\n\n${information}`,
    template: { id: 'pengaduan_tindak_lanjut', language: 'id', parameters: [trackingNumber, information] },
  };
}
