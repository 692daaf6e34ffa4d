import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import type { ErrorMsg, Msg } from '../i18n/translate';
import { focusFirstInvalid } from '../lib/focus';
import { proofBody, proofProblem, type ProofKind } from '../lib/second-factor';
import { ErrorMessage } from './Alerts';
import { ErrorSummary, TextField } from './fields';

/** What a refusal means to the form: an error at one of its fields, or a problem above it (the app's words or the error catalogue's). */
export type ProofRefusal = { readonly field: 'password' | 'proof'; readonly message: Msg } | { readonly problem: Msg | ErrorMsg };

export interface ProofFormProps {
  readonly id: string;
  /** The kinds of proof offered, the first shown first; with two, a button switches. */
  readonly kinds: readonly ProofKind[];
  /** Also ask for the current password. */
  readonly withPassword?: boolean;
  readonly submitLabel: string;
  readonly send: (proof: { code: string } | { recoveryCode: string }, password: string) => Promise<void>;
  /** What a failed `send` means; `null`: the caller took care of it. */
  readonly refusal: (err: unknown) => ProofRefusal | null;
}

/**
 * A second-factor form (ADR 0027): a code of the authenticator app or a recovery code, with the
 * password when asked; checked before it is sent, the gateway's refusals shown where they belong.
 */
export function ProofForm({ id, kinds, withPassword = false, submitLabel, send, refusal }: ProofFormProps) {
  const { t, msg } = useI18n();
  const [kind, setKind] = useState<ProofKind>(kinds[0] ?? 'code');
  const [value, setValue] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ password?: Msg; proof?: Msg }>({});
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const showErrors = (found: { password?: Msg; proof?: Msg }) => {
    setErrors(found);
    window.setTimeout(() => focusFirstInvalid(formRef.current), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    setProblem(null);
    const found: { password?: Msg; proof?: Msg } = {};
    if (withPassword && password === '') found.password = { key: 'validation.required' };
    const proofError = proofProblem(kind, value);
    if (proofError) found.proof = proofError;
    if (found.password || found.proof) return showErrors(found);
    setErrors({});
    setSending(true);
    try {
      await send(proofBody(kind, value), password);
      setValue('');
      setPassword('');
    } catch (err) {
      setValue('');
      const refused = refusal(err);
      if (refused && 'field' in refused) showErrors({ [refused.field]: refused.message });
      else if (refused) setProblem(refused.problem);
    } finally {
      setSending(false);
    }
  };

  const proofId = `${id}-${kind}`;
  const proofLabel = kind === 'code' ? t('secondFactor.code') : t('secondFactor.recoveryCode');
  const summary = [
    ...(errors.password ? [{ id: `${id}-password`, label: t('login.password'), message: msg(errors.password) }] : []),
    ...(errors.proof ? [{ id: proofId, label: proofLabel, message: msg(errors.proof) }] : []),
  ];
  const other = kinds.find((k) => k !== kind);
  return (
    <form ref={formRef} className="form form--compact" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorSummary errors={summary} />
      {problem ? <ErrorMessage ref={problemRef}>{msg(problem)}</ErrorMessage> : null}
      {withPassword ? (
        <TextField
          id={`${id}-password`}
          label={t('login.password')}
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={errors.password ? msg(errors.password) : undefined}
        />
      ) : null}
      <TextField
        key={kind}
        id={proofId}
        label={proofLabel}
        required
        autoComplete={kind === 'code' ? 'one-time-code' : 'off'}
        inputMode={kind === 'code' ? 'numeric' : 'text'}
        spellCheck={false}
        hint={kind === 'code' ? t('secondFactor.codeHint') : t('secondFactor.recoveryCodeHint')}
        value={value}
        onValue={setValue}
        error={errors.proof ? msg(errors.proof) : undefined}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={sending}>
          {submitLabel}
        </button>
        {other ? (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setKind(other);
              setValue('');
              setErrors({});
            }}
          >
            {other === 'recoveryCode' ? t('login.useRecoveryCode') : t('login.useCode')}
          </button>
        ) : null}
        {sending ? <span role="status">{t('form.sending')}</span> : null}
      </div>
    </form>
  );
}
