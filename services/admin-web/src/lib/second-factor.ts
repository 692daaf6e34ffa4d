// The officers' second factor (TOTP, ADR 0027) as the gateway answers it: the login's two
// answers, the status and enrolment of `/api/v1/auth/totp`, and the codes an officer types.
import { sessionFromLogin, type Session } from '../app/session';
import type { Msg } from '../i18n/translate';

/** What `POST /api/v1/auth/login` (or its second step) answered: a session, or a challenge for the code. */
export type LoginAnswer =
  | { readonly kind: 'session'; readonly session: Session; /** The office policy requires a second factor: the token only enrols one. */ readonly enrolmentRequired: boolean }
  | { readonly kind: 'challenge'; readonly challenge: string };

export function loginAnswerOf(body: unknown, now: number): LoginAnswer | null {
  const b = body as Record<string, unknown> | null;
  if (typeof b === 'object' && b !== null && b['secondFactorRequired'] === true && typeof b['challenge'] === 'string') return { kind: 'challenge', challenge: b['challenge'] };
  const session = sessionFromLogin(body, now);
  return session ? { kind: 'session', session, enrolmentRequired: b?.['secondFactorEnrolmentRequired'] === true } : null;
}

/** `GET /api/v1/auth/totp`. */
export interface SecondFactorStatus {
  readonly enabled: boolean;
  readonly pending: boolean;
  readonly requiredByPolicy: boolean;
  readonly recoveryCodesLeft: number;
}

/** `POST /api/v1/auth/totp/enrolment`: the secret, this once. */
export interface SecondFactorEnrolment {
  readonly secret: string;
  readonly otpauthUri: string;
}

/** Which of the two proofs the officer types: the app's code or a recovery code. */
export type ProofKind = 'code' | 'recoveryCode';

/** What is wrong with a typed code of that kind, or null: 6 digits, or 16 letters and digits (spaces and dashes aside). */
export function proofProblem(kind: ProofKind, value: string): Msg | null {
  const plain = value.replace(/[\s-]+/g, '');
  if (plain === '') return { key: 'validation.required' };
  if (kind === 'code') return /^\d{6}$/.test(plain) ? null : { key: 'secondFactor.codeFormat' };
  return /^[0-9A-Za-z]{16}$/.test(plain) ? null : { key: 'secondFactor.recoveryCodeFormat' };
}

/** The body of a proof as the gateway takes it: `{ code }` or `{ recoveryCode }`. */
export function proofBody(kind: ProofKind, value: string): { code: string } | { recoveryCode: string } {
  return kind === 'code' ? { code: value.replace(/\s+/g, '') } : { recoveryCode: value.trim() };
}

/** The secret in groups of four, easier to type into an app. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
