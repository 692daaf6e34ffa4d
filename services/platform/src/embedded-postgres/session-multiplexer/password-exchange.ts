import { SCRAM_SHA_256, ScramExchange, type ScramVerifier } from '../scram';
import { AUTH_SASL, AUTH_SASL_CONTINUE, AUTH_SASL_FINAL, authenticationRequest, isStartupMessage, saslInitialResponse, saslResponse, startupParameters } from '../wire-protocol';
import type { Session } from './session';

/** What a message of the password exchange leads to: an answer, a refusal, or (the password proved) the last answer and the startup packet for the backend. */
export type ExchangeStep =
  | { kind: 'answer'; bytes: Uint8Array }
  | { kind: 'refuse'; code: string; message: string }
  | { kind: 'proved'; bytes: Uint8Array; startup: Uint8Array };

/**
 * One step of the password exchange, which needs no backend (so it never waits for others'
 * transactions): StartupMessage → AuthenticationSASL; SASLInitialResponse →
 * AuthenticationSASLContinue; SASLResponse → AuthenticationSASLFinal, then the startup packet goes
 * to the backend, which answers AuthenticationOk, its parameters and ReadyForQuery. Anything else:
 * refused.
 */
export function passwordExchangeStep(session: Session, message: Uint8Array, verifiers: ReadonlyMap<string, ScramVerifier>): ExchangeStep {
  const auth = session.auth;
  if (!auth) {
    const user = isStartupMessage(message) ? startupParameters(message)['user'] : undefined;
    if (!user) return { kind: 'refuse', code: '28000', message: 'no PostgreSQL user name specified in startup packet' };
    session.auth = { startup: Uint8Array.from(message), user, scram: new ScramExchange(verifiers.get(user)), answered: false };
    return { kind: 'answer', bytes: authenticationRequest(AUTH_SASL, `${SCRAM_SHA_256}\0\0`) };
  }
  const failed: ExchangeStep = { kind: 'refuse', code: '28P01', message: `password authentication failed for user "${auth.user}"` };
  if (!auth.answered) {
    const initial = saslInitialResponse(message);
    const serverFirst = initial?.mechanism === SCRAM_SHA_256 ? auth.scram.first(initial.data) : undefined;
    if (serverFirst === undefined) return failed;
    auth.answered = true;
    return { kind: 'answer', bytes: authenticationRequest(AUTH_SASL_CONTINUE, serverFirst) };
  }
  const response = saslResponse(message);
  const serverFinal = response === undefined ? undefined : auth.scram.final(response);
  if (serverFinal === undefined) return failed;
  session.authenticated = true;
  session.auth = undefined;
  return { kind: 'proved', bytes: authenticationRequest(AUTH_SASL_FINAL, serverFinal), startup: auth.startup };
}
