import { COMPLAINT_DOCUMENT_MIGRATIONS } from '@pengaduan/documents';
import { TeamDecree1795800000500 } from './1795800000500-team-decree';

/** team-decree's own migrations, in order (after @pengaduan/messaging's and the complaint-state ones). */
export const TEAM_DECREE_MIGRATIONS = [TeamDecree1795800000500, ...COMPLAINT_DOCUMENT_MIGRATIONS];
