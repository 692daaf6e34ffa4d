import { ROLE_LABELS } from '@pengaduan/sop';
import { derivedDocumentNumberOrNull } from '../../document-number';
import { DocumentError } from '../../errors';
import { formatIndonesianDateOnly } from '../../indonesian-date';
import { isAbsent, listOf, requiredText, teamRoleLabel, textOf } from '../../vocabulary';
import type { InputOf, LayoutContext } from './layout-context';

const DICTA = ['KESATU', 'KEDUA', 'KETIGA', 'KEEMPAT'] as const;
const caps = (s: string) => s.toLocaleUpperCase('id-ID');

/** A list item of a decree ends with `;`, the last with `.`, unless the text already ends in punctuation. */
function listItem(text: string, last: boolean): string {
  const t = text.trim();
  return /[.;:,]$/.test(t) ? t : `${t}${last ? '.' : ';'}`;
}

/**
 * Surat Keputusan Tim Penanganan Aduan (step 6) in the form of a head of office's decree:
 * KEPUTUSAN KEPALA … NOMOR … TENTANG …, Menimbang, Mengingat (the office's legal basis),
 * MEMUTUSKAN with the dicta KESATU-KEEMPAT, "Ditetapkan di … pada tanggal …", the signature, and
 * the annex with the team's members.
 */
export function layoutTeamDecree(ctx: LayoutContext, d: InputOf<'SK_TIM_PENANGANAN_ADUAN'>): void {
  const { w, office } = ctx;
  const decreeDate = formatIndonesianDateOnly(d.decreeDate, 'decreeDate');
  const from = formatIndonesianDateOnly(d.periodStartDate, 'periodStartDate');
  const to = formatIndonesianDateOnly(d.periodEndDate, 'periodEndDate');
  if (d.periodEndDate < d.periodStartDate) {
    throw new DocumentError('DOCUMENT.INVALID_INPUT', `periodEndDate ${d.periodEndDate} is before periodStartDate ${d.periodStartDate}`, 'periodEndDate');
  }
  const mandate = requiredText(d.mandate, 'mandate');
  const summary = (isAbsent(d.summary) ? '' : textOf(d.summary, 'summary').trim()) || null;
  const members = listOf<InputOf<'SK_TIM_PENANGANAN_ADUAN'>['members'][number]>(d.members, 'members', { nonEmpty: true }).map((m, i) => ({
    name: requiredText(m?.name, `members[${i}].name`),
    nip: requiredText(m.nip, `members[${i}].nip`),
    position: requiredText(m.position, `members[${i}].position`),
    role: teamRoleLabel(m.teamRole, `members[${i}].teamRole`),
  }));
  const head = `Kepala ${office.name}`;
  const decisionNumber = derivedDocumentNumberOrNull('KEPUTUSAN_TINDAK_LANJUT', ctx.trackingNumber);
  const team = ROLE_LABELS.TIM_PENANGANAN.id;

  w.text(`KEPUTUSAN ${caps(head)}`, { font: 'sans-bold', size: 11, align: 'center' });
  w.text(`NOMOR ${ctx.number}`, { font: 'sans-bold', size: 11, align: 'center', gapAfter: 6 });
  w.text('TENTANG', { font: 'sans-bold', size: 11, align: 'center' });
  w.text(`PEMBENTUKAN ${caps(team)}`, { font: 'sans-bold', size: 11, align: 'center', gapAfter: 10 });
  w.text(`${caps(head)},`, { font: 'sans-bold', size: 11, align: 'center', gapAfter: 10 });

  const lists = { labelWidth: 80, separator: ':', rowGap: 2, gapAfter: 8 };
  w.labelledBlock(
    'Menimbang',
    [
      {
        label: 'a.',
        value:
          `bahwa untuk menindaklanjuti aduan masyarakat dengan nomor pelacakan ${ctx.trackingNumber}` +
          (summary !== null ? ` perihal ${summary.replace(/[.;\s]+$/, '')}` : '') +
          (decisionNumber !== null ? `, sesuai Keputusan Tindak Lanjut Nomor ${decisionNumber},` : ',') +
          ` perlu dibentuk ${team};`,
      },
      { label: 'b.', value: `bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan ${head} tentang Pembentukan ${team};` },
    ],
    { ...lists, itemLabelWidth: 18 },
  );
  w.labelledBlock(
    'Mengingat',
    office.legalBasis.map((basis, i, all) => ({ label: `${i + 1}.`, value: listItem(basis, i === all.length - 1) })),
    { ...lists, itemLabelWidth: 18 },
  );
  w.space(4);
  w.text('MEMUTUSKAN:', { font: 'sans-bold', size: 11, align: 'center', gapAfter: 8 });
  w.labelled(
    [
      { label: 'Menetapkan', value: `KEPUTUSAN ${caps(head)} TENTANG PEMBENTUKAN ${caps(team)}.`, valueFont: 'sans-bold' },
      {
        label: DICTA[0],
        value: `Membentuk ${team} atas aduan masyarakat dengan nomor pelacakan ${ctx.trackingNumber}, dengan susunan keanggotaan sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.`,
      },
      { label: DICTA[1], value: `${team} sebagaimana dimaksud dalam Diktum KESATU bertugas: ${listItem(mandate, true)}` },
      { label: DICTA[2], value: `${team} melaksanakan tugas sejak tanggal ${from} sampai dengan tanggal ${to}.` },
      { label: DICTA[3], value: 'Keputusan ini mulai berlaku pada tanggal ditetapkan.' },
    ],
    { labelWidth: 80, separator: ':', rowGap: 4, gapAfter: 4 },
  );
  const signature = { before: [`Ditetapkan di ${office.city || office.name}`, `pada tanggal ${decreeDate}`], position: (p: string) => `${caps(p)},`, defaultPosition: head };
  ctx.sign(signature);

  // The annex: the team's members.
  w.newPage();
  const annexX = w.left + w.width * 0.5;
  for (const line of ['LAMPIRAN', `KEPUTUSAN ${caps(head)}`, `NOMOR ${ctx.number}`, `TANGGAL ${caps(decreeDate)}`]) w.text(line, { size: 9 }, { x: annexX, width: w.width * 0.5 });
  w.space(14);
  w.text(`SUSUNAN KEANGGOTAAN ${caps(team)}`, { font: 'sans-bold', size: 11, align: 'center' });
  w.text(`ADUAN NOMOR PELACAKAN ${ctx.trackingNumber}`, { font: 'sans-bold', size: 11, align: 'center', gapAfter: 10 });
  w.table(
    [
      { header: 'No', share: 0.06, align: 'center' },
      { header: 'Nama', share: 0.25 },
      { header: 'NIP', share: 0.25 },
      { header: 'Jabatan', share: 0.26 },
      { header: 'Kedudukan dalam Tim', share: 0.18 },
    ],
    members.map((m, i) => [String(i + 1), m.name, m.nip, m.position, m.role]),
    { size: 9, gapAfter: 4 },
  );
  ctx.sign(signature);
}
