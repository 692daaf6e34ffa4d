import { classificationLabel, isAbsent, severityLabel, substantiationLabel, textOf } from '../../vocabulary';
import { formatIndonesianDateTime } from '../../indonesian-date';
import { fields, type InputOf, type LayoutContext } from './layout-context';

/** Analisis Aduan (step 4): findings, whether the complaint is substantiated, its classification and severity, the recommendation. */
export function layoutComplaintAnalysis(ctx: LayoutContext, d: InputOf<'ANALISIS_ADUAN'>): void {
  const { w } = ctx;
  const classification = classificationLabel(d.classificationCode);
  const summary = isAbsent(d.summary) ? null : textOf(d.summary, 'summary');
  const findings = textOf(d.findings, 'findings');
  const substantiated = substantiationLabel(d.substantiated);
  const severity = severityLabel(d.severity);
  const recommendation = textOf(d.recommendation, 'recommendation');

  fields(w, [
    { label: 'Nomor Pelacakan', value: ctx.trackingNumber },
    { label: 'Tanggal analisis', value: formatIndonesianDateTime(ctx.issuedAt) },
  ]);
  if (summary !== null) {
    w.heading('Ringkasan Aduan');
    w.text(summary, { gapAfter: 4 });
  }
  w.heading('Hasil Analisis');
  w.text(findings, { gapAfter: 6 });
  w.heading('Penilaian');
  fields(w, [
    { label: 'Pembuktian', value: substantiated, valueFont: 'sans-bold' },
    { label: 'Klasifikasi', value: classification },
    { label: 'Tingkat keparahan', value: severity, valueFont: 'sans-bold' },
  ]);
  w.heading('Rekomendasi');
  w.text(recommendation, { gapAfter: 4 });
  ctx.sign();
}
