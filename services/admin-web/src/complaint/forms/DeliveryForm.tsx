import { DELIVERY_METHOD_LABELS, DELIVERY_METHODS, FIELD_RULES } from '@pengaduan/sop';
import { useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { SelectField, TextArea, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { fromWibDateTimeInput, wibDateTimeInputValue } from '../../lib/format';
import { checkRequiredChoice, checkText, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

const FORM = 'delivery';

/** SOP step 8: the officer records that the follow-up information reached the complainant. */
export function DeliveryForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  // A LAPOR! complaint is answered by posting on LAPOR! (docs/adr/0055): that is its only way, offered alone.
  const lapor = detail.channel === 'LAPOR';
  const [method, setMethod] = useState(lapor ? 'LAPOR_POSTED' : '');
  const [deliveredAt, setDeliveredAt] = useState(() => wibDateTimeInputValue(Date.now()));
  const [note, setNote] = useState('');
  const labels = { method: t('field.deliveryMethod'), deliveredAt: t('field.deliveredAt'), note: t('field.note') };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'recordDelivery'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);

  const submit = async () => {
    const found: FieldErrors = {};
    checkRequiredChoice(found, 'method', method);
    const at = fromWibDateTimeInput(deliveredAt);
    if (!at) found['deliveredAt'] = { key: deliveredAt ? 'validation.dateTime' : 'validation.required' };
    else if (Date.parse(at) > Date.now() + 60_000) found['deliveredAt'] = { key: 'validation.future' };
    checkText(found, 'note', note, FIELD_RULES.note.maxLength, false);
    if (!command.check(found) || !at) return;
    const result = await command.submit({ method, deliveredAt: at, ...(note.trim() ? { note: note.trim() } : {}) });
    if (result) onAccepted(result);
  };

  return (
    <CommandForm formId={FORM} title={t('form.delivery.title')} submitLabel={ACTION_LABELS.recordDelivery[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <SelectField
        id={fieldId(FORM, 'method')}
        label={labels.method}
        required
        value={method}
        onValue={setMethod}
        placeholder={t('form.choose')}
        options={DELIVERY_METHODS.filter((m) => (lapor ? m === 'LAPOR_POSTED' : m !== 'LAPOR_POSTED')).map((m) => ({ value: m, label: DELIVERY_METHOD_LABELS[m][lang] }))}
        error={err('method')}
      />
      <TextField
        id={fieldId(FORM, 'deliveredAt')}
        label={labels.deliveredAt}
        hint={t('form.delivery.deliveredAtHint')}
        type="datetime-local"
        required
        max={wibDateTimeInputValue(Date.now())}
        value={deliveredAt}
        onValue={setDeliveredAt}
        error={err('deliveredAt')}
      />
      <TextArea id={fieldId(FORM, 'note')} label={labels.note} hint={t('form.delivery.noteHint')} rows={3} maxLength={FIELD_RULES.note.maxLength} value={note} onValue={setNote} error={err('note')} />
    </CommandForm>
  );
}
