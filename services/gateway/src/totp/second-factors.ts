import { Clock, ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { matchTotpStep, recoveryCodeHash } from './totp';
import { TotpCredentials } from './totp-credentials';
import { SealedSecretError } from './totp-secret-box';

/** What proves the second factor: a code of the officer's app, or one of their recovery codes. */
export type SecondFactorProof = { code: string } | { recoveryCode: string };

/** A body that carries a {@link SecondFactorProof}: exactly one of the two. */
export interface SecondFactorProofBody {
  code?: string;
  recoveryCode?: string;
}

/** The proof of a body; 400 `REQUEST.INVALID` naming both fields unless exactly one is given. */
export function proofOf(body: SecondFactorProofBody): SecondFactorProof {
  if (body.code !== undefined && body.recoveryCode === undefined) return { code: body.code };
  if (body.recoveryCode !== undefined && body.code === undefined) return { recoveryCode: body.recoveryCode };
  const description = 'give exactly one of code and recoveryCode';
  throw new ServiceError('invalid', 'REQUEST.INVALID', description, {
    fieldViolations: [
      { field: 'code', description },
      { field: 'recoveryCode', description },
    ],
  });
}

/**
 * Checks an officer's second factor: a code of the current time step or one either side, never
 * of a step already used (the step is taken in the same update that checks it), or an unused
 * recovery code (taken the same way). Answers what was used, or undefined when the proof is wrong.
 */
@Injectable()
export class SecondFactors {
  constructor(
    private readonly credentials: TotpCredentials,
    private readonly clock: Clock,
  ) {}

  async verify(accountId: string, proof: SecondFactorProof): Promise<'code' | 'recovery-code' | undefined> {
    if ('recoveryCode' in proof) return (await this.credentials.takeRecoveryCode(accountId, recoveryCodeHash(proof.recoveryCode), this.clock.now())) ? 'recovery-code' : undefined;
    const credential = await this.openCredential(accountId);
    if (!credential?.active) return undefined;
    const step = matchTotpStep(credential.secret, proof.code, this.clock.now());
    if (step === undefined || (credential.lastUsedStep !== null && step <= credential.lastUsedStep)) return undefined;
    return (await this.credentials.takeStep(accountId, step)) ? 'code' : undefined;
  }

  /** The credential; a 409 `AUTH.SECOND_FACTOR_UNREADABLE` when its secret no longer opens (another GATEWAY_JWT_SECRET). */
  async openCredential(accountId: string) {
    try {
      return await this.credentials.of(accountId);
    } catch (err) {
      if (!(err instanceof SealedSecretError)) throw err;
      throw new ServiceError('conflict', 'AUTH.SECOND_FACTOR_UNREADABLE', `${err.message}: use a recovery code, then turn the second factor off and enrol it again`);
    }
  }
}
