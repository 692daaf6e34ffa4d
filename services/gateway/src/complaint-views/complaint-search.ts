import { Injectable } from '@nestjs/common';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { grpcActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { invalidRequest } from '../http/validation';
import type { ComplaintViewRecord } from '../persistence/entities';
import { IntakeClient } from '../upstream/clients';

/** Most complaints whose messages match that one search takes from intake (docs/adr/0045). */
const TEXT_MATCHES_MAX = 5_000;

/** The filters of the complaint search as the query string gives them (see `ComplaintFilters`). */
interface ComplaintFilterParams {
  status?: string;
  channel?: string;
  classificationCode?: string;
  section?: string;
  trackingNumber?: string;
  from?: string;
  to?: string;
  q?: string;
}

/** What the read model is asked for; every field optional. */
export interface ComplaintSearchCriteria {
  status?: string;
  channel?: string;
  classificationCode?: string;
  section?: string;
  trackingNumber?: string;
  /** Received at or after. */
  from?: Date;
  /** Received before. */
  to?: Date;
  /** The officer's words: in the tracking number, the confirmed summary, or (by `textMatchIds`) the messages. */
  q?: string;
  /** The office's complaints whose messages intake found the words in. */
  textMatchIds?: readonly string[];
}

/**
 * Turns the search's query string into criteria of the read model (docs/adr/0045): checks what
 * a DTO cannot (the period's order) and asks intake, which alone holds the complainants'
 * messages, for the ids of the office's complaints whose messages match the words. The words
 * are the officer's and may quote a complainant: they go to intake and nowhere else.
 */
@Injectable()
export class ComplaintSearch {
  constructor(private readonly intake: IntakeClient) {}

  async criteriaOf(params: ComplaintFilterParams, user: AuthenticatedUser, correlationId: string): Promise<ComplaintSearchCriteria> {
    const from = params.from ? new Date(params.from) : undefined;
    const to = params.to ? new Date(params.to) : undefined;
    if (from && to && from >= to) throw invalidRequest([{ field: 'to', description: 'to must be later than from' }]);
    const q = params.q?.trim() || undefined;
    const textMatchIds = q
      ? (await this.intake.call('searchComplaintTexts', { actor: grpcActorOf(user), query: q, limit: TEXT_MATCHES_MAX }, correlationId)).complaintIds
      : undefined;
    return {
      ...(params.status ? { status: params.status } : {}),
      ...(params.channel ? { channel: params.channel } : {}),
      ...(params.classificationCode ? { classificationCode: params.classificationCode } : {}),
      ...(params.section ? { section: params.section } : {}),
      ...(params.trackingNumber ? { trackingNumber: params.trackingNumber } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(q ? { q, textMatchIds } : {}),
    };
  }
}

/** The office's complaints meeting the criteria: the list's and the export's one WHERE. */
export function whereCriteria(query: SelectQueryBuilder<ComplaintViewRecord>, officeCode: string, c: ComplaintSearchCriteria): SelectQueryBuilder<ComplaintViewRecord> {
  query.where('v.office_code = :officeCode', { officeCode });
  if (c.status) query.andWhere('v.status = :status', { status: c.status });
  if (c.channel) query.andWhere('v.channel = :channel', { channel: c.channel });
  if (c.classificationCode) query.andWhere('v.classification_code = :classificationCode', { classificationCode: c.classificationCode });
  if (c.section) query.andWhere(':section = ANY(v.sections)', { section: c.section });
  if (c.trackingNumber) query.andWhere('v.tracking_number = :trackingNumber', { trackingNumber: c.trackingNumber });
  if (c.from) query.andWhere('v.received_at >= :from', { from: c.from });
  if (c.to) query.andWhere('v.received_at < :to', { to: c.to });
  if (c.q) {
    const pattern = `%${c.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const ids = [...(c.textMatchIds ?? [])];
    query.andWhere(
      new Brackets((b) => {
        b.where('v.tracking_number ILIKE :pattern', { pattern }).orWhere('v.summary ILIKE :pattern', { pattern });
        if (ids.length > 0) b.orWhere('v.id = ANY(:textMatchIds)', { textMatchIds: ids });
      }),
    );
  }
  return query;
}
