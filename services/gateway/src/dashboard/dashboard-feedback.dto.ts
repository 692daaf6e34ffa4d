import { APPEAL_DECISIONS, APPEAL_TRIGGERS } from '@pengaduan/sop';
import { ApiProperty } from '@nestjs/swagger';

export class RatingCountDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) rating!: number;
  @ApiProperty() count!: number;
}

export class AppealTriggerCountDto {
  @ApiProperty({ enum: APPEAL_TRIGGERS }) trigger!: string;
  @ApiProperty() count!: number;
}

export class AppealReviewCountDto {
  @ApiProperty({ enum: APPEAL_DECISIONS }) decision!: string;
  @ApiProperty({ description: 'The SOP step the decision sends the complaint back to: REDISPOSE 3, REANALYZE 4, UPHOLD 7' }) stepNumber!: number;
  @ApiProperty() count!: number;
}

/**
 * Ratings and appeals of the office's complaints (docs/adr/0053), counted by when they were
 * given (not by when the complaint was received), every round of a complaint included.
 */
export class DashboardFeedbackDto {
  @ApiProperty({ description: 'Ratings given in the period' }) ratings!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Their average (1-5), to two decimals; null without ratings' }) averageRating!: number | null;
  @ApiProperty({ type: [RatingCountDto], description: 'Every rating 1..5, also those not given' }) ratingDistribution!: RatingCountDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Share (0-1) of ratings of POOR_RATING_MAX (2) or less; null without ratings' }) poorRatingShare!: number | null;
  @ApiProperty({ type: [AppealTriggerCountDto], description: 'Appeals opened in the period, by trigger (every trigger)' }) appealsByTrigger!: AppealTriggerCountDto[];
  @ApiProperty({ type: [AppealReviewCountDto], description: 'Appeals reviewed in the period, by decision and the step it sends the complaint back to (every decision)' })
  appealReviews!: AppealReviewCountDto[];
}
