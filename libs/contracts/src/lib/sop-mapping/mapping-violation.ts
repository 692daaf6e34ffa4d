import { ContractViolation } from '../contract-violation';

/** A value that cannot be mapped between libs/sop and the wire. */
export function violation(problem: string): ContractViolation {
  return new ContractViolation('cannot map between libs/sop and the wire', [problem]);
}
