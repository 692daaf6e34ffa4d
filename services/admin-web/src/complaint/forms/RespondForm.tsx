import { FIELD_RULES } from '@pengaduan/sop';
import { useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { TextArea } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { checkText, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

const FORM = 'respond';

/** SOP step 3: the dispositioned section reports back (for the officer's own section). */
export function RespondForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const [response, setResponse] = useState('');
  const labels = { response: t('field.sectionResponse') };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'respondAsSection'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });

  const submit = async () => {
    const found: FieldErrors = {};
    checkText(found, 'response', response, FIELD_RULES.sectionResponse.maxLength);
    if (!command.check(found)) return;
    const result = await command.submit({ response: response.trim() });
    if (result) onAccepted(result);
  };

  return (
    <CommandForm
      formId={FORM}
      title={t('form.respond.title')}
      submitLabel={ACTION_LABELS.respondAsSection[lang]}
      command={command}
      fieldLabels={labels}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <TextArea
        id={fieldId(FORM, 'response')}
        label={labels.response}
        hint={t('form.respond.hint')}
        required
        rows={8}
        maxLength={FIELD_RULES.sectionResponse.maxLength}
        showCount
        value={response}
        onValue={setResponse}
        error={command.errors['response'] ? msg(command.errors['response']) : undefined}
      />
    </CommandForm>
  );
}
