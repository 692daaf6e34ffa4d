import { ROLE_LABELS } from '@pengaduan/sop';
import { formatIndonesianDateTime } from '../../indonesian-date';
import { booleanOf, channelLabel, classificationLabel, textOf, validDate } from '../../vocabulary';
import { fields, natureOf, reporterOf, type InputOf, type LayoutContext } from './layout-context';

/** Laporan Terusan Aduan (step 2): the confirmed complaint, forwarded to the head of office for disposition. */
export function layoutForwardedComplaintReport(ctx: LayoutContext, d: InputOf<'LAPORAN_TERUSAN_ADUAN'>): void {
  const { w } = ctx;
  const channel = channelLabel(d.channel);
  const receivedAt = validDate(d.receivedAt, 'receivedAt');
  const classification = classificationLabel(d.classificationCode);
  const summary = textOf(d.summary, 'summary');
  const anonymous = booleanOf(d.anonymous, 'anonymous');
  const confidential = booleanOf(d.confidential, 'confidential');

  w.text(
    `Aduan masyarakat berikut telah diterima dan dikonfirmasi oleh ${ROLE_LABELS.ADMIN_TIKKIM.id}, dan diteruskan kepada ${ROLE_LABELS.KEPALA_KANTOR.id} untuk didisposisikan kepada seksi terkait.`,
    { gapAfter: 6 },
  );
  fields(w, [
    { label: 'Nomor Pelacakan', value: ctx.trackingNumber },
    { label: 'Diterima melalui', value: channel },
    { label: 'Tanggal diterima', value: formatIndonesianDateTime(receivedAt) },
    { label: 'Tanggal dikonfirmasi', value: formatIndonesianDateTime(ctx.issuedAt) },
    { label: 'Klasifikasi', value: classification },
    { label: 'Sifat', value: natureOf(anonymous, confidential) },
    { label: 'Pelapor', value: reporterOf(anonymous) },
    { label: 'Diteruskan kepada', value: ROLE_LABELS.KEPALA_KANTOR.id },
  ]);
  w.heading('Ringkasan Aduan');
  w.text(summary, { gapAfter: 4 });
  ctx.sign();
}
