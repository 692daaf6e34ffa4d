import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { ErrorSummary } from '../components/fields';
import { useI18n } from '../i18n/i18n';
import { focusFirstInvalid } from '../lib/focus';
import type { Command } from './use-command';

/** The id of a form's field control: `confirm-summary`, `team-members-0-nip`. */
export function fieldId(formId: string, field: string): string {
  return `${formId}-${field.replace(/\./g, '-')}`;
}

export interface CommandFormProps {
  readonly formId: string;
  readonly title: string;
  /** The submit button's name: the action's label ("Konfirmasi", "Disposisikan" …). */
  readonly submitLabel: string;
  readonly command: Command<unknown>;
  /** Field path → its label, in the form's order (for the error summary). */
  readonly fieldLabels: Readonly<Record<string, string>>;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  readonly children: ReactNode;
}

/**
 * A command's form, in the page (no modal: nothing is trapped): it takes the focus when it
 * opens, lists the errors at the top and moves the focus to the first bad field, and shows
 * what went wrong otherwise. The submit button is disabled while the command is sent.
 */
export function CommandForm({ formId, title, submitLabel, command, fieldLabels, onSubmit, onCancel, children }: CommandFormProps) {
  const { t, msg } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (command.errorsVersion > 0) focusFirstInvalid(formRef.current);
  }, [command.errorsVersion]);
  useEffect(() => {
    if (command.problem && Object.keys(command.errors).length === 0) problemRef.current?.focus();
  }, [command.problem, command.errors]);

  const summary = Object.entries(command.errors)
    .sort(([a], [b]) => order(fieldLabels, a) - order(fieldLabels, b))
    .map(([field, error]) => ({ id: fieldId(formId, field), label: fieldLabels[field] ?? field, message: msg(error) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!command.sending) onSubmit();
  };

  return (
    <section className="command-form" aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`} ref={headingRef} tabIndex={-1} className="command-form__title">
        {title}
      </h3>
      <form ref={formRef} id={formId} className="form" noValidate onSubmit={submit}>
        <ErrorSummary errors={summary} />
        {command.problem ? <ErrorMessage ref={problemRef}>{msg(command.problem)}</ErrorMessage> : null}
        {children}
        <div className="form-actions">
          <button type="submit" className="button" disabled={command.sending}>
            {submitLabel}
          </button>
          <button type="button" className="button button--ghost" onClick={onCancel} disabled={command.sending}>
            {t('common.cancel')}
          </button>
          {command.sending ? (
            <StatusMessage>{command.retryingIn !== null ? t('command.retryingIn', { seconds: command.retryingIn }) : t('form.sending')}</StatusMessage>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function order(labels: Readonly<Record<string, string>>, field: string): number {
  const i = Object.keys(labels).indexOf(field);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}
