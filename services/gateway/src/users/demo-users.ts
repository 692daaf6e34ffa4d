import type { NewAccount } from './user-accounts';

/** The demo office. */
export const DEMO_OFFICE = 'BLP';

/** One officer per role of the demo office (two section officers), for trying the platform. */
export const DEMO_USERS: readonly Omit<NewAccount, 'password'>[] = [
  { username: 'admin.tikkim', displayName: 'Admin Tikkim (demo)', role: 'ADMIN_TIKKIM', officeCode: DEMO_OFFICE },
  { username: 'kepala.kantor', displayName: 'Kepala Kantor (demo)', role: 'KEPALA_KANTOR', officeCode: DEMO_OFFICE },
  { username: 'seksi.inteldakim', displayName: 'Seksi Inteldakim (demo)', role: 'SEKSI_TERKAIT', officeCode: DEMO_OFFICE, sectionCode: 'INTELDAKIM' },
  { username: 'seksi.lantaskim', displayName: 'Seksi Lantaskim (demo)', role: 'SEKSI_TERKAIT', officeCode: DEMO_OFFICE, sectionCode: 'LANTASKIM' },
  { username: 'kepala.seksi.ti', displayName: 'Kepala Seksi TI (demo)', role: 'KEPALA_SEKSI_TI', officeCode: DEMO_OFFICE },
  { username: 'auditor', displayName: 'Auditor (demo)', role: 'AUDITOR', officeCode: DEMO_OFFICE },
];
