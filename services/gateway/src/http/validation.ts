import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { ValidationPipe, type ValidationError } from '@nestjs/common';

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

/**
 * Validates every body and query DTO: unknown properties are refused (not silently dropped),
 * values are converted to the DTO's types, and a failure names each bad field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Keep the request's values (personal data among them) out of the errors.
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidRequest(fieldViolationsOf(errors)),
  });
}
