import { ROLE_LABELS } from '@pengaduan/sop';
import { derivedDocumentNumberOrNull } from '../../document-number';
import { formatIndonesianDateTime } from '../../indonesian-date';
import { decisionLabel, isAbsent, textOf } from '../../vocabulary';
import { fields, type InputOf, type LayoutContext } from './layout-context';

/** Keputusan Tindak Lanjut (step 5): follow up or not, and why; and what the SOP does next. */
export function layoutFollowUpDecision(ctx: LayoutContext, d: InputOf<'KEPUTUSAN_TINDAK_LANJUT'>): void {
  const { w } = ctx;
  const decision = decisionLabel(d.decision);
  const reason = textOf(d.reason, 'reason');
  const summary = isAbsent(d.summary) ? null : textOf(d.summary, 'summary');

  const analysisNumber = derivedDocumentNumberOrNull('ANALISIS_ADUAN', ctx.trackingNumber);
  fields(w, [
    { label: 'Nomor Pelacakan', value: ctx.trackingNumber },
    { label: 'Tanggal keputusan', value: formatIndonesianDateTime(ctx.issuedAt) },
    analysisNumber !== null && { label: 'Dasar', value: `Analisis Aduan Nomor ${analysisNumber}` },
  ]);
  if (summary !== null) {
    w.heading('Ringkasan Aduan');
    w.text(summary, { gapAfter: 4 });
  }
  w.heading('Keputusan');
  w.text(`Berdasarkan hasil Analisis Aduan, ${ROLE_LABELS.KEPALA_SEKSI_TI.id} memutuskan bahwa aduan ini:`, { gapAfter: 3 });
  w.text(decision, { font: 'sans-bold', size: 12, align: 'center', gapAfter: 6 });
  w.heading('Alasan');
  w.text(reason, { gapAfter: 6 });
  w.heading('Langkah selanjutnya');
  w.text(
    d.decision === 'FOLLOW_UP'
      ? `${ROLE_LABELS.KEPALA_KANTOR.id} membentuk ${ROLE_LABELS.TIM_PENANGANAN.id} dengan surat keputusan; setelah itu ${ROLE_LABELS.ADMIN_TIKKIM.id} menyampaikan informasi tindak lanjut kepada pelapor.`
      : `${ROLE_LABELS.ADMIN_TIKKIM.id} menyampaikan kepada pelapor bahwa aduan tidak ditindaklanjuti, beserta alasannya, melalui kanal aduan masuk.`,
    { gapAfter: 4 },
  );
  ctx.sign();
}
