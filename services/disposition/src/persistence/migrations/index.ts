import { COMPLAINT_DOCUMENT_MIGRATIONS } from '@pengaduan/documents';
import { COMPLAINT_STATE_MIGRATIONS } from '@pengaduan/messaging';
import { DispositionInitial1795800000200 } from './1795800000200-disposition-initial';
import { DispositionAppealRounds1795801001920 } from './1795801001920-disposition-appeal-rounds';

/**
 * Disposition's migrations, in order: the complaint-state view every command service keeps,
 * then its own (ServiceRuntime prepends the outbox/inbox ones of @pengaduan/messaging).
 */
export const DISPOSITION_MIGRATIONS = [...COMPLAINT_STATE_MIGRATIONS, DispositionInitial1795800000200, ...COMPLAINT_DOCUMENT_MIGRATIONS, DispositionAppealRounds1795801001920];
