import type { NewAccount } from './user-accounts';

/** The demo office. */
export const DEMO_OFFICE = 'BLP';

/** One officer per role of the demo office (two section officers), for trying the platform. */
export const DEMO_USERS: readonly Omit<NewAccount, 'password'>[] = [
  // Invented names, NIPs (birth date, appointment month, sex, number) and positions, as the documents print them.
  { username: 'admin.tikkim', displayName: 'Rina Kartika (demo)', nip: '199001152015032001', position: 'Pengelola Teknologi Informasi Keimigrasian', role: 'ADMIN_TIKKIM', officeCode: DEMO_OFFICE },
  { username: 'kepala.kantor', displayName: 'Hendra Wijaya (demo)', nip: '197805202000121001', position: 'Kepala Kantor Imigrasi', role: 'KEPALA_KANTOR', officeCode: DEMO_OFFICE },
  { username: 'seksi.inteldakim', displayName: 'Agus Santoso (demo)', nip: '198203102005011002', position: 'Kepala Seksi Inteldakim', role: 'SEKSI_TERKAIT', officeCode: DEMO_OFFICE, sectionCode: 'INTELDAKIM' },
  { username: 'seksi.lantaskim', displayName: 'Dewi Lestari (demo)', nip: '198511252009122003', position: 'Kepala Seksi Lalu Lintas Keimigrasian', role: 'SEKSI_TERKAIT', officeCode: DEMO_OFFICE, sectionCode: 'LANTASKIM' },
  { username: 'kepala.seksi.ti', displayName: 'Budi Prasetyo (demo)', nip: '198007142003121004', position: 'Kepala Seksi Teknologi Informasi dan Komunikasi Keimigrasian', role: 'KEPALA_SEKSI_TI', officeCode: DEMO_OFFICE },
  { username: 'auditor', displayName: 'Sri Wahyuni (demo)', nip: '198809302012122005', position: 'Auditor Inspektorat', role: 'AUDITOR', officeCode: DEMO_OFFICE },
  // The platform operator (docs/adr/0043): the dead letters, no complaint.
  { username: 'operator', displayName: 'Operator Platform (demo)', position: 'Operator Platform', role: 'OPERATOR', officeCode: DEMO_OFFICE },
];
