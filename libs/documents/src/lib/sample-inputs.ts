// One input of each document kind, as the owning services pass them: what the lib's tests and
// `npm run bench:render` render. No personal data of any reporter.
import type { DocumentInput, DocumentKind, OfficeProfile } from './document-types';
import { OfficeDirectory } from './offices/office-directory';

export const BLP: OfficeProfile = OfficeDirectory.load().profileOf('BLP');

/** 1 Desember 2026 09.15 WIB. */
export const ISSUED_AT = new Date('2026-12-01T02:15:00Z');
export const TRACKING = 'BLP-2026-000123';
export const KEPALA = { name: 'Arsi Pratama Wibisono', nip: '198001012005011001', position: 'Kepala Kantor' };

const common = { office: BLP, trackingNumber: TRACKING, issuedAt: ISSUED_AT };

/** One input of each kind, as the owning services would pass it; no personal data of the reporter. */
export const INPUTS: { readonly [K in DocumentKind]: Extract<DocumentInput, { kind: K }> } = {
  LAPORAN_ADUAN: {
    ...common,
    kind: 'LAPORAN_ADUAN',
    number: 'LA/BLP/2026/000123',
    channel: 'WHATSAPP',
    receivedAt: new Date('2026-12-01T01:05:00Z'),
    messages: [
      { receivedAt: new Date('2026-12-01T01:07:00Z'), text: 'Sudah tiga kali saya datang, berkas selalu dikembalikan tanpa penjelasan.', attachmentCount: 2 },
      { receivedAt: new Date('2026-12-01T01:05:00Z'), text: 'Selamat pagi, saya mau mengadukan pelayanan paspor di loket 2.', attachmentCount: 0 },
    ],
    anonymous: false,
    confidential: false,
  },
  LAPORAN_TERUSAN_ADUAN: {
    ...common,
    kind: 'LAPORAN_TERUSAN_ADUAN',
    number: 'LTA/BLP/2026/000123',
    channel: 'SMS',
    receivedAt: new Date('2026-11-30T23:40:00Z'),
    classificationCode: '02',
    summary: 'Pemohon paspor melaporkan berkasnya dikembalikan berulang kali tanpa penjelasan di loket 2.',
    anonymous: true,
    confidential: true,
  },
  LEMBAR_DISPOSISI: {
    ...common,
    kind: 'LEMBAR_DISPOSISI',
    number: 'LD/BLP/2026/000012',
    receivedAt: new Date('2026-12-01T01:05:00Z'),
    classificationCode: '02',
    summary: 'Berkas paspor dikembalikan berulang kali tanpa penjelasan.',
    sections: [
      { code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian', instructions: ['TINDAK_LANJUTI', 'PELAJARI_DAN_LAPORKAN'], note: 'Periksa catatan loket 2 minggu ini.' },
      { code: 'TATA_USAHA', name: 'Subbagian Tata Usaha', instructions: ['UNTUK_DIKETAHUI'] },
    ],
    note: 'Segera, laporkan dalam 12 jam.',
    signatory: KEPALA,
  },
  ANALISIS_ADUAN: {
    ...common,
    kind: 'ANALISIS_ADUAN',
    number: 'AA/BLP/2026/000123',
    classificationCode: '02',
    findings: 'Petugas loket 2 tidak menjelaskan kekurangan berkas; daftar periksa tidak diberikan kepada pemohon.',
    substantiated: 'PARTLY',
    severity: 'MEDIUM',
    recommendation: 'Bentuk tim penanganan; sediakan daftar periksa tertulis di setiap loket.',
  },
  KEPUTUSAN_TINDAK_LANJUT: {
    ...common,
    kind: 'KEPUTUSAN_TINDAK_LANJUT',
    number: 'KTL/BLP/2026/000123',
    decision: 'FOLLOW_UP',
    reason: 'Aduan terbukti sebagian dan menyangkut pelayanan yang berulang.',
  },
  SK_TIM_PENANGANAN_ADUAN: {
    ...common,
    kind: 'SK_TIM_PENANGANAN_ADUAN',
    number: 'SK/BLP/2026/000004',
    summary: 'pengembalian berkas paspor tanpa penjelasan',
    decreeDate: '2026-12-01',
    members: [
      { name: 'Dewi Kartika Sari', nip: '198505052010122002', position: 'Kepala Seksi Lalu Lintas Keimigrasian', teamRole: 'KETUA' },
      { name: 'Rahmat Hidayat', nip: '199001012015031003', position: 'Analis Keimigrasian', teamRole: 'SEKRETARIS' },
      { name: 'عبد الله بن يوسف', nip: '199203032018011004', position: 'Pengelola Layanan Operasional', teamRole: 'ANGGOTA' },
    ],
    mandate: 'memeriksa pelayanan loket 2, meminta keterangan petugas, dan melaporkan hasilnya kepada Kepala Kantor',
    periodStartDate: '2026-12-01',
    periodEndDate: '2026-12-14',
    signatory: KEPALA,
  },
  INFORMASI_TINDAK_LANJUT: {
    ...common,
    kind: 'INFORMASI_TINDAK_LANJUT',
    number: 'ITL/BLP/2026/000123',
    channel: 'WHATSAPP',
    text: 'Terima kasih atas aduan Anda (BLP-2026-000123). Tim penanganan telah dibentuk dan daftar periksa berkas kini tersedia di setiap loket.',
    outcome: 'FOLLOWED_UP',
  },
};
