import type { ComplaintOutputs, FeedbackRound } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Fact, Output } from './OutputParts';

type Decision = 'REDISPOSE' | 'REANALYZE' | 'UPHOLD';

/** When a round began: its rating, else its appeal, else its review. */
function startOf(round: FeedbackRound): string {
  return round.rating?.at ?? round.appeal?.at ?? round.review?.at ?? '';
}

/** One closing that was rated or appealed: the rating, the appeal and its origin, the head of office's decision with its reason. */
function Round({ round, n }: { round: FeedbackRound; n: number }) {
  const { t } = useI18n();
  const { rating, appeal, review } = round;
  return (
    <Output title={t('outputs.feedbackRound', { n })} at={startOf(round)}>
      {rating ? (
        <>
          <Fact term={t('outputs.rating')}>{`${t('outputs.ratingValue', { rating: rating.rating })}, ${t(rating.hasComment ? 'outputs.withComment' : 'outputs.withoutComment')}`}</Fact>
          <Fact term={t('outputs.appealWindow')}>{t(rating.withinAppealWindow ? 'outputs.withinAppealWindow' : 'outputs.outsideAppealWindow')}</Fact>
          <Fact term={t('outputs.ratedBy')}>{t(rating.by === 'OFFICER' ? 'outputs.by.OFFICER' : 'outputs.by.REPORTER')}</Fact>
        </>
      ) : null}
      {appeal ? (
        <Fact term={t('outputs.appeal')}>
          {`${t(appeal.trigger === 'POOR_RATING' ? 'outputs.appealTrigger.POOR_RATING' : 'outputs.appealTrigger.REQUEST')}, ${t(appeal.hasReason ? 'outputs.withReason' : 'outputs.withoutReason')}; ${t(appeal.by === 'OFFICER' ? 'outputs.by.OFFICER' : 'outputs.by.REPORTER')}`}
        </Fact>
      ) : null}
      {appeal && !review ? <Fact term={t('outputs.appealReview')}>{t('outputs.reviewPending')}</Fact> : null}
      {review ? (
        <>
          <Fact term={t('outputs.appealReview')}>{t(`form.reviewAppeal.${review.decision as Decision}`)}</Fact>
          {review.reason ? (
            <Fact term={t('form.reviewAppeal.reason')}>
              <span className="preserve-lines">{review.reason}</span>
            </Fact>
          ) : null}
        </>
      ) : null}
    </Output>
  );
}

/** After closing (docs/adr/0053): each closing that was rated or appealed, oldest first. */
export function FeedbackRounds({ outputs }: { outputs: ComplaintOutputs }) {
  return (
    <>
      {(outputs.feedbackRounds ?? []).map((round, i) => (
        <Round key={startOf(round)} round={round} n={i + 1} />
      ))}
    </>
  );
}
