// Sending one command from a form: JSON with an Idempotency-Key made when the form opened and
// kept for a retry of the same request (a lost answer, a service that had not caught up), so
// the gateway records it once; every answer turned into what the form shows.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { PROBLEM_CODES } from '../api/problem';
import { useAuth } from '../app/auth';
import type { ErrorMsg, Msg } from '../i18n/translate';
import { newUuid } from '../lib/uuid';
import type { FieldErrors } from '../lib/validation';
import { failureOf } from './command-failure';

/** How often a command is sent again after COMPLAINT.NOT_CAUGHT_UP before the officer is told. */
const MAX_CATCH_UP_RETRIES = 5;
const DEFAULT_RETRY_AFTER_SECONDS = 2;

export interface CommandOptions {
  /** The form's field paths, to put the gateway's field errors next to them. */
  readonly knownFields: readonly string[];
  /** Renames a gateway field path to the form's (e.g. `lines.0.note` → `section.INTELDAKIM.note`). */
  readonly renameField?: (field: string) => string;
  /** The complaint moved on (409, or 412 past the version the form was opened on): the page reloads its actions. */
  readonly onConflict?: () => void;
  /** The version of the complaint the form was opened on, sent as If-Match (docs/adr/0033). */
  readonly ifMatch?: number;
}

export interface Command<T> {
  readonly sending: boolean;
  readonly errors: FieldErrors;
  readonly problem: Msg | ErrorMsg | null;
  /** Seconds until a command the service had not caught up on is sent again; null when not waiting. */
  readonly retryingIn: number | null;
  /** Changes whenever new errors are shown, so the form moves the focus to the first. */
  readonly errorsVersion: number;
  /** Shows the form's own checks; true when there were none. */
  check(errors: FieldErrors): boolean;
  /** Sends the body; the answer, or null when it failed (the form then shows why). */
  submit(body: unknown): Promise<T | null>;
}

export function useCommand<T>(url: string, options: CommandOptions): Command<T> {
  const { api } = useAuth();
  const keyRef = useRef(newUuid());
  const mounted = useRef(true);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);
  const [retryingIn, setRetryingIn] = useState<number | null>(null);
  const [errorsVersion, setErrorsVersion] = useState(0);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const check = useCallback((found: FieldErrors) => {
    setErrors(found);
    setProblem(null);
    const ok = Object.keys(found).length === 0;
    if (!ok) setErrorsVersion((v) => v + 1);
    return ok;
  }, []);

  const submit = useCallback(
    async (body: unknown): Promise<T | null> => {
      setSending(true);
      setProblem(null);
      setErrors({});
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            const ifMatch = optionsRef.current.ifMatch;
            const answer = await api.post<T>(url, body, { idempotencyKey: keyRef.current, ...(ifMatch !== undefined ? { ifMatch } : {}) });
            keyRef.current = newUuid();
            return answer;
          } catch (err) {
            if (!mounted.current) return null;
            if (!(err instanceof ApiError)) {
              setProblem({ key: 'error.unexpected' });
              return null;
            }
            if (err.code === PROBLEM_CODES.notCaughtUp && attempt < MAX_CATCH_UP_RETRIES) {
              await countDown(err.problem.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS, setRetryingIn, mounted);
              if (!mounted.current) return null;
              continue;
            }
            const shown = failureOf(err, optionsRef.current);
            // Only an answer that never came (or a service down) may be the same request again.
            if (!shown.keepKey) keyRef.current = newUuid();
            if (shown.fieldErrors) {
              setErrors(shown.fieldErrors);
              setErrorsVersion((v) => v + 1);
            }
            setProblem(shown.problem);
            if ((err.status === 409 && err.code !== PROBLEM_CODES.notCaughtUp) || err.status === 412) optionsRef.current.onConflict?.();
            return null;
          }
        }
      } finally {
        if (mounted.current) {
          setSending(false);
          setRetryingIn(null);
        }
      }
    },
    [api, url],
  );

  return { sending, errors, problem, retryingIn, errorsVersion, check, submit };
}

async function countDown(seconds: number, show: (s: number | null) => void, mounted: { current: boolean }): Promise<void> {
  for (let left = Math.max(1, Math.ceil(seconds)); left > 0 && mounted.current; left--) {
    show(left);
    await new Promise((resolve) => window.setTimeout(resolve, 1_000));
  }
  if (mounted.current) show(null);
}
