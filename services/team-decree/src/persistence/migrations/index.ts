import { COMPLAINT_DOCUMENT_MIGRATIONS } from '@pengaduan/documents';
import { TeamDecree1795800000500 } from './1795800000500-team-decree';
import { TeamDecreeAppealRounds1795801001940 } from './1795801001940-team-decree-appeal-rounds';

/** team-decree's own migrations, in order (after @pengaduan/messaging's and the complaint-state ones). */
export const TEAM_DECREE_MIGRATIONS = [TeamDecree1795800000500, ...COMPLAINT_DOCUMENT_MIGRATIONS, TeamDecreeAppealRounds1795801001940];
