import type { ErrorCode } from '@pengaduan/contracts/error-catalogue';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import type { FieldError } from '../../api/problem';
import { pageProblem } from '../../api/problem-message';
import { useLoadable } from '../../api/use-loadable';
import { useAuth } from '../../app/auth';
import type { ErrorMsg, Msg } from '../../i18n/translate';
import type { Loadable } from '../../lib/loadable';
import { newUuid } from '../../lib/uuid';
import type { FieldErrors } from '../../lib/validation';

/** How a save ended: saved as a new version, nothing to change, refused because another version came meanwhile, or another problem. */
export type DraftOutcome = { kind: 'saved' | 'unchanged'; version: number } | { kind: 'conflict' | 'error'; message: Msg | ErrorMsg };

/** The form on a thing read at `version`, with the Idempotency-Key of this edit (kept for a retry of the same save). */
export interface VersionedDraft<I> {
  readonly version: number;
  readonly input: I;
  readonly key: string;
}

export interface VersionedDraftOptions<V extends { version: number }, I> {
  /** Read with GET, saved with PUT (If-Match: the version read). */
  path: string;
  inputOf: (value: V) => I;
  /** What the form refuses before it sends. */
  validate: (input: I) => FieldErrors;
  bodyOf: (input: I) => unknown;
  /** The gateway's field errors of a 400, as the form shows them. */
  fieldErrorsOf: (fields: readonly FieldError[]) => FieldErrors;
  /** The code of a save on a version that is not the newest any more. */
  conflictCode: ErrorCode;
}

/**
 * An edit page of one versioned thing of the office (its profile, its SLA policy; the head of
 * office's): the thing read, a draft of it that a reload never overwrites while it is edited, a
 * save with the version read as If-Match, the outcome (focused when it changes), and, after a
 * conflict, `loadLatest` to give the draft up for the thing as it is now.
 */
export function useVersionedDraft<V extends { version: number }, I>(options: VersionedDraftOptions<V, I>) {
  const { api } = useAuth();
  const { path } = options;
  const read = useCallback(() => api.get<V>(path), [api, path]);
  const [view, load] = useLoadable(read);
  const [draft, setDraft] = useState<VersionedDraft<I> | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<DraftOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const { inputOf } = options;

  useEffect(() => {
    if (view.state === 'ok') setDraft((d) => (d && d.version === view.value.version ? d : { version: view.value.version, input: inputOf(view.value), key: newUuid() }));
  }, [view, inputOf]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  /** Changes the draft; the errors of the fields it names are cleared. */
  const change = (next: Partial<I>, fields: readonly string[]) => {
    setDraft((d) => (d ? { ...d, input: { ...d.input, ...next } } : d));
    if (fields.some((f) => errors[f])) setErrors((all) => Object.fromEntries(Object.entries(all).filter(([f]) => !fields.includes(f))));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const found = options.validate(draft.input);
    setErrors(found);
    setOutcome(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const saved = await api.put<V>(path, options.bodyOf(draft.input), { idempotencyKey: draft.key, ifMatch: draft.version });
      setDraft({ version: saved.version, input: inputOf(saved), key: newUuid() });
      setOutcome({ kind: saved.version === draft.version ? 'unchanged' : 'saved', version: saved.version });
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.problem.errors.length > 0) setErrors(options.fieldErrorsOf(err.problem.errors));
      else setOutcome({ kind: err instanceof ApiError && err.code === options.conflictCode ? 'conflict' : 'error', message: pageProblem(err) });
    } finally {
      setBusy(false);
    }
  };

  const loadLatest = async () => {
    setDraft(null);
    setOutcome(null);
    await load();
  };

  return { view: view as Loadable<V>, draft, errors, outcome, outcomeRef, busy, change, save, loadLatest };
}
