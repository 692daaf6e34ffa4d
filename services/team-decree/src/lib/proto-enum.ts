import { ContractViolation, type EnumMapping } from '@pengaduan/contracts';

/**
 * The libs/sop value of a request's proto enum (`Substantiation.YES` → `'YES'`) by the
 * contracts' own mapping, or `undefined` for `UNSPECIFIED` or a number the contract does not
 * know, so that the handler refuses the field by name.
 */
export function sopValueOf<S extends string, P extends number>(mapping: EnumMapping<S, P>, value: P): S | undefined {
  try {
    return mapping.fromProto(value);
  } catch (err) {
    if (err instanceof ContractViolation) return undefined;
    throw err;
  }
}
