import { FIELD_RULES, FOLLOW_UP_DECISION_LABELS, FOLLOW_UP_DECISIONS } from '@pengaduan/sop';
import { useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { RadioGroup, TextArea } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { checkRequiredChoice, checkText, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

const FORM = 'decide';

/** SOP step 5: the head of the IT section decides the follow-up (Keputusan Tindak Lanjut). */
export function DecideForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const labels = { decision: t('field.decision'), reason: t('field.decisionReason') };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'decideFollowUp'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);

  const submit = async () => {
    const found: FieldErrors = {};
    checkRequiredChoice(found, 'decision', decision);
    checkText(found, 'reason', reason, FIELD_RULES.followUpReason.maxLength);
    if (!command.check(found)) return;
    const result = await command.submit({ decision, reason: reason.trim() });
    if (result) onAccepted(result);
  };

  const analysis = detail.outputs.analysis;
  return (
    <CommandForm formId={FORM} title={t('form.decide.title')} submitLabel={ACTION_LABELS.decideFollowUp[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      {analysis ? (
        <div className="callout">
          <p className="callout__title">{t('form.decide.recommendation')}</p>
          <p className="preserve-lines">{analysis.recommendation}</p>
        </div>
      ) : null}
      <RadioGroup
        id={fieldId(FORM, 'decision')}
        label={labels.decision}
        required
        value={decision}
        onValue={setDecision}
        options={FOLLOW_UP_DECISIONS.map((d) => ({ value: d, label: FOLLOW_UP_DECISION_LABELS[d][lang] }))}
        error={err('decision')}
      />
      <TextArea
        id={fieldId(FORM, 'reason')}
        label={labels.reason}
        hint={t('form.decide.reasonHint')}
        required
        rows={4}
        maxLength={FIELD_RULES.followUpReason.maxLength}
        value={reason}
        onValue={setReason}
        error={err('reason')}
      />
    </CommandForm>
  );
}
