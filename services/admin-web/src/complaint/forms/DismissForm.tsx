import { DISMISSAL_REASON_LABELS, DISMISSAL_REASONS, FIELD_RULES } from '@pengaduan/sop';
import { useState } from 'react';
import { queryString } from '../../api/client';
import { commandUrl } from '../../api/commands';
import type { CommandResult, ComplaintList } from '../../api/types';
import { useAuth } from '../../app/auth';
import { RadioGroup, TextArea, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { checkRequiredChoice, checkText, TRACKING_NUMBER_PATTERN, UUID_PATTERN, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

const FORM = 'dismiss';

/** SOP step 2's other ending: Admin Tikkim dismisses a message that is not a complaint to handle. */
export function DismissForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const { api } = useAuth();
  const [reason, setReason] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [belongsTo, setBelongsTo] = useState('');
  const [note, setNote] = useState('');
  const labels = { reason: t('field.dismissalReason'), duplicateOf: t('field.duplicateOf'), belongsTo: t('field.belongsTo'), note: t('field.note') };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'dismiss'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);

  /** The original's id: officers know tracking numbers, the gateway wants the complaint id. */
  const resolveOriginal = async (value: string): Promise<string | FieldErrors> => {
    const v = value.trim();
    if (UUID_PATTERN.test(v)) return v.toLowerCase() === detail.id.toLowerCase() ? { duplicateOf: { key: 'validation.duplicateOfSelf' } } : v;
    const number = v.toUpperCase();
    if (!TRACKING_NUMBER_PATTERN.test(number)) return { duplicateOf: { key: 'validation.duplicateOf' } };
    if (number === detail.trackingNumber) return { duplicateOf: { key: 'validation.duplicateOfSelf' } };
    try {
      const found = await api.get<ComplaintList>(`/api/v1/complaints${queryString({ trackingNumber: number, limit: 1 })}`);
      const original = found.items[0];
      return original ? original.id : { duplicateOf: { key: 'validation.duplicateOfUnknown', params: { number } } };
    } catch {
      return { duplicateOf: { key: 'validation.duplicateOfLookupFailed' } };
    }
  };

  const submit = async () => {
    const found: FieldErrors = {};
    checkRequiredChoice(found, 'reason', reason);
    if (reason === 'DUPLICATE') checkText(found, 'duplicateOf', duplicateOf, 100);
    if (reason === 'NOT_OUR_AUTHORITY') checkText(found, 'belongsTo', belongsTo, FIELD_RULES.belongsTo.maxLength);
    checkText(found, 'note', note, FIELD_RULES.note.maxLength, false);
    if (!command.check(found)) return;
    let original: string | undefined;
    if (reason === 'DUPLICATE') {
      const resolved = await resolveOriginal(duplicateOf);
      if (typeof resolved !== 'string') {
        command.check(resolved);
        return;
      }
      original = resolved;
    }
    const result = await command.submit({
      reason,
      ...(original ? { duplicateOf: original } : {}),
      ...(reason === 'NOT_OUR_AUTHORITY' ? { belongsTo: belongsTo.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (result) onAccepted(result);
  };

  return (
    <CommandForm formId={FORM} title={t('form.dismiss.title')} submitLabel={ACTION_LABELS.dismiss[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <RadioGroup
        id={fieldId(FORM, 'reason')}
        label={labels.reason}
        required
        value={reason}
        onValue={setReason}
        options={DISMISSAL_REASONS.map((r) => ({ value: r, label: DISMISSAL_REASON_LABELS[r][lang] }))}
        error={err('reason')}
      />
      {reason === 'DUPLICATE' ? (
        <TextField
          id={fieldId(FORM, 'duplicateOf')}
          label={labels.duplicateOf}
          hint={t('form.dismiss.duplicateOfHint')}
          required
          autoComplete="off"
          spellCheck={false}
          value={duplicateOf}
          onValue={setDuplicateOf}
          error={err('duplicateOf')}
        />
      ) : null}
      {reason === 'NOT_OUR_AUTHORITY' ? (
        <TextField
          id={fieldId(FORM, 'belongsTo')}
          label={labels.belongsTo}
          hint={t('form.dismiss.belongsToHint')}
          required
          maxLength={FIELD_RULES.belongsTo.maxLength}
          value={belongsTo}
          onValue={setBelongsTo}
          error={err('belongsTo')}
        />
      ) : null}
      <TextArea id={fieldId(FORM, 'note')} label={labels.note} hint={t('form.dismiss.noteHint')} maxLength={FIELD_RULES.note.maxLength} value={note} onValue={setNote} error={err('note')} />
    </CommandForm>
  );
}
