import { ServiceError } from '@pengaduan/runtime';

/** A class of error a test expects a refusal to be. */
type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/**
 * The error `work` was refused with, for the test to check its code and details. Fails the test
 * when `work` succeeds or fails with anything but a `kind`: a ServiceError unless told (a
 * GrpcRefusal, what GrpcTestClient rejects with, is one).
 */
export function refusal(work: Promise<unknown>): Promise<ServiceError>;
export function refusal<E extends Error>(work: Promise<unknown>, kind: ErrorClass<E>): Promise<E>;
export async function refusal(work: Promise<unknown>, kind: ErrorClass<Error> = ServiceError): Promise<Error> {
  const outcome = await work.then(
    () => ({ refused: false as const }),
    (error: unknown) => ({ refused: true as const, error }),
  );
  if (!outcome.refused) throw new Error(`expected a ${kind.name} refusal, but the work succeeded`);
  if (!(outcome.error instanceof kind)) throw new Error(`expected a ${kind.name} refusal, got ${String(outcome.error)}`);
  return outcome.error;
}
