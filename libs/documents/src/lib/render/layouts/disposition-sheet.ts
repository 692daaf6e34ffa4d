import { DISPOSITION_INSTRUCTIONS, DISPOSITION_INSTRUCTION_LABELS, ROLE_LABELS } from '@pengaduan/sop';
import { formatIndonesianDateTime } from '../../indonesian-date';
import { classificationLabel, instructionLabel, isAbsent, listOf, requiredText, textOf, validDate } from '../../vocabulary';
import { fields, type InputOf, type LayoutContext } from './layout-context';

const CHECKED = '☑';
const UNCHECKED = '☐';

/** Lembar Disposisi (step 3): the sections the head of office dispositions to, each with the standard instructions ticked. */
export function layoutDispositionSheet(ctx: LayoutContext, d: InputOf<'LEMBAR_DISPOSISI'>): void {
  const { w } = ctx;
  const receivedAt = validDate(d.receivedAt, 'receivedAt');
  const classification = isAbsent(d.classificationCode) ? null : classificationLabel(d.classificationCode);
  const summary = isAbsent(d.summary) ? null : textOf(d.summary, 'summary');
  const note = isAbsent(d.note) ? null : textOf(d.note, 'note');
  const sections = listOf<InputOf<'LEMBAR_DISPOSISI'>['sections'][number]>(d.sections, 'sections', { nonEmpty: true }).map((s, i) => {
    const field = `sections[${i}]`;
    const given = listOf<string>(s?.instructions, `${field}.instructions`, { nonEmpty: true });
    given.forEach((v, j) => instructionLabel(v, `${field}.instructions[${j}]`)); // every one is a standard instruction
    const chosen = new Set(given);
    return {
      name: requiredText(s.name, `${field}.name`),
      instructions: DISPOSITION_INSTRUCTIONS.map((k) => `${chosen.has(k) ? CHECKED : UNCHECKED} ${DISPOSITION_INSTRUCTION_LABELS[k].id}`).join('\n'),
      note: (isAbsent(s.note) ? '' : textOf(s.note, `${field}.note`).trim()) || '—',
    };
  });

  fields(w, [
    { label: 'Nomor Pelacakan', value: ctx.trackingNumber },
    { label: 'Tanggal diterima', value: formatIndonesianDateTime(receivedAt) },
    { label: 'Tanggal disposisi', value: formatIndonesianDateTime(ctx.issuedAt) },
    classification !== null && { label: 'Klasifikasi', value: classification },
    { label: 'Dari', value: ROLE_LABELS.KEPALA_KANTOR.id },
  ]);
  if (summary !== null) {
    w.heading('Ringkasan Aduan');
    w.text(summary, { gapAfter: 4 });
  }
  w.heading('Disposisi kepada Seksi');
  w.table(
    [
      { header: 'No', share: 0.07, align: 'center' },
      { header: 'Diteruskan kepada', share: 0.29 },
      { header: 'Instruksi', share: 0.3 },
      { header: 'Catatan', share: 0.34 },
    ],
    sections.map((s, i) => [String(i + 1), s.name, s.instructions, s.note]),
    { gapAfter: 8 },
  );
  if (note !== null && note.trim() !== '') {
    w.heading(`Catatan ${ROLE_LABELS.KEPALA_KANTOR.id}`);
    w.text(note, { gapAfter: 4 });
  }
  w.text(`Diteruskan kepada ${ROLE_LABELS.ADMIN_TIKKIM.id} setelah diproses seksi.`, { font: 'sans-bold', size: 9 });
  ctx.sign();
}
