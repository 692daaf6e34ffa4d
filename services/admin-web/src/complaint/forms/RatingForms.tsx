import { APPEAL_DECISIONS, FIELD_RULES, RATING_MAX, RATING_MIN } from '@pengaduan/sop';
import { useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { RadioGroup, TextArea } from '../../components/fields';
import { GuideLink } from '../../components/GuideLink';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { checkRequiredChoice, checkText, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

// After closing (docs/adr/0053): Admin Tikkim records the complainant's rating or appeal given by
// phone or in person; the head of office reviews an appeal.

const RATINGS = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => String(RATING_MIN + i));

/** Admin Tikkim records the complainant's rating (1-5, an optional comment). */
export function RatingForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const labels = { rating: t('form.rate.rating'), comment: t('form.rate.comment') };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'rate'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);
  const submit = async () => {
    const found: FieldErrors = {};
    checkRequiredChoice(found, 'rating', rating);
    checkText(found, 'comment', comment, FIELD_RULES.ratingComment.maxLength, false);
    if (!command.check(found)) return;
    const result = await command.submit({ rating: Number(rating), ...(comment.trim() ? { comment: comment.trim() } : {}) });
    if (result) onAccepted(result);
  };
  return (
    <CommandForm formId="rate" title={t('form.rate.title')} submitLabel={ACTION_LABELS.rate[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <p className="muted">
        {t('form.rate.lead')} <GuideLink section="penilaian-banding" />
      </p>
      <RadioGroup id={fieldId('rate', 'rating')} label={labels.rating} required value={rating} onValue={setRating} options={RATINGS.map((r) => ({ value: r, label: r }))} error={err('rating')} />
      <TextArea id={fieldId('rate', 'comment')} label={labels.comment} hint={t('form.rate.commentHint')} rows={3} maxLength={FIELD_RULES.ratingComment.maxLength} value={comment} onValue={setComment} error={err('comment')} />
    </CommandForm>
  );
}

/** Admin Tikkim records the complainant's appeal (an optional reason). */
export function AppealForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const [reason, setReason] = useState('');
  const labels = { reason: t('form.appeal.reason') };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'appeal'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);
  const submit = async () => {
    const found: FieldErrors = {};
    checkText(found, 'reason', reason, FIELD_RULES.appealReason.maxLength, false);
    if (!command.check(found)) return;
    const result = await command.submit(reason.trim() ? { reason: reason.trim() } : {});
    if (result) onAccepted(result);
  };
  return (
    <CommandForm formId="appeal" title={t('form.appeal.title')} submitLabel={ACTION_LABELS.appeal[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <p className="muted">
        {t('form.appeal.lead')} <GuideLink section="penilaian-banding" />
      </p>
      <TextArea id={fieldId('appeal', 'reason')} label={labels.reason} hint={t('form.rate.commentHint')} rows={3} maxLength={FIELD_RULES.appealReason.maxLength} value={reason} onValue={setReason} error={err('reason')} />
    </CommandForm>
  );
}

/** The head of office reviews an appeal: a new disposition, a new analysis, or the answer upheld with a reason. */
export function ReviewAppealForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const labels = { decision: t('form.reviewAppeal.decision'), reason: t('form.reviewAppeal.reason') };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'reviewAppeal'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);
  const submit = async () => {
    const found: FieldErrors = {};
    checkRequiredChoice(found, 'decision', decision);
    checkText(found, 'reason', reason, FIELD_RULES.appealReviewReason.maxLength, decision === 'UPHOLD');
    if (!command.check(found)) return;
    const result = await command.submit({ decision, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (result) onAccepted(result);
  };
  return (
    <CommandForm formId="reviewAppeal" title={t('form.reviewAppeal.title')} submitLabel={ACTION_LABELS.reviewAppeal[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <p className="muted">
        {t('form.reviewAppeal.lead')} <GuideLink section="penilaian-banding" />
      </p>
      <RadioGroup
        id={fieldId('reviewAppeal', 'decision')}
        label={labels.decision}
        required
        value={decision}
        onValue={setDecision}
        options={APPEAL_DECISIONS.map((d) => ({ value: d, label: t(`form.reviewAppeal.${d}`) }))}
        error={err('decision')}
      />
      <TextArea id={fieldId('reviewAppeal', 'reason')} label={labels.reason} hint={t('form.reviewAppeal.reasonHint')} required={decision === 'UPHOLD'} rows={4} maxLength={FIELD_RULES.appealReviewReason.maxLength} value={reason} onValue={setReason} error={err('reason')} />
    </CommandForm>
  );
}
