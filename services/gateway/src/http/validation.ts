import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';

/** Code of a request the gateway itself rejects as malformed (bad fields, headers or path). */
export const INVALID_REQUEST = 'REQUEST.INVALID';

/** A 400 naming every bad field; the problem-details filter turns it into `errors`. */
export function invalidRequest(violations: FieldViolation[]): ServiceError {
  return new ServiceError('invalid', INVALID_REQUEST, 'the request is not valid; see errors', { fieldViolations: violations });
}

/**
 * One violation per bad field, nested fields named with dots (`contact.email`). The messages
 * are class-validator's, which name the property but never echo its value.
 */
export function fieldViolationsOf(errors: readonly ValidationError[], parent?: string): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property || '(body)';
    const own = error.constraints ? [{ field, description: Object.values(error.constraints).join('; ') }] : [];
    return [...own, ...fieldViolationsOf(error.children ?? [], field)];
  });
}

/** How deep a request body may nest: the deepest DTO (a disposition's lines and their instructions) needs 3. */
export const MAX_BODY_DEPTH = 16;

/**
 * The top-level field under which `value` nests deeper than {@link MAX_BODY_DEPTH}, if any.
 * Iterative: the value may be nested thousands deep, which is what it looks for.
 */
export function tooDeepField(value: unknown): string | undefined {
  const stack: [unknown, number, string][] = [[value, 0, '(body)']];
  while (stack.length > 0) {
    const [v, depth, field] = stack.pop() as [unknown, number, string];
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_BODY_DEPTH) return field;
    for (const [key, child] of Object.entries(v)) stack.push([child, depth + 1, depth === 0 ? key : field]);
  }
  return undefined;
}

/**
 * class-transformer and Nest's ValidationPipe recurse once per level of a body: one nested a
 * few thousand deep (a few kB, well within the JSON limit) would overflow the stack and be
 * answered 500. It is refused first, with a 400 naming the field.
 */
class DepthLimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = tooDeepField(value);
    if (field !== undefined) throw invalidRequest([{ field, description: `is nested more than ${MAX_BODY_DEPTH} levels deep` }]);
    return super.transform(value, metadata);
  }
}

/**
 * Validates every body and query DTO: unknown properties are refused (not silently dropped),
 * values are converted to the DTO's types, a failure names each bad field, and a body nested
 * deeper than any DTO is refused before it is walked.
 */
export function createValidationPipe(): ValidationPipe {
  return new DepthLimitedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Keep the request's values (personal data among them) out of the errors.
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidRequest(fieldViolationsOf(errors)),
  });
}
