import { COMPLAINT_CLASSIFICATIONS, FIELD_RULES } from '@pengaduan/sop';
import { useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { CheckboxField, SelectField, TextArea } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { classificationLabel } from '../../lib/sop-labels';
import { checkRequiredChoice, checkText, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

const FORM = 'confirm';

/** SOP step 2: Admin Tikkim confirms the complaint (Laporan Terusan Aduan). */
export function ConfirmForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang } = useI18n();
  const [classificationCode, setClassificationCode] = useState(detail.classificationCode ?? '');
  const [summary, setSummary] = useState(detail.summary ?? '');
  const [anonymous, setAnonymous] = useState(detail.anonymous);
  const [confidential, setConfidential] = useState(detail.confidential);
  const labels = { classificationCode: t('field.classification'), summary: t('field.summary'), anonymous: t('field.anonymous'), confidential: t('field.confidential') };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'confirm'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });
  const { msg } = useI18n();
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);

  const submit = async () => {
    const found: FieldErrors = {};
    checkRequiredChoice(found, 'classificationCode', classificationCode);
    checkText(found, 'summary', summary, FIELD_RULES.summary.maxLength);
    if (!command.check(found)) return;
    const result = await command.submit({ classificationCode, summary: summary.trim(), anonymous, confidential });
    if (result) onAccepted(result);
  };

  return (
    <CommandForm formId={FORM} title={t('form.confirm.title')} submitLabel={ACTION_LABELS.confirm[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <SelectField
        id={fieldId(FORM, 'classificationCode')}
        label={labels.classificationCode}
        required
        value={classificationCode}
        onValue={setClassificationCode}
        placeholder={t('form.choose')}
        options={COMPLAINT_CLASSIFICATIONS.map((c) => ({ value: c.code, label: classificationLabel(c.code, lang) }))}
        error={err('classificationCode')}
      />
      <TextArea
        id={fieldId(FORM, 'summary')}
        label={labels.summary}
        hint={t('form.confirm.summaryHint')}
        required
        maxLength={FIELD_RULES.summary.maxLength}
        showCount
        value={summary}
        onValue={setSummary}
        error={err('summary')}
      />
      <CheckboxField id={fieldId(FORM, 'anonymous')} label={labels.anonymous} hint={t('form.confirm.anonymousHint')} checked={anonymous} onChecked={setAnonymous} error={err('anonymous')} />
      <CheckboxField id={fieldId(FORM, 'confidential')} label={labels.confidential} hint={t('form.confirm.confidentialHint')} checked={confidential} onChecked={setConfidential} error={err('confidential')} />
    </CommandForm>
  );
}
