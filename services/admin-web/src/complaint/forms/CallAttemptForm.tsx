import { CALL_ATTEMPT_OUTCOMES, FIELD_RULES } from '@pengaduan/sop';
import { useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { RadioGroup, TextArea, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { fromWibDateTimeInput, wibDateTimeInputValue } from '../../lib/format';
import { checkRequiredChoice, checkText, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

const FORM = 'callAttempt';

/** The retry time the form proposes: an hour from now. */
const DEFAULT_RETRY_MS = 60 * 60_000;

/**
 * SOP step 8, a call that did not reach the complainant (docs/adr/0044): try again later (the
 * call task waits until then), or stop with a reason, which closes the complaint without a
 * delivery.
 */
export function CallAttemptForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const [outcome, setOutcome] = useState('');
  const [retryAt, setRetryAt] = useState(() => wibDateTimeInputValue(Date.now() + DEFAULT_RETRY_MS));
  const [reason, setReason] = useState('');
  const labels = { outcome: t('form.callAttempt.outcome'), retryAt: t('form.callAttempt.retryAt'), reason: t('form.callAttempt.reason') };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'recordCallAttempt'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);

  const submit = async () => {
    const found: FieldErrors = {};
    checkRequiredChoice(found, 'outcome', outcome);
    const at = outcome === 'NOT_REACHABLE' ? fromWibDateTimeInput(retryAt) : null;
    if (outcome === 'NOT_REACHABLE') {
      if (!at) found['retryAt'] = { key: retryAt ? 'validation.dateTime' : 'validation.required' };
      else if (Date.parse(at) <= Date.now()) found['retryAt'] = { key: 'validation.notAhead' };
    }
    if (outcome === 'GIVE_UP') checkText(found, 'reason', reason, FIELD_RULES.callGiveUpReason.maxLength);
    if (!command.check(found)) return;
    const body = outcome === 'NOT_REACHABLE' ? { outcome, retryAt: at } : { outcome, reason: reason.trim() };
    const result = await command.submit(body);
    if (result) onAccepted(result);
  };

  return (
    <CommandForm formId={FORM} title={t('form.callAttempt.title')} submitLabel={ACTION_LABELS.recordCallAttempt[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <RadioGroup
        id={fieldId(FORM, 'outcome')}
        label={labels.outcome}
        required
        value={outcome}
        onValue={setOutcome}
        options={CALL_ATTEMPT_OUTCOMES.map((o) => ({ value: o, label: t(`form.callAttempt.${o}`) }))}
        error={err('outcome')}
      />
      {outcome === 'NOT_REACHABLE' ? (
        <TextField
          id={fieldId(FORM, 'retryAt')}
          label={labels.retryAt}
          hint={t('form.callAttempt.retryAtHint')}
          type="datetime-local"
          required
          min={wibDateTimeInputValue(Date.now())}
          value={retryAt}
          onValue={setRetryAt}
          error={err('retryAt')}
        />
      ) : null}
      {outcome === 'GIVE_UP' ? (
        <TextArea
          id={fieldId(FORM, 'reason')}
          label={labels.reason}
          hint={t('form.callAttempt.reasonHint')}
          required
          rows={3}
          maxLength={FIELD_RULES.callGiveUpReason.maxLength}
          value={reason}
          onValue={setReason}
          error={err('reason')}
        />
      ) : null}
    </CommandForm>
  );
}
