import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { FIELD_RULES, type Role } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { COMPLAINT_READERS } from '../get-complaint/get-complaint.handler';

/** Most ids one search answers (docs/adr/0045). */
const SEARCH_LIMIT_MAX = 5_000;
const { maxLength: SEARCH_WORDS_MAX } = FIELD_RULES.searchWords;

export interface SearchComplaintTextsQuery {
  role: Role;
  /** Only this office's complaints are searched. */
  officeCode: string;
  /** The officer's words: never logged, never stored. */
  query: string;
  limit: number;
}

export interface SearchComplaintTextsResult {
  complaintIds: string[];
  truncated: boolean;
}

/**
 * The office's complaints whose messages match an officer's words (docs/adr/0045), newest
 * received first: the `indonesian` full-text index of `complaint_message`, the words read as a
 * web search, so no punctuation of theirs is syntax. Only for the roles that may read the
 * messages themselves (GetComplaint), so a match tells nobody more than reading would.
 */
@Injectable()
export class SearchComplaintTextsHandler {
  constructor(private readonly runtime: ServiceRuntime) {}

  async execute(q: SearchComplaintTextsQuery): Promise<SearchComplaintTextsResult> {
    if (!COMPLAINT_READERS.includes(q.role)) {
      throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', `${q.role} may not read complaints`);
    }
    const query = q.query.trim();
    if (query.length === 0 || query.length > SEARCH_WORDS_MAX) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the search words are empty or too long', {
        fieldViolations: [{ field: 'query', description: `1 to ${SEARCH_WORDS_MAX} characters` }],
      });
    }
    if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > SEARCH_LIMIT_MAX) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the limit is out of range', { fieldViolations: [{ field: 'limit', description: `1 to ${SEARCH_LIMIT_MAX}` }] });
    }
    const rows = (await this.runtime.dataSource.query(
      `SELECT c.id FROM complaint c
        WHERE c.office_code = $1
          AND EXISTS (SELECT 1 FROM complaint_message m WHERE m.complaint_id = c.id AND m.search_vector @@ websearch_to_tsquery('indonesian', $2))
        ORDER BY c.received_at DESC, c.id DESC
        LIMIT $3`,
      [q.officeCode, query, q.limit + 1],
    )) as { id: string }[];
    return { complaintIds: rows.slice(0, q.limit).map((r) => r.id), truncated: rows.length > q.limit };
  }
}
