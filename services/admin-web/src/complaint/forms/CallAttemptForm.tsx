import { CALL_ATTEMPT_OUTCOMES, FIELD_RULES } from '@pengaduan/sop';
import { useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { RadioGroup, TextArea, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS, type MessageKey } from '../../i18n/messages';
import { fromWibDateTimeInput, wibDateTimeInputValue } from '../../lib/format';
import { purposeLabel } from '../../lib/sop-labels';
import { checkRequiredChoice, checkText, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

const FORM = 'callAttempt';

/** The retry time the form proposes: an hour from now. */
const DEFAULT_RETRY_MS = 60 * 60_000;

/** Told on the phone: for the acknowledgement only (step 8's information told is "Catat penyampaian", docs/adr/0051). */
const TOLD = 'TOLD';

/** The outcomes a call about this notice may have: the acknowledgement may also be told right away. */
function outcomesFor(purpose: string | undefined): readonly string[] {
  return purpose === 'ACKNOWLEDGEMENT' ? [TOLD, ...CALL_ATTEMPT_OUTCOMES] : CALL_ATTEMPT_OUTCOMES;
}

/**
 * A call to the complainant about a notice no channel delivered (docs/adr/0044, 0051): which
 * notice (the acknowledgement, the follow-up information or the dismissal notice; the gateway says
 * which await a call), then what came of it. The acknowledgement may be told on the phone (the
 * tracking number given; the complaint goes on), for any notice the call may have not reached the
 * complainant (try again later: the call task waits until then) or be given up with a reason
 * (step 8's information: the complaint closes without a delivery; the acknowledgement: that notice
 * alone ends). Step 8's information told on the phone is recorded with "Catat penyampaian".
 */
export function CallAttemptForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  // An older gateway names no purposes: the call is about step 8's information, as before.
  const purposes = detail.callPurposes ?? [];
  const [purpose, setPurpose] = useState<string | undefined>(purposes[0]);
  const [outcome, setOutcome] = useState('');
  const [retryAt, setRetryAt] = useState(() => wibDateTimeInputValue(Date.now() + DEFAULT_RETRY_MS));
  const [reason, setReason] = useState('');
  const labels = { purpose: t('form.callAttempt.purpose'), outcome: t('form.callAttempt.outcome'), retryAt: t('form.callAttempt.retryAt'), reason: t('form.callAttempt.reason') };
  const options = { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version };
  const call = useCommand<CommandResult>(commandUrl(detail.id, 'recordCallAttempt'), options);
  const told = useCommand<CommandResult>(commandUrl(detail.id, 'recordDelivery'), options);
  const command = outcome === TOLD ? told : call;
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);
  const outcomes = outcomesFor(purpose);

  const choosePurpose = (value: string) => {
    setPurpose(value);
    if (!outcomesFor(value).includes(outcome)) setOutcome('');
  };

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
    const about = purpose === undefined ? {} : { purpose };
    const body =
      outcome === TOLD
        ? { ...about, method: 'PHONE_CALL', deliveredAt: new Date().toISOString() }
        : outcome === 'NOT_REACHABLE'
          ? { ...about, outcome, retryAt: at }
          : { ...about, outcome, reason: reason.trim() };
    const result = await command.submit(body);
    if (result) onAccepted(result);
  };

  const reasonHint: MessageKey = purpose === 'ACKNOWLEDGEMENT' ? 'form.callAttempt.reasonHintAcknowledgement' : 'form.callAttempt.reasonHint';
  return (
    <CommandForm formId={FORM} title={t('form.callAttempt.title')} submitLabel={ACTION_LABELS.recordCallAttempt[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      {purposes.length > 0 ? (
        <RadioGroup
          id={fieldId(FORM, 'purpose')}
          label={labels.purpose}
          required
          value={purpose ?? ''}
          onValue={choosePurpose}
          options={purposes.map((p) => ({ value: p, label: purposeLabel(p, lang) }))}
          error={err('purpose')}
        />
      ) : null}
      <RadioGroup
        id={fieldId(FORM, 'outcome')}
        label={labels.outcome}
        hint={purpose === 'ACKNOWLEDGEMENT' ? undefined : t('form.callAttempt.deliveryHint', { action: ACTION_LABELS.recordDelivery[lang] })}
        required
        value={outcome}
        onValue={setOutcome}
        options={outcomes.map((o) => ({ value: o, label: t(`form.callAttempt.${o}` as MessageKey) }))}
        error={err('outcome')}
      />
      {outcome === TOLD ? <p className="field__hint">{t('form.callAttempt.toldHint')}</p> : null}
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
          hint={t(reasonHint)}
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
