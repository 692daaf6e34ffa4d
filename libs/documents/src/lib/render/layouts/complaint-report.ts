import { ROLE_LABELS } from '@pengaduan/sop';
import { DocumentError } from '../../errors';
import { formatIndonesianDateTime } from '../../indonesian-date';
import { booleanOf, channelLabel, listOf, textOf, validDate } from '../../vocabulary';
import { fields, natureOf, reporterOf, type InputOf, type LayoutContext } from './layout-context';

/** Laporan Aduan (step 1): the complaint as it came in, the reporter's messages in order, no identity. */
export function layoutComplaintReport(ctx: LayoutContext, d: InputOf<'LAPORAN_ADUAN'>): void {
  const { w } = ctx;
  const channel = channelLabel(d.channel);
  const receivedAt = validDate(d.receivedAt, 'receivedAt');
  const anonymous = booleanOf(d.anonymous, 'anonymous');
  const confidential = booleanOf(d.confidential, 'confidential');
  const messages = listOf<InputOf<'LAPORAN_ADUAN'>['messages'][number]>(d.messages, 'messages')
    .map((m, i) => {
      const field = `messages[${i}]`;
      const attachments = m?.attachmentCount;
      if (!Number.isInteger(attachments) || attachments < 0) {
        throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field}.attachmentCount must be a whole number ≥ 0`, `${field}.attachmentCount`);
      }
      return { at: validDate(m.receivedAt, `${field}.receivedAt`), text: textOf(m.text, `${field}.text`), attachments, i };
    })
    // In the order received; messages received at the same time keep the caller's order.
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i);
  const attachments = messages.reduce((n, m) => n + m.attachments, 0);

  w.text(`Telah diterima aduan masyarakat melalui ${channel} dengan rincian sebagai berikut:`, { gapAfter: 6 });
  fields(w, [
    { label: 'Nomor Pelacakan', value: ctx.trackingNumber },
    { label: 'Diterima melalui', value: channel },
    { label: 'Tanggal diterima', value: formatIndonesianDateTime(receivedAt) },
    { label: 'Sifat', value: natureOf(anonymous, confidential) },
    { label: 'Pelapor', value: reporterOf(anonymous) },
    { label: 'Jumlah pesan', value: `${messages.length} pesan${attachments > 0 ? `, ${attachments} lampiran` : ''}` },
  ]);
  w.heading('Isi Aduan');
  if (messages.length === 0) w.text('(tidak ada pesan)');
  messages.forEach((m, n) => {
    const meta = [`Pesan ${n + 1}`, formatIndonesianDateTime(m.at), m.attachments > 0 ? `${m.attachments} lampiran` : null].filter(Boolean).join(' — ');
    w.keep(w.lineHeight() * 3);
    w.text(meta, { font: 'sans-bold', size: 9, gapAfter: 1 });
    w.text(m.text.trim() === '' ? '(tanpa teks)' : m.text, { gapAfter: 7 });
  });
  w.text(`Lampiran pesan disimpan dalam sistem pengaduan dan dapat diperiksa oleh ${ROLE_LABELS.ADMIN_TIKKIM.id}.`, { size: 9 });
  ctx.sign();
}
