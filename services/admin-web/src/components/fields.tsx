// Form fields: each with its <label>, an optional hint, and its error next to it, tied to the
// control by aria-describedby and marked aria-invalid so a screen reader reads both.
import type { ChangeEvent, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useI18n } from '../i18n/i18n';

interface FieldProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly required?: boolean;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ id, label, required }: { id: string; label: ReactNode; required?: boolean | undefined }) {
  const { t } = useI18n();
  return (
    <label htmlFor={id} className="field__label">
      {label}
      {required ? <span className="field__required"> ({t('form.required')})</span> : <span className="field__optional"> ({t('form.optional')})</span>}
    </label>
  );
}

export function FieldHint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? (
    <p id={`${id}-hint`} className="field__hint">
      {hint}
    </p>
  ) : null;
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="field__error">
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  ) : null;
}

type TextFieldProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
    readonly value: string;
    readonly onValue: (value: string) => void;
  };

export function TextField({ id, label, error, hint, required, value, onValue, className, ...rest }: TextFieldProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} />
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <input
        id={id}
        name={id}
        className="field__control"
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-required={required ? true : undefined}
        {...rest}
      />
    </div>
  );
}

type TextAreaProps = FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'value'> & {
    readonly value: string;
    readonly onValue: (value: string) => void;
    /** Shows "n / max characters" under the box. */
    readonly showCount?: boolean;
  };

export function TextArea({ id, label, error, hint, required, value, onValue, maxLength, showCount, rows = 5, ...rest }: TextAreaProps) {
  const { t, lang } = useI18n();
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <Label id={id} label={label} required={required} />
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <textarea
        id={id}
        name={id}
        className="field__control field__control--textarea"
        rows={rows}
        value={value}
        maxLength={maxLength}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-required={required ? true : undefined}
        {...rest}
      />
      {showCount && maxLength ? (
        <p className="field__count" aria-live="off">
          {t('form.characterCount', { n: value.length.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB'), max: maxLength.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB') })}
        </p>
      ) : null}
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

type SelectFieldProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> & {
    readonly value: string;
    readonly onValue: (value: string) => void;
    readonly options: readonly Option[];
    /** The first, empty choice ("— pilih —"); leave out when a value is always chosen. */
    readonly placeholder?: string;
  };

export function SelectField({ id, label, error, hint, required, value, onValue, options, placeholder, className, ...rest }: SelectFieldProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} />
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <select
        id={id}
        name={id}
        className="field__control"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-required={required ? true : undefined}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField({
  id,
  label,
  hint,
  error,
  checked,
  onChecked,
  disabled,
}: Omit<FieldProps, 'required'> & { readonly checked: boolean; readonly onChecked: (checked: boolean) => void; readonly disabled?: boolean }) {
  return (
    <div className={`field field--checkbox${error ? ' field--invalid' : ''}`}>
      <input
        id={id}
        name={id}
        type="checkbox"
        className="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChecked(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <div>
        <label htmlFor={id} className="field__label field__label--inline">
          {label}
        </label>
        <FieldHint id={id} hint={hint} />
        <FieldError id={id} error={error} />
      </div>
    </div>
  );
}

/** A group of radio buttons in a <fieldset> with its <legend>; the error is tied to every button. */
export function RadioGroup({
  id,
  label,
  hint,
  error,
  required,
  value,
  onValue,
  options,
}: FieldProps & { readonly value: string; readonly onValue: (value: string) => void; readonly options: readonly Option[] }) {
  const { t } = useI18n();
  return (
    <fieldset className={`field fieldset${error ? ' field--invalid' : ''}`} id={id} aria-describedby={describedBy(id, hint, error)}>
      <legend className="field__label">
        {label}
        {required ? <span className="field__required"> ({t('form.required')})</span> : null}
      </legend>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="radio-list">
        {options.map((o, i) => (
          <div className="radio" key={o.value}>
            <input
              type="radio"
              id={`${id}-${i}`}
              name={id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onValue(o.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            <label htmlFor={`${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Every field error of a form at the top, each a link to its field; announced (role="alert"). */
export function ErrorSummary({ errors }: { errors: readonly { id: string; label: string; message: string }[] }) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  return (
    <div className="alert alert--error error-summary" role="alert">
      <span className="alert__icon" aria-hidden="true">
        ⚠
      </span>
      <div>
        <p className="alert__title">{t('form.errorSummary', { n: errors.length })}</p>
        <ul>
          {errors.map((e) => (
            <li key={e.id}>
              <a
                href={`#${e.id}`}
                onClick={(ev) => {
                  ev.preventDefault();
                  const target = document.getElementById(e.id);
                  const focusable = target instanceof HTMLFieldSetElement ? target.querySelector<HTMLElement>('input, select, textarea') : target;
                  focusable?.focus();
                }}
              >
                {e.label}: {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
