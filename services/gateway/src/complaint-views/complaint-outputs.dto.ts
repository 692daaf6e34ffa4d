import {
  DELIVERY_METHODS,
  DISMISSAL_REASONS,
  DISPOSITION_INSTRUCTIONS,
  FOLLOW_UP_DECISIONS,
  OUTBOUND_CHANNELS,
  SEVERITIES,
  SUBSTANTIATION_LEVELS,
  TEAM_MEMBER_ROLES,
} from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComplaintOutputs } from '../read-model/outputs';

// The OpenAPI shapes of read-model/outputs.ts. Every `at` is the time of the event that
// recorded the output (ISO-8601 UTC).

export class ConfirmationOutputDto {
  @ApiProperty({ example: '03' }) classificationCode!: string;
  @ApiProperty({ description: "The admin's summary (Laporan Terusan Aduan), without personal data" }) summary!: string;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty() confidential!: boolean;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class DismissalOutputDto {
  @ApiProperty({ enum: DISMISSAL_REASONS }) reason!: string;
  @ApiPropertyOptional({ format: 'uuid' }) duplicateOf?: string;
  @ApiPropertyOptional() belongsTo?: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class DispositionSectionOutputDto {
  @ApiProperty({ example: 'INTELDAKIM' }) sectionCode!: string;
  @ApiProperty({ enum: DISPOSITION_INSTRUCTIONS, isArray: true }) instructions!: string[];
  @ApiPropertyOptional() note?: string;
}

export class DispositionOutputDto {
  @ApiProperty({ example: 'LD/BLP/2026/000012' }) sheetNumber!: string;
  @ApiProperty({ type: [DispositionSectionOutputDto] }) sections!: DispositionSectionOutputDto[];
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class SectionResponseOutputDto {
  @ApiProperty({ example: 'INTELDAKIM' }) sectionCode!: string;
  @ApiProperty() response!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class AnalysisOutputDto {
  @ApiProperty() findings!: string;
  @ApiProperty({ enum: SUBSTANTIATION_LEVELS }) substantiated!: string;
  @ApiProperty({ example: '03' }) classificationCode!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty() recommendation!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class FollowUpDecisionOutputDto {
  @ApiProperty({ enum: FOLLOW_UP_DECISIONS }) decision!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class TeamMemberOutputDto {
  @ApiProperty() name!: string;
  @ApiProperty({ example: '198503122010121002' }) nip!: string;
  @ApiProperty() position!: string;
  @ApiProperty({ enum: TEAM_MEMBER_ROLES }) teamRole!: string;
  @ApiPropertyOptional({ format: 'uuid' }) userId?: string;
}

export class TeamDecreeOutputDto {
  @ApiProperty({ example: 'SK/BLP/2026/000003' }) decreeNumber!: string;
  @ApiProperty({ example: '2026-03-16' }) decreeDate!: string;
  @ApiProperty({ type: [TeamMemberOutputDto] }) members!: TeamMemberOutputDto[];
  @ApiProperty() mandate!: string;
  @ApiProperty({ example: '2026-03-16' }) periodStartDate!: string;
  @ApiProperty({ example: '2026-04-15' }) periodEndDate!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class FollowUpInformationOutputDto {
  @ApiProperty({ description: 'Reference to the text kept by notification (the text itself is addressed to the reporter)' }) informationRef!: string;
  @ApiProperty({ enum: OUTBOUND_CHANNELS }) channel!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class DeliveryOutputDto {
  @ApiProperty({ enum: OUTBOUND_CHANNELS }) channel!: string;
  @ApiProperty({ enum: DELIVERY_METHODS }) method!: string;
  @ApiProperty({ format: 'date-time' }) deliveredAt!: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class DeliveryAbandonedOutputDto {
  @ApiProperty({ description: "Why Admin Tikkim stopped trying to reach the reporter (an officer's text, no contact data)" }) reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class RatingOutputDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) rating!: number;
  @ApiProperty({ description: 'Whether the reporter wrote a comment (the text stays in intake)' }) hasComment!: boolean;
  @ApiProperty({ description: "Given within the office's appeal window after closing" }) withinAppealWindow!: boolean;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class AppealOutputDto {
  @ApiProperty({ enum: ['POOR_RATING', 'REQUEST'] }) trigger!: string;
  @ApiProperty({ description: 'Whether the reporter gave a reason (the text stays in intake)' }) hasReason!: boolean;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class AppealReviewOutputDto {
  @ApiProperty({ enum: ['REDISPOSE', 'REANALYZE', 'UPHOLD'] }) decision!: string;
  @ApiPropertyOptional({ description: "The head of office's reason (an officer's text, no contact data)" }) reason?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

const RECORDED_BY = { enum: ['REPORTER', 'OFFICER'], description: 'REPORTER: the reporter on the tracking page or replying on their channel; OFFICER: Admin Tikkim, told by phone or in person' };

export class RoundRatingDto extends RatingOutputDto {
  @ApiProperty(RECORDED_BY) by!: 'REPORTER' | 'OFFICER';
}

export class RoundAppealDto extends AppealOutputDto {
  @ApiProperty(RECORDED_BY) by!: 'REPORTER' | 'OFFICER';
}

/** One closing that was rated or appealed (docs/adr/0053). */
export class FeedbackRoundOutputDto {
  @ApiPropertyOptional({ type: RoundRatingDto }) rating?: RoundRatingDto;
  @ApiPropertyOptional({ type: RoundAppealDto, description: 'POOR_RATING: opened by a rating of 2 or less within the window; REQUEST: asked for' }) appeal?: RoundAppealDto;
  @ApiPropertyOptional({ type: AppealReviewOutputDto }) review?: AppealReviewOutputDto;
}

/** The outputs of the SOP's steps so far; a step not reached is null. */
export class ComplaintOutputsDto implements ComplaintOutputs {
  @ApiProperty({ type: ConfirmationOutputDto, nullable: true, description: 'Step 2: Laporan Terusan Aduan' }) confirmation!: ConfirmationOutputDto | null;
  @ApiProperty({ type: DismissalOutputDto, nullable: true, description: "Step 2's other ending" }) dismissal!: DismissalOutputDto | null;
  @ApiProperty({ type: DispositionOutputDto, nullable: true, description: 'Step 3: Lembar Disposisi' }) disposition!: DispositionOutputDto | null;
  @ApiProperty({ type: [SectionResponseOutputDto], description: "Step 3: the sections' responses, in order" }) sectionResponses!: SectionResponseOutputDto[];
  @ApiProperty({ type: AnalysisOutputDto, nullable: true, description: 'Step 4: Analisis Aduan' }) analysis!: AnalysisOutputDto | null;
  @ApiProperty({ type: FollowUpDecisionOutputDto, nullable: true, description: 'Step 5: Keputusan Tindak Lanjut' }) followUpDecision!: FollowUpDecisionOutputDto | null;
  @ApiProperty({ type: TeamDecreeOutputDto, nullable: true, description: 'Step 6: SK Tim Penanganan Aduan' }) teamDecree!: TeamDecreeOutputDto | null;
  @ApiProperty({ type: FollowUpInformationOutputDto, nullable: true, description: 'Step 7: the follow-up information sent' }) followUpInformation!: FollowUpInformationOutputDto | null;
  @ApiProperty({ type: DeliveryOutputDto, nullable: true, description: 'Step 8: it reached the reporter' }) delivery!: DeliveryOutputDto | null;
  @ApiProperty({ type: DeliveryAbandonedOutputDto, nullable: true, description: 'Step 8 given up: the complaint closed without a delivery (docs/adr/0044)' }) deliveryAbandoned!: DeliveryAbandonedOutputDto | null;
  @ApiProperty({ type: RatingOutputDto, nullable: true, description: "After closing: the reporter's last rating (docs/adr/0053)" }) rating!: RatingOutputDto | null;
  @ApiProperty({ type: AppealOutputDto, nullable: true, description: 'The last appeal opened (docs/adr/0053)' }) appeal!: AppealOutputDto | null;
  @ApiProperty({ type: AppealReviewOutputDto, nullable: true, description: "The head of office's last review of an appeal (docs/adr/0053)" }) appealReview!: AppealReviewOutputDto | null;
  @ApiProperty({ type: [FeedbackRoundOutputDto], description: 'Every closing that was rated or appealed, oldest first (docs/adr/0053)' }) feedbackRounds!: FeedbackRoundOutputDto[];
}
