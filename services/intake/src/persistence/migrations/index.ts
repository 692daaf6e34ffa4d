import { COMPLAINT_DOCUMENT_MIGRATIONS } from '@pengaduan/documents';
import { COMPLAINT_STATE_MIGRATIONS } from '@pengaduan/messaging';
import { IntakeInitial1795800000100 } from './1795800000100-intake-initial';
import { IntakeConfirmation1795800000200 } from './1795800000200-intake-confirmation';
import { IntakeChannels1795800000800 } from './1795800000800-intake-channels';
import { IntakeContactProcessingRecord1795800001300 } from './1795800001300-intake-contact-processing-record';
import { IntakeDigestVersions1795800001400 } from './1795800001400-intake-digest-versions';
import { IntakeRegistrationIdempotency1795800001500 } from './1795800001500-intake-registration-idempotency';
import { IntakeProblemMessages1795801000800 } from './1795801000800-intake-problem-messages';
import { IntakeMessageSearch1795801001110 } from './1795801001110-intake-message-search';
import { IntakeOfficeProfile1795801001400 } from './1795801001400-intake-office-profile';
import { IntakeRatings1795801001900 } from './1795801001900-intake-ratings';
import { IntakeAppealWindowVersions1795801002400 } from './1795801002400-intake-appeal-window-versions';
import { IntakeLaporReportNumber1795801002100 } from './1795801002100-intake-lapor-report-number';
import { IntakePersonalDataKeys1795801002300 } from './1795801002300-intake-personal-data-keys';
import { IntakeDestructionRecords1795801002310 } from './1795801002310-intake-destruction-records';
import { IntakeDataSubjectRights1795801002200 } from './1795801002200-intake-data-subject-rights';
import { IntakeExportZip1795801002550 } from './1795801002550-intake-export-zip';
import { IntakeTransferLink1795801002600 } from './1795801002600-intake-transfer-link';
import { IntakeOfficeRetentionPolicy1795801002650 } from './1795801002650-intake-office-retention-policy';

/** Intake's own migrations, in order. */
export const INTAKE_OWN_MIGRATIONS = [IntakeInitial1795800000100, IntakeConfirmation1795800000200, IntakeChannels1795800000800, IntakeContactProcessingRecord1795800001300, IntakeDigestVersions1795800001400, IntakeRegistrationIdempotency1795800001500, IntakeProblemMessages1795801000800, IntakeMessageSearch1795801001110, IntakeOfficeProfile1795801001400, IntakeRatings1795801001900, IntakeLaporReportNumber1795801002100, IntakeDataSubjectRights1795801002200, IntakePersonalDataKeys1795801002300, IntakeDestructionRecords1795801002310, IntakeAppealWindowVersions1795801002400, IntakeExportZip1795801002550, IntakeTransferLink1795801002600, IntakeOfficeRetentionPolicy1795801002650];

/**
 * Everything intake's data source migrates after the outbox/inbox (which ServiceRuntime
 * prepends): the shared complaint-state view, then intake's own tables.
 */
export const INTAKE_MIGRATIONS = [...COMPLAINT_STATE_MIGRATIONS, ...INTAKE_OWN_MIGRATIONS, ...COMPLAINT_DOCUMENT_MIGRATIONS];
