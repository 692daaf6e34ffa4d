import type { FormEvent } from 'react';
import { assignFieldErrors } from '../../api/problem';
import { useAuth } from '../../app/auth';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { TextArea, TextField } from '../../components/fields';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/i18n';
import { administersAccounts } from '../../lib/accounts';
import { inputOf, letterheadPreview, OFFICE_PROFILE_INPUTS, OFFICE_PROFILE_PATH, officeProfileBody, validateOfficeProfile, type OfficeProfile, type OfficeProfileInput } from '../../lib/office-profile';
import { serverFieldErrors, type FieldErrors } from '../../lib/validation';
import { AdminTabs } from './AdminTabs';
import { useVersionedDraft, type VersionedDraft } from './use-versioned-draft';

const OPTIONS = {
  path: OFFICE_PROFILE_PATH,
  inputOf,
  validate: validateOfficeProfile,
  bodyOf: officeProfileBody,
  fieldErrorsOf: (errors: Parameters<typeof assignFieldErrors>[0]) => serverFieldErrors(assignFieldErrors(errors, OFFICE_PROFILE_INPUTS).byField),
  conflictCode: 'OFFICE_PROFILE.VERSION_CONFLICT',
} as const;

/**
 * `/administrasi/profil`: the head of office edits the office's profile, its documents'
 * letterhead and contact (docs/adr/0048), with a preview of the letterhead as the documents print
 * it. Saved with the version read (If-Match): a profile changed meanwhile is refused with a
 * message, and the latest can be loaded (the draft is kept until then). Documents made before
 * keep their letterhead.
 */
export function OfficeProfilePage() {
  const { t, msg } = useI18n();
  const { session } = useAuth();
  const head = administersAccounts(session?.user);
  const { view: profile, draft, errors, outcome, outcomeRef, busy, change, save, loadLatest } = useVersionedDraft<OfficeProfile, OfficeProfileInput>(OPTIONS);
  const set = (field: keyof OfficeProfileInput) => (value: string) => change({ [field]: value }, [field]);

  if (!head) {
    return (
      <div className="page">
        <PageHeading title={t('profile.title')}>{t('profile.title')}</PageHeading>
        <ErrorMessage>{t('accounts.forbidden')}</ErrorMessage>
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeading title={t('profile.title')}>{t('profile.title')}</PageHeading>
      <AdminTabs current="adminProfile" />
      <p className="lead">{t('profile.lead')}</p>
      {outcome?.kind === 'saved' || outcome?.kind === 'unchanged' ? (
        <StatusMessage ref={outcomeRef} tone="success">
          {t(outcome.kind === 'saved' ? 'profile.saved' : 'profile.unchanged', { version: outcome.version })}
        </StatusMessage>
      ) : null}
      {outcome?.kind === 'conflict' || outcome?.kind === 'error' ? (
        <ErrorMessage ref={outcomeRef} title={outcome.kind === 'conflict' ? t('profile.conflictTitle') : undefined}>
          <p>{msg(outcome.message)}</p>
          {outcome.kind === 'conflict' ? (
            <button type="button" className="button button--secondary" onClick={() => void loadLatest()}>
              {t('profile.loadLatest')}
            </button>
          ) : null}
        </ErrorMessage>
      ) : null}
      {profile.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
      {profile.state === 'error' ? <ErrorMessage>{profile.status === 0 ? t('error.network') : t('error.unavailable')}</ErrorMessage> : null}
      {draft ? <OfficeProfileForm draft={draft} errors={errors} busy={busy} fromOffice={profile.state === 'ok' && profile.value.source === 'office'} onField={set} onSave={(e) => void save(e)} /> : null}
    </div>
  );
}

/** The form and, beside it, the letterhead as the documents will print what it holds. */
function OfficeProfileForm(props: {
  draft: VersionedDraft<OfficeProfileInput>;
  errors: FieldErrors;
  busy: boolean;
  fromOffice: boolean;
  onField: (field: keyof OfficeProfileInput) => (value: string) => void;
  onSave: (e: FormEvent) => void;
}) {
  const { t, msg } = useI18n();
  const { draft, errors, onField: set } = props;
  const error = (field: keyof OfficeProfileInput) => (errors[field] ? msg(errors[field]) : undefined);
  const lines = letterheadPreview(draft.input);
  return (
    <div className="office-profile">
      <form className="form" noValidate onSubmit={props.onSave} aria-labelledby="profile-form-title">
        <h2 id="profile-form-title">{t('profile.formTitle')}</h2>
        <p>{props.fromOffice ? t('profile.sourceOffice', { version: draft.version }) : t('profile.sourceFile')}</p>
        <TextField id="profile-ministry" label={t('profile.ministry')} required value={draft.input.ministry} onValue={set('ministry')} error={error('ministry')} autoComplete="off" />
        <TextArea id="profile-parent-units" label={t('profile.parentUnits')} hint={t('profile.parentUnitsHint')} value={draft.input.parentUnits} onValue={set('parentUnits')} error={error('parentUnits')} rows={3} />
        <TextField id="profile-name" label={t('profile.name')} required value={draft.input.name} onValue={set('name')} error={error('name')} autoComplete="off" />
        <TextField id="profile-address" label={t('profile.address')} required value={draft.input.address} onValue={set('address')} error={error('address')} autoComplete="off" />
        <TextField id="profile-city" label={t('profile.city')} hint={t('profile.cityHint')} required value={draft.input.city} onValue={set('city')} error={error('city')} autoComplete="off" />
        <TextField id="profile-phone" label={t('profile.phone')} value={draft.input.phone} onValue={set('phone')} error={error('phone')} inputMode="tel" autoComplete="off" />
        <TextField id="profile-email" label={t('profile.email')} value={draft.input.email} onValue={set('email')} error={error('email')} type="email" autoComplete="off" />
        <TextField id="profile-website" label={t('profile.website')} value={draft.input.website} onValue={set('website')} error={error('website')} autoComplete="off" />
        <div className="form-actions">
          <button type="submit" className="button" disabled={props.busy}>
            {t('profile.save')}
          </button>
        </div>
      </form>
      <section className="office-profile__preview" aria-labelledby="profile-preview-title">
        <h2 id="profile-preview-title">{t('profile.previewTitle')}</h2>
        <p className="field__hint">{t('profile.previewHint')}</p>
        {/* The lines the PDFs print, in their order (libs/sop letterheadLines). */}
        <div className="letterhead" role="group" aria-label={t('profile.previewTitle')}>
          <p className="letterhead__ministry">{lines.ministry}</p>
          {lines.parentUnits.map((unit, i) => (
            <p key={i} className="letterhead__unit">
              {unit}
            </p>
          ))}
          <p className="letterhead__office">{lines.office}</p>
          {lines.contact ? <p className="letterhead__contact">{lines.contact}</p> : null}
        </div>
      </section>
    </div>
  );
}
