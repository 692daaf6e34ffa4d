import { FIELD_RULES } from '@pengaduan/sop';
import { useState } from 'react';
import type { ComplaintMessages } from '../api/types';
import { useAuth } from '../app/auth';
import { TextArea, TextField } from '../components/fields';
import { useI18n } from '../i18n/i18n';
import { checkText, type FieldErrors } from '../lib/validation';
import { CommandForm, fieldId } from './CommandForm';
import { useCommand } from './use-command';

type Action = 'restrict' | 'lift' | 'correct';
const REASON = FIELD_RULES.contactRightsReason;
const CONTACT_FIELDS = ['name', 'phone', 'email', 'handle'] as const;
const LABEL = { name: 'field.contactName', phone: 'field.contactPhone', email: 'field.contactEmail', handle: 'field.contactHandle' } as const;

const urlOf = (complaintId: string, action: Action) =>
  `/api/v1/complaints/${encodeURIComponent(complaintId)}/${action === 'correct' ? 'contact-correction' : action === 'lift' ? 'contact-restriction/lift' : 'contact-restriction'}`;

/**
 * The complainant's rights over their contact (UU 27/2022, docs/adr/0056), for Admin Tikkim on a
 * complaint's page: restrict its processing (no message goes out, no one sees it), lift that, or
 * correct it at the person's request. Each with a reason, recorded in intake.
 */
export function ContactRights({ complaintId, messages, onChanged }: { complaintId: string; messages: ComplaintMessages; onChanged: () => void }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const [open, setOpen] = useState<Action | null>(null);
  if (session?.user.role !== 'ADMIN_TIKKIM') return null;
  if (open) {
    return (
      <ContactRightsForm
        complaintId={complaintId}
        action={open}
        current={messages.contact ?? {}}
        onCancel={() => setOpen(null)}
        onDone={() => {
          setOpen(null);
          onChanged();
        }}
      />
    );
  }
  const restricted = messages.contactRestricted === true;
  return (
    <div className="form-actions">
      <button type="button" className="button button--secondary" onClick={() => setOpen(restricted ? 'lift' : 'restrict')}>
        {t(restricted ? 'contactRights.lift' : 'contactRights.restrict')}
      </button>
      <button type="button" className="button button--secondary" onClick={() => setOpen('correct')}>
        {t('contactRights.correct')}
      </button>
    </div>
  );
}

function ContactRightsForm({ complaintId, action, current, onDone, onCancel }: { complaintId: string; action: Action; current: Partial<Record<(typeof CONTACT_FIELDS)[number], string>>; onDone: () => void; onCancel: () => void }) {
  const { t, msg } = useI18n();
  const form = `contact-rights-${action}`;
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState<Record<string, string>>({ name: current.name ?? '', phone: current.phone ?? '', email: current.email ?? '', handle: current.handle ?? '' });
  const fields = action === 'correct' ? CONTACT_FIELDS : [];
  const labels: Record<string, string> = { ...Object.fromEntries(fields.map((f) => [`contact.${f}`, t(LABEL[f])])), reason: t('contactRights.reason') };
  const command = useCommand<unknown>(urlOf(complaintId, action), { knownFields: Object.keys(labels) });
  const submit = async () => {
    const found: FieldErrors = {};
    checkText(found, 'reason', reason, REASON.maxLength);
    if (!command.check(found)) return;
    const given = Object.fromEntries(CONTACT_FIELDS.flatMap((f) => (contact[f]?.trim() ? [[f, contact[f].trim()]] : [])));
    if ((await command.submit({ reason: reason.trim(), ...(action === 'correct' ? { contact: given } : {}) })) !== null) onDone();
  };
  return (
    <CommandForm formId={form} title={t(`contactRights.${action}Title`)} submitLabel={t(`contactRights.${action}`)} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      {fields.map((f) => (
        <TextField
          key={f}
          id={fieldId(form, `contact.${f}`)}
          label={t(LABEL[f])}
          value={contact[f] ?? ''}
          onValue={(v) => setContact((c) => ({ ...c, [f]: v }))}
          error={command.errors[`contact.${f}`] ? msg(command.errors[`contact.${f}`]) : undefined}
        />
      ))}
      <TextArea
        id={fieldId(form, 'reason')}
        label={labels['reason']}
        hint={t('contactRights.reasonHint')}
        required
        rows={3}
        maxLength={REASON.maxLength}
        showCount
        value={reason}
        onValue={setReason}
        error={command.errors['reason'] ? msg(command.errors['reason']) : undefined}
      />
    </CommandForm>
  );
}
