import { FIELD_RULES } from '@pengaduan/sop';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { invalidRequest } from './validation';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** The key becomes part of the command's request id (FIELD_RULES.requestId). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = FIELD_RULES.requestId.maxLength;

/**
 * The caller's `Idempotency-Key` header, 1-200 printable characters. `@IdempotencyKey()` makes
 * it required (400 naming the header when missing); `@IdempotencyKey({ optional: true })`
 * answers `undefined` when it is absent.
 */
export const IdempotencyKey = createParamDecorator((options: { optional?: boolean } | undefined, ctx: ExecutionContext): string | undefined => {
  const key = ctx.switchToHttp().getRequest<Request>().header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) {
    if (options?.optional) return undefined;
    throw invalidRequest([{ field: IDEMPOTENCY_KEY_HEADER, description: 'is required: a key of your own (e.g. a UUID) per command, the same on every retry of it' }]);
  }
  if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x20-\x7e]+$/.test(key)) {
    throw invalidRequest([{ field: IDEMPOTENCY_KEY_HEADER, description: `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` }]);
  }
  return key;
});
