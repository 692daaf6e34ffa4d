import { useState } from 'react';
import { useAuth } from '../app/auth';
import { useI18n } from '../i18n/i18n';
import { CommandForm } from './CommandForm';
import { useCommand } from './use-command';

/**
 * Erasure by key destruction (UU 27/2022, docs/adr/0057), for Admin Tikkim on a complaint's page:
 * on the reporter's verified request their data key is destroyed; irreversible, so the form says
 * what it does before it is sent. A second erasure answers PERSONAL_DATA.ERASED.
 */
export function PersonalDataErasure({ complaintId, onErased }: { complaintId: string; onErased: () => void }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const [open, setOpen] = useState(false);
  const command = useCommand<unknown>(`/api/v1/complaints/${encodeURIComponent(complaintId)}/personal-data-erasure`, { knownFields: ['reason'] });
  if (session?.user.role !== 'ADMIN_TIKKIM') return null;
  if (!open) {
    return (
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('erasure.open')}
        </button>
      </div>
    );
  }
  const submit = async () => {
    if ((await command.submit({ reason: 'REQUEST' })) === null) return;
    setOpen(false);
    onErased();
  };
  return (
    <CommandForm formId="personal-data-erasure" title={t('erasure.title')} submitLabel={t('erasure.submit')} command={command} fieldLabels={{ reason: t('erasure.submit') }} onSubmit={() => void submit()} onCancel={() => setOpen(false)}>
      <p>{t('erasure.explain')}</p>
    </CommandForm>
  );
}
