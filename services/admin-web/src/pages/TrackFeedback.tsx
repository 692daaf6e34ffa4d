import { FIELD_RULES, RATING_MAX, RATING_MIN } from '@pengaduan/sop';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { pageProblem } from '../api/problem-message';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../components/Alerts';
import { RadioGroup, TextArea } from '../components/fields';
import { useI18n } from '../i18n/i18n';
import type { ErrorMsg, Msg } from '../i18n/translate';

const RATINGS = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => String(RATING_MIN + i));

interface FeedbackAnswer {
  readonly status: string;
  readonly appealOpened: boolean;
}

/**
 * On `/lacak`, once the complaint is closed (docs/adr/0053): the complainant rates the handling
 * (1-5, an optional comment) or appeals the answer, proved by the same verifier as the tracking.
 */
export function TrackFeedback({ trackingNumber, verifier }: { readonly trackingNumber: string; readonly verifier: string }) {
  const { t, msg } = useI18n();
  const { publicApi } = useAuth();
  const [rating, setRating] = useState('');
  const [text, setText] = useState('');
  const [done, setDone] = useState<Msg | null>(null);
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);
  const [sending, setSending] = useState(false);
  const [key] = useState(() => crypto.randomUUID());

  const send = async (appeal: boolean) => {
    if (sending) return;
    if (!appeal && rating === '') return setProblem({ key: 'validation.required' });
    setSending(true);
    setProblem(null);
    try {
      const body = appeal
        ? { trackingNumber, verifier, ...(text.trim() ? { reason: text.trim() } : {}) }
        : { trackingNumber, verifier, rating: Number(rating), ...(text.trim() ? { comment: text.trim() } : {}) };
      const answer = await publicApi.post<FeedbackAnswer>(`/api/v1/public/tracking/${appeal ? 'appeal' : 'rating'}`, body, { idempotencyKey: `${key}:${appeal ? 'appeal' : 'rating'}` });
      setDone({ key: answer.appealOpened ? 'track.feedback.appealOpened' : 'track.feedback.thanks' });
    } catch (err) {
      setProblem(
        pageProblem(err, ({ status }): Msg | undefined => {
          if (status === 409) return { key: 'track.feedback.notNow' };
          if (err instanceof ApiError && status === 400) return { key: 'track.feedback.refused' };
          return undefined;
        }),
      );
    } finally {
      setSending(false);
    }
  };

  if (done) return <p role="status" className="callout">{msg(done)}</p>;
  return (
    <section className="section" aria-labelledby="track-feedback">
      <h3 id="track-feedback">{t('track.feedback.title')}</h3>
      <p className="muted">{t('track.feedback.lead')}</p>
      {problem ? <ErrorMessage>{msg(problem)}</ErrorMessage> : null}
      <RadioGroup id="track-rating" label={t('track.feedback.rating')} value={rating} onValue={setRating} options={RATINGS.map((r) => ({ value: r, label: r }))} />
      <TextArea id="track-feedback-text" label={t('track.feedback.text')} hint={t('track.feedback.textHint')} rows={3} maxLength={FIELD_RULES.ratingComment.maxLength} value={text} onValue={setText} />
      <div className="form-actions">
        <button type="button" className="button" disabled={sending} onClick={() => void send(false)}>
          {t('track.feedback.rate')}
        </button>
        <button type="button" className="button button--secondary" disabled={sending} onClick={() => void send(true)}>
          {t('track.feedback.appeal')}
        </button>
      </div>
    </section>
  );
}
