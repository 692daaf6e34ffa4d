import { ApiProperty } from '@nestjs/swagger';
import { PageQuery } from '../http/page-query';

/** Longest page of posting tasks, and its length when the caller does not say. */
export const MAX_LAPOR_POSTINGS_LIMIT = 100;

/** `GET /lapor-postings`. */
export class ListLaporPostingsQuery extends PageQuery(MAX_LAPOR_POSTINGS_LIMIT) {}

/**
 * A complaint that came through SP4N-LAPOR! whose follow-up information is written (step 7) and
 * awaits its posting on LAPOR! (docs/adr/0055): Admin Tikkim copies the information (the Informasi
 * Tindak Lanjut), posts it on LAPOR! under the report number, and records it
 * (`POST …/delivery-confirmation` with method `LAPOR_POSTED`), which closes the complaint.
 */
export class LaporPostingDto {
  @ApiProperty({ format: 'uuid' })
  complaintId!: string;

  @ApiProperty({ example: 'BLP-2026-000123' })
  trackingNumber!: string;

  @ApiProperty({ example: '6123456', description: 'The report number on SP4N-LAPOR! to post the answer under' })
  laporReportNumber!: string;

  @ApiProperty({ format: 'date-time', description: 'When the follow-up information was written (step 7) and the task opened' })
  openedAt!: string;
}

export class LaporPostingListDto {
  @ApiProperty({ type: [LaporPostingDto], description: 'Oldest first' })
  items!: LaporPostingDto[];

  @ApiProperty({ description: 'How many posting tasks are open in all' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}

/** `GET /lapor-postings/{id}/text`: what Admin Tikkim copies and posts on SP4N-LAPOR! (docs/adr/0055). */
export class LaporPostingTextDto {
  @ApiProperty({ format: 'uuid' })
  complaintId!: string;

  @ApiProperty({ example: 'BLP-2026-000123' })
  trackingNumber!: string;

  @ApiProperty({ type: String, nullable: true, example: '6123456', description: 'The report number on SP4N-LAPOR!; null for a complaint that did not come through LAPOR!' })
  laporReportNumber!: string | null;

  @ApiProperty({ description: 'The follow-up information of step 7 exactly as written (the newest, after an upheld appeal), to post as the answer' })
  text!: string;

  @ApiProperty({ format: 'date-time' })
  writtenAt!: string;
}
