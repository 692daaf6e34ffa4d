import { COMPLAINT_DOCUMENT_MIGRATIONS } from '@pengaduan/documents';
import { COMPLAINT_STATE_MIGRATIONS } from '@pengaduan/messaging';
import { NotificationInitial1795800000600 } from './1795800000600-notification-initial';
import { NotificationDelivery1795800000900 } from './1795800000900-notification-delivery';
import { NotificationMessageTemplates1795801001600 } from './1795801001600-notification-message-templates';
import { NotificationStatusMessages1795801002000 } from './1795801002000-notification-status-messages';
import { NotificationWithheldNotices1795801002550 } from './1795801002550-notification-withheld-notices';

/**
 * notification's migrations, in order: the complaint-state view of libs/messaging, then its own
 * (ServiceRuntime runs the outbox/inbox ones before all of these).
 */
export const NOTIFICATION_MIGRATIONS = [...COMPLAINT_STATE_MIGRATIONS, NotificationInitial1795800000600, NotificationDelivery1795800000900, ...COMPLAINT_DOCUMENT_MIGRATIONS, NotificationMessageTemplates1795801001600, NotificationStatusMessages1795801002000, NotificationWithheldNotices1795801002550];
