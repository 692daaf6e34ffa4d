import { readPdf } from '@pengaduan/testing';
import { createHash } from 'node:crypto';
import { INPUTS, KEPALA, TRACKING } from '../__fixtures__/inputs';
import { DOCUMENT_KINDS, DOCUMENT_TITLES, isDocumentKind, type DocumentInput, type DocumentKind } from '../document-types';
import { OfficeDirectory } from '../offices/office-directory';
import { renderDocument } from './render-document';

const LONG_TEXT = 'Sudah tiga kali saya datang ke loket 2 dan berkas saya dikembalikan tanpa penjelasan yang jelas. '.repeat(320); // ~30 000 characters

async function textOf(input: DocumentInput) {
  const doc = await renderDocument(input);
  return { doc, pdf: readPdf(doc.bytes) };
}

/** Values of the input that must never be printed as they are: codes are printed by their labels, dates in Indonesian. */
function rawValues(input: DocumentInput): string[] {
  const out: string[] = [];
  const printedAsGiven = new Set(['text', 'summary', 'findings', 'recommendation', 'reason', 'mandate', 'note', 'name', 'nip', 'position', 'number', 'trackingNumber', 'office', 'signatory', 'signatoryPosition']);
  const walk = (v: unknown, key: string) => {
    if (printedAsGiven.has(key)) return;
    if (v instanceof Date) out.push(v.toISOString(), v.toISOString().slice(0, 16));
    else if (typeof v === 'boolean') out.push(String(v));
    else if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
  };
  walk(input, '');
  // A classification code is printed with its name ('02 – Pelayanan masyarakat'); a few labels equal their code.
  return out.filter((v) => !/^\d{2}$/.test(v) && !['SMS'].includes(v));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('renderDocument: the SOP outputs as PDFs', () => {
  it('renders the same input to the same bytes, and its sha256 is the SHA-256 of those bytes', async () => {
    for (const kind of DOCUMENT_KINDS) {
      const [a, b] = [await renderDocument(INPUTS[kind]), await renderDocument(structuredClone(INPUTS[kind]))];
      expect(a.bytes.equals(b.bytes)).toBe(true);
      expect(a.sha256).toBe(b.sha256);
      expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(a.sha256).toBe(createHash('sha256').update(a.bytes).digest('hex'));
    }
  });

  it('renders to the bytes a fresh process in another time zone renders, whatever this process rendered before', async () => {
    // Texts that leave traces in fonts shared between documents: a ligature typed as one
    // character (U+FB01, the glyph "Klasifikasi" is drawn with), a lone accent (a component of
    // composite glyphs), a variation selector, a decomposed letter.
    await renderDocument({ ...INPUTS.LAPORAN_ADUAN, messages: [{ receivedAt: INPUTS.LAPORAN_ADUAN.receivedAt, text: 'ﬁle ﬂ ﬀ ´ ¨ ˆ ☺\uFE0E ✓\uFE0F e\u0301 A\u030A ﬁ', attachmentCount: 0 }] });
    const here: string[] = [];
    for (const kind of DOCUMENT_KINDS) here.push((await renderDocument(INPUTS[kind])).sha256);

    const tz = process.env['TZ'];
    process.env['TZ'] = 'America/Los_Angeles';
    try {
      // A fresh module registry: pdfkit and the lib loaded anew, the fonts parsed anew, as in another process.
      let fresh: typeof renderDocument = renderDocument;
      jest.isolateModules(() => {
        fresh = jest.requireActual<{ renderDocument: typeof renderDocument }>('./render-document').renderDocument;
      });
      expect(fresh).not.toBe(renderDocument);
      const there: string[] = [];
      for (const kind of DOCUMENT_KINDS) there.push((await fresh(INPUTS[kind])).sha256);
      expect(there).toEqual(here);
    } finally {
      if (tz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = tz;
    }
  });

  it('renders concurrently to the same bytes as one at a time (the parsed fonts are shared)', async () => {
    const oneByOne: string[] = [];
    for (const kind of DOCUMENT_KINDS) oneByOne.push((await renderDocument(INPUTS[kind])).sha256);
    const together = await Promise.all([...DOCUMENT_KINDS, ...DOCUMENT_KINDS].map((kind) => renderDocument(INPUTS[kind])));
    expect(together.map((d) => d.sha256)).toEqual([...oneByOne, ...oneByOne]);
  });

  it('gives another hash when one character of a text changes, or the time of the event', async () => {
    const base = await renderDocument(INPUTS.INFORMASI_TINDAK_LANJUT);
    const oneChar = await renderDocument({ ...INPUTS.INFORMASI_TINDAK_LANJUT, text: INPUTS.INFORMASI_TINDAK_LANJUT.text.replace('Terima', 'terima') });
    const later = await renderDocument({ ...INPUTS.INFORMASI_TINDAK_LANJUT, issuedAt: new Date(INPUTS.INFORMASI_TINDAK_LANJUT.issuedAt.getTime() + 1000) });
    expect(new Set([base.sha256, oneChar.sha256, later.sha256]).size).toBe(3);
  });

  it('writes the event time as the CreationDate and no ModDate', async () => {
    const { pdf } = await textOf(INPUTS.LAPORAN_ADUAN);
    expect(pdf.info['CreationDate']).toBe('D:20261201021500Z');
    expect(pdf.info['ModDate']).toBeUndefined();
    expect(pdf.info['Title']).toBe('Laporan Aduan LA/BLP/2026/000123');
  });

  it.each(DOCUMENT_KINDS)('renders %s as a valid A4 PDF with its title, number and file name', async (kind) => {
    const { doc, pdf } = await textOf(INPUTS[kind]);
    const raw = doc.bytes.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    // The cross-reference table is where startxref says it is.
    const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(raw)?.[1]);
    expect(raw.slice(startxref, startxref + 4)).toBe('xref');
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pdf.pageCount).toBe((raw.match(/\/Type \/Page\b/g) ?? []).length);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(1);
    expect(doc).toMatchObject({ kind, number: INPUTS[kind].number, title: DOCUMENT_TITLES[kind].id, mediaType: 'application/pdf' });
    expect(doc.fileName).toBe(`${INPUTS[kind].number.replace(/\//g, '-')}.pdf`);
    expect(pdf.flat).toContain('KANTOR IMIGRASI KELAS II TPI BELAKANG PADANG');
    expect(pdf.flat).toContain('KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA');
    expect(pdf.flat).toContain(INPUTS[kind].number);
    expect(pdf.flat).toContain(TRACKING);
    expect(pdf.flat).toContain('1 Desember 2026');
    expect(pdf.flat).not.toContain('\uFFFD');
  });

  it.each(DOCUMENT_KINDS)('prints no code, raw date or flag of the %s input, only their labels', async (kind) => {
    const { pdf } = await textOf(INPUTS[kind]);
    const raw = rawValues(INPUTS[kind]);
    expect(raw.length).toBeGreaterThan(0);
    for (const v of raw) expect(pdf.flat).not.toMatch(new RegExp(`(^|[^\\p{L}\\p{N}_])${escape(v)}($|[^\\p{L}\\p{N}_])`, 'u'));
    for (const v of ['undefined', 'null', 'NaN', '[object Object]']) expect(pdf.flat).not.toContain(v);
  });

  it('lets long texts flow onto more pages, with the letterhead on page 1 only and "Halaman n dari m", tracking number and number in every footer', async () => {
    const short = await textOf(INPUTS.INFORMASI_TINDAK_LANJUT);
    const long = await textOf({ ...INPUTS.INFORMASI_TINDAK_LANJUT, text: LONG_TEXT });
    expect(LONG_TEXT.length).toBeGreaterThanOrEqual(30_000);
    expect(short.pdf.pageCount).toBe(1);
    expect(long.pdf.pageCount).toBeGreaterThan(short.pdf.pageCount + 3);
    const m = long.pdf.pageCount;
    long.pdf.pages.forEach((lines, i) => {
      const page = lines.join(' ').replace(/\s+/g, ' ');
      expect(page).toContain(`Halaman ${i + 1} dari ${m}`);
      expect(page).toContain(`Informasi Tindak Lanjut Nomor ITL/BLP/2026/000123 Nomor Pelacakan ${TRACKING}`);
      expect(page.includes('KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN')).toBe(i === 0);
    });
    // Every sentence of the text is there, and the signature after it, on the last page.
    expect(long.pdf.flat.match(/\bSudah\b/g)?.length).toBe(320);
    expect(long.pdf.flat.match(/\bpenjelasan\b/g)?.length).toBe(320);
    expect(long.pdf.pages[m - 1].join(' ')).toContain('Belakang Padang, 1 Desember 2026');
  });

  it('Laporan Aduan: the messages in the order received with their times, and where the identity is kept instead of the reporter', async () => {
    const { pdf } = await textOf(INPUTS.LAPORAN_ADUAN);
    expect(pdf.flat).toContain('Diterima melalui : WhatsApp');
    expect(pdf.flat).toContain('Tanggal diterima : 1 Desember 2026 08.05 WIB');
    expect(pdf.flat).toContain('Sifat : Biasa');
    expect(pdf.flat).toContain('Identitas pelapor disimpan terpisah oleh Admin Tikkim');
    expect(pdf.flat).not.toContain('anonim');
    const first = pdf.flat.indexOf('Pesan 1 — 1 Desember 2026 08.05 WIB Selamat pagi');
    const second = pdf.flat.indexOf('Pesan 2 — 1 Desember 2026 08.07 WIB — 2 lampiran Sudah tiga kali');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    // No contact of the reporter: nothing like a phone number or an e-mail address.
    expect(pdf.flat).not.toMatch(/(\+?62|08)\d{8,}|@/);
  });

  it('Laporan Aduan of an anonymous, confidential complaint says so', async () => {
    const { pdf } = await textOf({ ...INPUTS.LAPORAN_ADUAN, anonymous: true, confidential: true });
    expect(pdf.flat).toContain('Sifat : Rahasia; identitas pelapor dirahasiakan');
    expect(pdf.flat).toContain('Pelapor meminta identitasnya dirahasiakan (anonim)');
  });

  it('Laporan Terusan Aduan: classification, nature and summary, forwarded to the head of office', async () => {
    const { pdf } = await textOf(INPUTS.LAPORAN_TERUSAN_ADUAN);
    expect(pdf.flat).toContain('Klasifikasi : 02 – Pelayanan masyarakat');
    expect(pdf.flat).toContain('Diterima melalui : SMS');
    expect(pdf.flat).toContain('Tanggal dikonfirmasi : 1 Desember 2026 09.15 WIB');
    expect(pdf.flat).toContain('Sifat : Rahasia; identitas pelapor dirahasiakan');
    expect(pdf.flat).toContain('Pelapor meminta identitasnya dirahasiakan (anonim)');
    expect(pdf.flat).toContain('Diteruskan kepada : Kepala Kantor');
    expect(pdf.flat).toContain('Pemohon paspor melaporkan berkasnya dikembalikan');
  });

  it('Lembar Disposisi: kepala kantor dispositions to two sections, instructions ticked, signed with name and NIP', async () => {
    const { pdf } = await textOf(INPUTS.LEMBAR_DISPOSISI);
    expect(pdf.flat).toContain('No Diteruskan kepada Instruksi Catatan');
    expect(pdf.flat).toMatch(/1 Seksi Lalu Lintas Keimigrasian ☑ Tindak lanjuti ☑ Pelajari dan laporkan ☐ Koordinasikan ☐ Untuk diketahui Periksa catatan loket 2 minggu ini\./);
    expect(pdf.flat).toContain('2 Subbagian Tata Usaha ☐ Tindak lanjuti ☐ Pelajari dan laporkan ☐ Koordinasikan ☑ Untuk diketahui —');
    expect(pdf.flat).toContain('Catatan Kepala Kantor Segera, laporkan dalam 12 jam.');
    expect(pdf.flat).toContain('Diteruskan kepada Admin Tikkim setelah diproses seksi.');
    expect(pdf.flat).toContain(`Belakang Padang, 1 Desember 2026 Kepala Kantor ${KEPALA.name} NIP. ${KEPALA.nip}`);
  });

  it('Analisis Aduan: findings, substantiation, classification, severity and recommendation', async () => {
    const { pdf } = await textOf(INPUTS.ANALISIS_ADUAN);
    expect(pdf.flat).toContain('Hasil Analisis Petugas loket 2 tidak menjelaskan');
    expect(pdf.flat).toContain('Pembuktian : Terbukti sebagian');
    expect(pdf.flat).toContain('Klasifikasi : 02 – Pelayanan masyarakat');
    expect(pdf.flat).toContain('Tingkat keparahan : Sedang');
    expect(pdf.flat).toContain('Rekomendasi Bentuk tim penanganan');
  });

  it('Keputusan Tindak Lanjut: the head of the IT section decides, by default unsigned with blank lines', async () => {
    const follow = await textOf(INPUTS.KEPUTUSAN_TINDAK_LANJUT);
    expect(follow.pdf.flat).toContain('Ditindaklanjuti');
    expect(follow.pdf.flat).toContain('Dasar : Analisis Aduan Nomor AA/BLP/2026/000123');
    expect(follow.pdf.flat).toContain('Alasan Aduan terbukti sebagian');
    expect(follow.pdf.flat).toContain('Kepala Seksi Teknologi dan Informasi (..............................) NIP. ....................');
    const none = await textOf({ ...INPUTS.KEPUTUSAN_TINDAK_LANJUT, decision: 'NO_FOLLOW_UP' });
    expect(none.pdf.flat).toContain('Tidak ditindaklanjuti');
    expect(none.doc.sha256).not.toBe(follow.doc.sha256);
  });

  it('SK Tim Penanganan Aduan: a head-of-office decree with Menimbang, Mengingat from the office profile, the dicta and the members annex', async () => {
    const { pdf } = await textOf(INPUTS.SK_TIM_PENANGANAN_ADUAN);
    const f = pdf.flat;
    const order = [
      'KEPUTUSAN KEPALA KANTOR IMIGRASI KELAS II TPI BELAKANG PADANG NOMOR SK/BLP/2026/000004 TENTANG PEMBENTUKAN TIM PENANGANAN ADUAN',
      'KEPALA KANTOR IMIGRASI KELAS II TPI BELAKANG PADANG,',
      'Menimbang : a. bahwa untuk menindaklanjuti aduan masyarakat dengan nomor pelacakan BLP-2026-000123 perihal pengembalian berkas paspor tanpa penjelasan',
      'b. bahwa berdasarkan pertimbangan',
      'Mengingat : 1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;',
      '2. Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik;',
      'MEMUTUSKAN:',
      'Menetapkan : KEPUTUSAN KEPALA KANTOR IMIGRASI KELAS II TPI BELAKANG PADANG TENTANG PEMBENTUKAN TIM PENANGANAN ADUAN.',
      'KESATU : Membentuk Tim Penanganan Aduan',
      'KEDUA : Tim Penanganan Aduan sebagaimana dimaksud dalam Diktum KESATU bertugas: memeriksa pelayanan loket 2',
      'KETIGA : Tim Penanganan Aduan melaksanakan tugas sejak tanggal 1 Desember 2026 sampai dengan tanggal 14 Desember 2026.',
      'KEEMPAT : Keputusan ini mulai berlaku pada tanggal ditetapkan.',
      `Ditetapkan di Belakang Padang pada tanggal 1 Desember 2026 KEPALA KANTOR, ${KEPALA.name} NIP. ${KEPALA.nip}`,
      'LAMPIRAN',
      'No Nama NIP Jabatan Kedudukan dalam Tim',
      '1 Dewi Kartika Sari 198505052010122002 Kepala Seksi Lalu Lintas Keimigrasian Ketua',
      '2 Rahmat Hidayat 199001012015031003 Analis Keimigrasian Sekretaris',
    ];
    let at = -1;
    for (const phrase of order) {
      const next = f.indexOf(phrase, at + 1);
      expect({ phrase, found: next > at }).toEqual({ phrase, found: true });
      at = next;
    }
    const legalBasis = OfficeDirectory.load().profileOf('BLP').legalBasis;
    expect(f).toContain(`${legalBasis.length}. ${legalBasis[legalBasis.length - 1]}.`);
    expect(f).toContain('Anggota');
    expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
  });

  it('Informasi Tindak Lanjut: the text as sent, the channel and the outcome', async () => {
    const { pdf } = await textOf(INPUTS.INFORMASI_TINDAK_LANJUT);
    expect(pdf.flat).toContain('Disampaikan melalui : WhatsApp');
    expect(pdf.flat).toContain('Hasil penanganan : Ditindaklanjuti oleh tim penanganan');
    expect(pdf.flat).toContain(INPUTS.INFORMASI_TINDAK_LANJUT.text);
  });

  it('prints the signatory position the caller names when nobody is known to sign', async () => {
    const { pdf } = await textOf({ ...INPUTS.ANALISIS_ADUAN, signatoryPosition: 'Analis Pengaduan' });
    expect(pdf.flat).toContain('Belakang Padang, 1 Desember 2026 Analis Pengaduan (..............................) NIP. ....................');
  });

  it('uses another office’s letterhead and city from its profile', async () => {
    const office = OfficeDirectory.load().profileOf('TBK');
    const { pdf } = await textOf({ ...INPUTS.LAPORAN_ADUAN, office: { ...office, city: 'Tanjung Balai Karimun', address: 'Jl. Contoh 2', email: 'kanim@example.go.id' } });
    expect(pdf.flat).toContain('KANTOR IMIGRASI TBK');
    expect(pdf.flat).toContain('Jl. Contoh 2; Pos-el kanim@example.go.id');
    expect(pdf.flat).toContain('Tanjung Balai Karimun, 1 Desember 2026');
    expect(pdf.flat).not.toContain('BELAKANG PADANG');
  });

  it('does not fail on emoji, scripts DejaVu lacks, control characters or right-to-left names', async () => {
    const text = 'Tolong 🙏🏽 🎉 👨‍👩‍👧 🇮🇩 漢字 नमस्ते 😡 ✓ \u0000\u0007 عبد الله Привет';
    const { doc, pdf } = await textOf({ ...INPUTS.LAPORAN_ADUAN, messages: [{ receivedAt: INPUTS.LAPORAN_ADUAN.receivedAt, text, attachmentCount: 0 }] });
    expect(doc.bytes.length).toBeGreaterThan(1000);
    // One mark per emoji DejaVu lacks (🙏🏽, 🎉, the family, the flag), one per CJK character; the emoticons it has are drawn.
    expect(pdf.flat).toContain('Tolong \uFFFD \uFFFD \uFFFD \uFFFD \uFFFD\uFFFD ');
    expect(pdf.flat).toContain('😡 ✓');
    expect(pdf.flat).toContain('Привет');
    expect(pdf.flat).not.toContain('\u0000');
    const team = await renderDocument({ ...INPUTS.SK_TIM_PENANGANAN_ADUAN, members: [{ name: '😀 Nama 名前', nip: '199203032018011004', position: 'Anggota 🎉', teamRole: 'KETUA' }] });
    expect(team.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('keeps a table row taller than a page whole by writing it as labelled lines', async () => {
    const note = 'Periksa seluruh catatan loket, jadwal petugas, dan rekaman antrean. '.repeat(120);
    const { pdf } = await textOf({ ...INPUTS.LEMBAR_DISPOSISI, sections: [{ code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian', instructions: ['TINDAK_LANJUTI'], note }] });
    expect(pdf.flat.match(/\bPeriksa\b/g)?.length).toBe(120);
    expect(pdf.flat.match(/\bantrean\b/g)?.length).toBe(120);
    expect(pdf.pageCount).toBeGreaterThan(1);
  });

  it.each<[string, Partial<Record<string, unknown>>, DocumentKind, string]>([
    ['a channel outside the SOP', { channel: 'FAX' }, 'LAPORAN_ADUAN', 'channel'],
    ['a message time that is not a date', { messages: [{ receivedAt: new Date('x'), text: 'a', attachmentCount: 0 }] }, 'LAPORAN_ADUAN', 'messages[0].receivedAt'],
    ['a negative attachment count', { messages: [{ receivedAt: new Date(), text: 'a', attachmentCount: -1 }] }, 'LAPORAN_ADUAN', 'messages[0].attachmentCount'],
    ['an unknown classification', { classificationCode: '11' }, 'LAPORAN_TERUSAN_ADUAN', 'classificationCode'],
    ['a disposition to no section', { sections: [] }, 'LEMBAR_DISPOSISI', 'sections'],
    ['an unknown instruction', { sections: [{ code: 'X', name: 'Seksi X', instructions: ['SEGERA'] }] }, 'LEMBAR_DISPOSISI', 'sections[0].instructions[0]'],
    ['an unknown severity', { severity: 'CRITICAL' }, 'ANALISIS_ADUAN', 'severity'],
    ['an unknown decision', { decision: 'MAYBE' }, 'KEPUTUSAN_TINDAK_LANJUT', 'decision'],
    ['an unknown team role', { members: [{ name: 'A', nip: '1', position: 'B', teamRole: 'WAKIL' }] }, 'SK_TIM_PENANGANAN_ADUAN', 'members[0].teamRole'],
    ['a period ending before it starts', { periodEndDate: '2026-11-30' }, 'SK_TIM_PENANGANAN_ADUAN', 'periodEndDate'],
    ['a decree date that is not YYYY-MM-DD', { decreeDate: '1/12/2026' }, 'SK_TIM_PENANGANAN_ADUAN', 'decreeDate'],
    ['an unknown outcome', { outcome: 'SOLVED' }, 'INFORMASI_TINDAK_LANJUT', 'outcome'],
    ['an invalid event time', { issuedAt: new Date('x') }, 'INFORMASI_TINDAK_LANJUT', 'issuedAt'],
    ['an empty number', { number: ' ' }, 'INFORMASI_TINDAK_LANJUT', 'number'],
    ['a signatory without a name', { signatory: { name: '', position: 'Kepala Kantor' } }, 'INFORMASI_TINDAK_LANJUT', 'signatory.name'],
  ])('refuses %s, naming the field', async (_what, change, kind, field) => {
    await expect(renderDocument({ ...INPUTS[kind], ...change } as DocumentInput)).rejects.toMatchObject({ code: 'DOCUMENT.INVALID_INPUT', field });
  });

  it('takes an optional field given as null (a database column) as left out', async () => {
    const { pdf } = await textOf({ ...INPUTS.LEMBAR_DISPOSISI, classificationCode: null, summary: null, note: null } as unknown as DocumentInput);
    expect(pdf.flat).not.toContain('Klasifikasi');
    expect(pdf.flat).not.toContain('Catatan Kepala Kantor');
  });

  it('refuses an unknown kind', async () => {
    await expect(renderDocument({ ...INPUTS.LAPORAN_ADUAN, kind: 'SURAT_TEGURAN' } as unknown as DocumentInput)).rejects.toMatchObject({ field: 'kind' });
    expect(isDocumentKind('SURAT_TEGURAN')).toBe(false);
    expect(DOCUMENT_KINDS.every(isDocumentKind)).toBe(true);
  });
});
