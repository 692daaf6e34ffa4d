import { COMPLAINT_STATE_MIGRATIONS } from '@pengaduan/messaging';
import { GatewayComplaintView1795800000200 } from './1795800000200-gateway-complaint-view';
import { GatewayUsersAndSopReadModel1795800000300 } from './1795800000300-gateway-users-and-sop-read-model';
import { GatewaySla1795800000400 } from './1795800000400-gateway-sla';
import { GatewayPublicApi1795800000700 } from './1795800000700-gateway-public-api';
import { GatewayDocumentsAndSignatories1795800000850 } from './1795800000850-gateway-documents-and-signatories';
import { GatewayPublicRateLimit1795800000950 } from './1795800000950-gateway-public-rate-limit';
import { GatewayAccountSecurity1795800001000 } from './1795800001000-gateway-account-security';
import { GatewaySecondFactor1795800001100 } from './1795800001100-gateway-second-factor';
import { GatewayAnsweredVersions1795801000330 } from './1795801000330-gateway-answered-versions';
import { GatewayDeliveryFailures1795801000500 } from './1795801000500-gateway-delivery-failures';
import { GatewayTimelineStep1795801000600 } from './1795801000600-gateway-timeline-step';
import { GatewayOfficerPosition1795801000700 } from './1795801000700-gateway-officer-position';
import { GatewayDeadLetters1795801000900 } from './1795801000900-gateway-dead-letters';
import { GatewayAssignmentsAndNotes1795801001200 } from './1795801001200-gateway-assignments-and-notes';
import { GatewayCallAttempts1795801001010 } from './1795801001010-gateway-call-attempts';
import { GatewayOfficeAdministration1795801001300 } from './1795801001300-gateway-office-administration';
import { GatewayNoticeCalls1795801001800 } from './1795801001800-gateway-notice-calls';
import { GatewayRatingsAndAppeals1795801001930 } from './1795801001930-gateway-ratings-and-appeals';
import { GatewayLaporReportNumber1795801002100 } from './1795801002100-gateway-lapor-report-number';
import { GatewayFeedbackRounds1795801002400 } from './1795801002400-gateway-feedback-rounds';
import { GatewayFeedbackFacts1795801002450 } from './1795801002450-gateway-feedback-facts';

/** The gateway's own migrations, in order. */
export const GATEWAY_OWN_MIGRATIONS = [GatewayComplaintView1795800000200, GatewayUsersAndSopReadModel1795800000300, GatewaySla1795800000400, GatewayPublicApi1795800000700, GatewayDocumentsAndSignatories1795800000850, GatewayPublicRateLimit1795800000950, GatewayAccountSecurity1795800001000, GatewaySecondFactor1795800001100, GatewayAnsweredVersions1795801000330, GatewayDeliveryFailures1795801000500, GatewayTimelineStep1795801000600, GatewayOfficerPosition1795801000700, GatewayDeadLetters1795801000900, GatewayCallAttempts1795801001010, GatewayAssignmentsAndNotes1795801001200, GatewayOfficeAdministration1795801001300, GatewayNoticeCalls1795801001800, GatewayRatingsAndAppeals1795801001930, GatewayLaporReportNumber1795801002100, GatewayFeedbackRounds1795801002400, GatewayFeedbackFacts1795801002450];

/**
 * Every migration of the gateway's schema after the outbox/inbox ones (which ServiceRuntime
 * prepends): the complaint states of @pengaduan/messaging, then the gateway's own.
 */
export const GATEWAY_MIGRATIONS = [...COMPLAINT_STATE_MIGRATIONS, ...GATEWAY_OWN_MIGRATIONS];
