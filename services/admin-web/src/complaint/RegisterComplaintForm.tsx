import { CHANNEL_LABELS, FIELD_RULES } from '@pengaduan/sop';
import { useState } from 'react';
import type { ComplaintRegistered } from '../api/types';
import { CheckboxField, RadioGroup, TextArea, TextField } from '../components/fields';
import { useI18n } from '../i18n/i18n';
import { fromWibDateTimeInput, wibDateTimeInputValue } from '../lib/format';
import { checkEmail, checkPhone, checkRequiredChoice, checkText, type FieldErrors } from '../lib/validation';
import { CommandForm, fieldId } from './CommandForm';
import { useCommand } from './use-command';

const FORM = 'register';
/**
 * The channels an officer types a complaint in for (a phone call, a visit, a report that came
 * through SP4N-LAPOR!, docs/adr/0055); the others arrive by their webhooks.
 */
export const REGISTER_CHANNELS = ['PHONE', 'WALK_IN', 'LAPOR'] as const;

/** SOP step 1 for a complaint by phone or in person: Admin Tikkim types it in (`POST /api/v1/complaints`). */
export function RegisterComplaintForm({ onRegistered, onCancel }: { onRegistered: (r: ComplaintRegistered) => void; onCancel: () => void }) {
  const { t, lang, msg } = useI18n();
  const [channel, setChannel] = useState<string>('PHONE');
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [confidential, setConfidential] = useState(false);
  const [receivedAt, setReceivedAt] = useState('');
  const [laporReportNumber, setLaporReportNumber] = useState('');
  const lapor = channel === 'LAPOR';
  const labels = {
    channel: t('field.channel'),
    laporReportNumber: t('field.laporReportNumber'),
    text: t('field.complaintText'),
    'contact.name': t('field.contactName'),
    'contact.phone': t('field.contactPhone'),
    'contact.email': t('field.contactEmail'),
    anonymous: t('field.anonymous'),
    confidential: t('field.confidential'),
    receivedAt: t('field.receivedAt'),
  };
  const command = useCommand<ComplaintRegistered>('/api/v1/complaints', { knownFields: Object.keys(labels) });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);

  const submit = async () => {
    const found: FieldErrors = {};
    checkRequiredChoice(found, 'channel', channel);
    if (lapor && !laporReportNumber.trim()) found['laporReportNumber'] = { key: 'validation.required' };
    else if (lapor && !FIELD_RULES.laporReportNumber.pattern.test(laporReportNumber.trim())) found['laporReportNumber'] = { key: 'validation.laporReportNumber' };
    checkText(found, 'text', text, FIELD_RULES.reporterText.maxLength);
    checkText(found, 'contact.name', name, FIELD_RULES.reporterName.maxLength, false);
    checkPhone(found, 'contact.phone', phone);
    checkEmail(found, 'contact.email', email);
    const at = receivedAt ? fromWibDateTimeInput(receivedAt) : null;
    if (receivedAt && !at) found['receivedAt'] = { key: 'validation.dateTime' };
    else if (at && Date.parse(at) > Date.now() + 60_000) found['receivedAt'] = { key: 'validation.future' };
    if (!command.check(found)) return;
    const contact = {
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
    };
    const result = await command.submit({
      channel,
      ...(lapor ? { laporReportNumber: laporReportNumber.trim() } : {}),
      text: text.trim(),
      ...(Object.keys(contact).length > 0 ? { contact } : {}),
      anonymous,
      confidential,
      ...(at ? { receivedAt: at } : {}),
    });
    if (result) onRegistered(result);
  };

  return (
    <CommandForm formId={FORM} title={t('register.title')} submitLabel={t('register.submit')} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <RadioGroup
        id={fieldId(FORM, 'channel')}
        label={labels.channel}
        required
        value={channel}
        onValue={setChannel}
        options={REGISTER_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c][lang] }))}
        error={err('channel')}
      />
      {lapor ? (
        <TextField
          id={fieldId(FORM, 'laporReportNumber')}
          label={labels.laporReportNumber}
          hint={t('register.laporReportNumberHint')}
          required
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          value={laporReportNumber}
          onValue={setLaporReportNumber}
          error={err('laporReportNumber')}
        />
      ) : null}
      <TextArea id={fieldId(FORM, 'text')} label={labels.text} hint={t('register.textHint')} required rows={8} maxLength={FIELD_RULES.reporterText.maxLength} showCount value={text} onValue={setText} error={err('text')} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">{t('register.contactLegend')}</legend>
        <TextField id={fieldId(FORM, 'contact.name')} label={labels['contact.name']} maxLength={FIELD_RULES.reporterName.maxLength} autoComplete="off" value={name} onValue={setName} error={err('contact.name')} />
        <TextField id={fieldId(FORM, 'contact.phone')} label={labels['contact.phone']} type="tel" inputMode="tel" autoComplete="off" value={phone} onValue={setPhone} error={err('contact.phone')} />
        <TextField id={fieldId(FORM, 'contact.email')} label={labels['contact.email']} type="email" autoComplete="off" value={email} onValue={setEmail} error={err('contact.email')} />
      </fieldset>
      <CheckboxField id={fieldId(FORM, 'anonymous')} label={labels.anonymous} hint={t('report.anonymousHint')} checked={anonymous} onChecked={setAnonymous} error={err('anonymous')} />
      <CheckboxField id={fieldId(FORM, 'confidential')} label={labels.confidential} hint={t('report.confidentialHint')} checked={confidential} onChecked={setConfidential} error={err('confidential')} />
      <TextField
        id={fieldId(FORM, 'receivedAt')}
        label={labels.receivedAt}
        hint={t('register.receivedAtHint')}
        type="datetime-local"
        max={wibDateTimeInputValue(Date.now())}
        value={receivedAt}
        onValue={setReceivedAt}
        error={err('receivedAt')}
      />
    </CommandForm>
  );
}
