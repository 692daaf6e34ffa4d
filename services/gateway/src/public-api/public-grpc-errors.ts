import { create, toBinary } from '@bufbuild/protobuf';
import { anyPack, type Any } from '@bufbuild/protobuf/wkt';
import { googleRpc, GRPC_STATUS_OF_KIND } from '@pengaduan/contracts';
import { ERROR_CODE_KEY, ServiceError, type FieldViolation, type Logger } from '@pengaduan/runtime';
import { Metadata, status, type ServiceError as GrpcServiceError } from '@grpc/grpc-js';

/** The trailer the standard rich error model travels in (a serialized `google.rpc.Status`). */
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
/** `google.rpc.ErrorInfo.domain` of every error of the public API. */
export const ERROR_DOMAIN = 'pengaduan.gateway';

/** A request's field as the proto names it: `receivedAt` → `received_at`, `contact.phone` stays. */
export function protoFieldName(field: string): string {
  return field
    .split('.')
    .map((part) => part.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))
    .join('.');
}

/** `COMPLAINT.ILLEGAL_TRANSITION` → `COMPLAINT_ILLEGAL_TRANSITION` (ErrorInfo reasons are UPPER_SNAKE_CASE). */
export function errorReason(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'UNKNOWN';
}

/** Details of a ServiceError as ErrorInfo metadata: strings only, the state and available actions among them. */
function metadataOf(err: ServiceError): Record<string, string> {
  const metadata: Record<string, string> = { code: err.code };
  for (const [key, value] of Object.entries(err.details)) {
    if (key === 'fieldViolations' || value === undefined || value === null) continue;
    metadata[key] = Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return metadata;
}

/**
 * A ServiceError (ours or a service's, as the gRPC clients give them back) as the public API's
 * gRPC error: the status of its kind, its message, and `google.rpc.Status` in
 * `grpc-status-details-bin` with `ErrorInfo` (reason, domain, metadata such as `state`) and,
 * for INVALID_ARGUMENT, `BadRequest` naming each field as the proto does. Anything else is
 * INTERNAL, logged, without its message.
 */
export function toPublicGrpcError(err: unknown, logger: Logger): Partial<GrpcServiceError> {
  if (!(err instanceof ServiceError)) {
    logger.error({ err: { message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'unexpected error in a public gRPC call');
    return richError(status.INTERNAL, 'internal error', 'INTERNAL', [
      anyPack(googleRpc.ErrorInfoSchema, create(googleRpc.ErrorInfoSchema, { reason: 'INTERNAL', domain: ERROR_DOMAIN })),
    ]);
  }
  const code = status[GRPC_STATUS_OF_KIND[err.kind]];
  const details = [anyPack(googleRpc.ErrorInfoSchema, create(googleRpc.ErrorInfoSchema, { reason: errorReason(err.code), domain: ERROR_DOMAIN, metadata: metadataOf(err) }))];
  const violations: FieldViolation[] = err.details.fieldViolations ?? [];
  if (code === status.INVALID_ARGUMENT && violations.length > 0) {
    details.push(
      anyPack(
        googleRpc.BadRequestSchema,
        create(googleRpc.BadRequestSchema, { fieldViolations: violations.map((v) => ({ field: protoFieldName(v.field), description: v.description })) }),
      ),
    );
  }
  if (code === status.FAILED_PRECONDITION && typeof err.details.state === 'string') {
    details.push(
      anyPack(
        googleRpc.PreconditionFailureSchema,
        create(googleRpc.PreconditionFailureSchema, { violations: [{ type: 'STATE', subject: `complaint state ${err.details.state}`, description: err.message }] }),
      ),
    );
  }
  return richError(code, err.message, err.code, details);
}

function richError(code: status, message: string, errorCode: string, details: Any[]): Partial<GrpcServiceError> {
  const metadata = new Metadata();
  const bytes = toBinary(googleRpc.StatusSchema, create(googleRpc.StatusSchema, { code, message, details }));
  metadata.set(STATUS_DETAILS_KEY, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  metadata.set(ERROR_CODE_KEY, errorCode);
  return { code, details: message, metadata };
}
