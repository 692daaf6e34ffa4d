import { formatIndonesianDateTime } from '../../indonesian-date';
import { channelLabel, isAbsent, outcomeLabel, textOf } from '../../vocabulary';
import { fields, type InputOf, type LayoutContext } from './layout-context';

/** Informasi Tindak Lanjut (steps 7-8): the text as sent to the reporter, over which channel, with the outcome. */
export function layoutFollowUpInformation(ctx: LayoutContext, d: InputOf<'INFORMASI_TINDAK_LANJUT'>): void {
  const { w } = ctx;
  const channel = channelLabel(d.channel);
  const text = textOf(d.text, 'text');
  const outcome = isAbsent(d.outcome) ? null : outcomeLabel(d.outcome);

  w.text(`Informasi tindak lanjut atas aduan masyarakat berikut disampaikan kepada pelapor melalui ${channel}.`, { gapAfter: 6 });
  fields(w, [
    { label: 'Nomor Pelacakan', value: ctx.trackingNumber },
    { label: 'Disampaikan melalui', value: channel },
    { label: 'Tanggal disampaikan', value: formatIndonesianDateTime(ctx.issuedAt) },
    outcome !== null && { label: 'Hasil penanganan', value: outcome, valueFont: 'sans-bold' },
  ]);
  w.heading('Isi informasi (sebagaimana dikirim kepada pelapor)');
  w.text(text, { gapAfter: 4 });
  ctx.sign();
}
