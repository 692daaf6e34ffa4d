// What each section of the guide says and where its work is done, with the roles each page is
// open to, taken from where those pages decide it (libs/sop's rules, the work queues, the office
// administration, the processing record).
import { COMMAND_RULES, ROLES } from '@pengaduan/sop';
import { ROUTES } from '../../app/routes';
import type { MessageKey } from '../../i18n/messages';
import { ACCOUNT_ADMINISTRATOR_ROLE } from '../../lib/accounts';
import type { GuidePlace, GuideSection } from '../../lib/guide';
import { WORK_QUEUES } from '../../lib/work-queues';
import { PROCESSING_RECORD_ROLES } from '../ProcessingRecordPage';

/** Every officer who reads the office's complaints: all but the platform operator (docs/adr/0043). */
const COMPLAINT_READERS: readonly string[] = ROLES.filter((r) => r !== 'PELAPOR' && r !== 'OPERATOR');

/** Who reads `/administrasi/templat` (the gateway's STATUS_MESSAGE_READERS); the head of office changes it. */
const STATUS_MESSAGE_READERS: readonly string[] = [ACCOUNT_ADMINISTRATOR_ROLE, 'ADMIN_TIKKIM'];

/** Who works the complaint page's contact rights and erasure (`complaint/ContactRights.tsx`, `PersonalDataErasure.tsx`). */
const CONTACT_RIGHTS_ROLES: readonly string[] = ['ADMIN_TIKKIM'];

export interface GuideSectionContent {
  readonly paragraphs: readonly MessageKey[];
  readonly places: readonly GuidePlace<MessageKey>[];
}

export const GUIDE_CONTENT: Readonly<Record<GuideSection, GuideSectionContent>> = {
  'penilaian-banding': {
    paragraphs: ['guide.rating.complainant', 'guide.rating.window', 'guide.rating.review', 'guide.rating.again'],
    places: [
      { to: ROUTES.worklist, roles: COMMAND_RULES.reviewAppeal.roles, label: 'guide.place.reviewAppeal' },
      { to: `${ROUTES.complaints}?status=CLOSED`, roles: COMMAND_RULES.rate.roles, label: 'guide.place.recordRating' },
      { to: `${ROUTES.complaints}?status=APPEALED`, roles: COMPLAINT_READERS, label: 'guide.place.appealed' },
    ],
  },
  'pesan-status': {
    paragraphs: ['guide.status.which', 'guide.status.channels', 'guide.status.switch', 'guide.status.whatsapp'],
    places: [{ to: ROUTES.adminTemplates, roles: STATUS_MESSAGE_READERS, label: 'guide.place.statusMessages' }],
  },
  lapor: {
    paragraphs: ['guide.lapor.register', 'guide.lapor.nothingSent', 'guide.lapor.posting', 'guide.lapor.clocks'],
    places: [
      { to: ROUTES.worklist, roles: COMMAND_RULES.receive.roles, label: 'guide.place.registerLapor' },
      { to: ROUTES.laporPostings, roles: WORK_QUEUES.laporPostings.roles, label: 'guide.place.laporPostings' },
      { to: `${ROUTES.complaints}?channel=LAPOR`, roles: COMPLAINT_READERS, label: 'guide.place.laporComplaints' },
      { to: ROUTES.adminSla, roles: [ACCOUNT_ADMINISTRATOR_ROLE], label: 'guide.place.workingCalendar' },
    ],
  },
  'hak-subjek-data': {
    paragraphs: ['guide.pdp.rights', 'guide.pdp.access', 'guide.pdp.correctRestrict', 'guide.pdp.erasure', 'guide.pdp.retention'],
    places: [
      { to: ROUTES.dataRequests, roles: WORK_QUEUES.dataRequests.roles, label: 'guide.place.dataRequests' },
      { to: ROUTES.complaints, roles: CONTACT_RIGHTS_ROLES, label: 'guide.place.contactRights' },
      { to: ROUTES.processingRecord, roles: PROCESSING_RECORD_ROLES, label: 'guide.place.destructionRecords' },
    ],
  },
};
