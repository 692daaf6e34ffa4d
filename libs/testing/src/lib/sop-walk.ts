// The SOP walked over the gateway's REST API, as the end-to-end suites and the benchmarks walk it:
// the office's sections, an officer of every role, each command's body, and every branch's
// commands in order. Data only (no jest), so bench/ and the suites share one copy.

export const SECTIONS = [
  { code: 'INTELDAKIM', name: 'Seksi Inteldakim' },
  { code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' },
];

export type Officer = 'admin' | 'kakan' | 'inteldakim' | 'lantaskim' | 'kasiTi' | 'auditor';
export const OFFICERS: Record<Officer, { role: string; section?: string }> = {
  admin: { role: 'ADMIN_TIKKIM' },
  kakan: { role: 'KEPALA_KANTOR' },
  inteldakim: { role: 'SEKSI_TERKAIT', section: 'INTELDAKIM' },
  lantaskim: { role: 'SEKSI_TERKAIT', section: 'LANTASKIM' },
  kasiTi: { role: 'KEPALA_SEKSI_TI' },
  auditor: { role: 'AUDITOR' },
};

export const confirmBody = { classificationCode: '03', summary: 'Dugaan pungutan liar di loket paspor.', anonymous: false, confidential: false };
export const dispositionBody = (...sections: string[]) => ({
  lines: sections.map((sectionCode) => ({ sectionCode, instructions: ['PELAJARI_DAN_LAPORKAN'], note: 'Mohon ditelaah.' })),
  note: 'Segera.',
});
export const analysisBody = {
  findings: 'Terdapat indikasi pungutan di luar PNBP.',
  substantiated: 'PARTLY',
  classificationCode: '03',
  severity: 'HIGH',
  recommendation: 'Bentuk tim penanganan.',
};
export const decreeBody = {
  decreeDate: '2026-11-27',
  members: [
    { name: 'Andi Wijaya', nip: '198001012005011001', position: 'Kepala Seksi Inteldakim', teamRole: 'KETUA' },
    { name: 'Sri Mulyani', nip: '198502022010012002', position: 'Analis Keimigrasian', teamRole: 'SEKRETARIS' },
    { name: 'Bayu Saputra', nip: '199003032015031003', position: 'Pemeriksa Keimigrasian', teamRole: 'ANGGOTA' },
  ],
  mandate: 'Menelusuri dan menindaklanjuti dugaan pungutan liar.',
  periodStartDate: '2026-11-27',
  periodEndDate: '2026-12-27',
};
export const deliveryBody = () => ({ method: 'PHONE_CALL', deliveredAt: new Date().toISOString(), note: 'Pelapor dihubungi melalui telepon.' });

export type Branch = 'followUp' | 'noFollowUp' | 'dismissed';

/** Every command of a branch after registration, in order: who, the route, the body, the status it leaves. */
export const BRANCH_STEPS: Record<Branch, readonly (readonly [Officer, string, () => unknown, string])[]> = {
  followUp: [
    ['admin', 'confirm', () => confirmBody, 'CONFIRMED'],
    ['kakan', 'disposition', () => dispositionBody('INTELDAKIM', 'LANTASKIM'), 'DISPOSED'],
    ['inteldakim', 'section-responses', () => ({ response: 'Calo teridentifikasi, sudah diperingatkan.' }), 'DISPOSED'],
    ['lantaskim', 'section-responses', () => ({ response: 'Loket sesuai ketentuan.' }), 'SECTION_PROCESSED'],
    ['admin', 'analysis', () => analysisBody, 'ANALYZED'],
    ['kasiTi', 'decision', () => ({ decision: 'FOLLOW_UP', reason: 'Perlu penanganan oleh tim.' }), 'FOLLOW_UP_DECIDED'],
    ['kakan', 'team-decree', () => decreeBody, 'TEAM_FORMED'],
    ['admin', 'follow-up-information', () => ({ text: 'Aduan Anda ditangani oleh tim.' }), 'REPORTER_INFORMED'],
    ['admin', 'delivery-confirmation', deliveryBody, 'CLOSED'],
  ],
  noFollowUp: [
    ['admin', 'confirm', () => confirmBody, 'CONFIRMED'],
    ['kakan', 'disposition', () => dispositionBody('LANTASKIM'), 'DISPOSED'],
    ['lantaskim', 'section-responses', () => ({ response: 'Tidak ditemukan pelanggaran.' }), 'SECTION_PROCESSED'],
    ['admin', 'analysis', () => ({ ...analysisBody, substantiated: 'NO', severity: 'LOW' }), 'ANALYZED'],
    ['kasiTi', 'decision', () => ({ decision: 'NO_FOLLOW_UP', reason: 'Tidak terbukti.' }), 'NO_FOLLOW_UP_DECIDED'],
    ['admin', 'follow-up-information', () => ({ text: 'Pengaduan Anda tidak terbukti, terima kasih.' }), 'REPORTER_INFORMED'],
    ['admin', 'delivery-confirmation', deliveryBody, 'CLOSED'],
  ],
  dismissed: [
    ['admin', 'dismiss', () => ({ reason: 'NOT_A_COMPLAINT', note: 'Pertanyaan informasi jadwal layanan.' }), 'DISMISSED'],
    ['admin', 'follow-up-information', () => ({ text: 'Pesan Anda bukan pengaduan; jadwal layanan 08.00-16.00.' }), 'REPORTER_INFORMED'],
    ['admin', 'delivery-confirmation', deliveryBody, 'CLOSED'],
  ],
};

/** A registration body for an office: a phone complaint with the reporter's contact. */
export function registrationBody(officeCode: string) {
  return {
    officeCode,
    channel: 'PHONE',
    text: 'Pemohon paspor diminta membayar biaya di luar ketentuan oleh calo di depan kantor.',
    contact: { name: 'Rudi Hartono', phone: '+6281355566677' },
  };
}
