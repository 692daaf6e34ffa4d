import { isErrorCode, type ErrorCode } from '@pengaduan/contracts';
import { HTTP_STATUS_OF, ServiceError, unavailableIfTransient, type Logger } from '@pengaduan/runtime';
import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One bad field of a request. */
export interface FieldError {
  /** Path of the field, nested names joined with dots: `contact.email`. */
  field: string;
  message: string;
}

/** An RFC 9457 problem, with the stable `code` a client matches on. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  /** The complaint's current SOP status, for a conflict (illegal transition). */
  state?: string;
  /** For an illegal transition: what the officer may do instead in that state (libs/sop command types). */
  availableActions?: string[];
  /** For a version conflict or a service not caught up: the complaint's version it has (docs/adr/0033). */
  version?: number;
  errors?: FieldError[];
}

/** How a problem should be logged: only what is the server's fault (or its upstream's) is. */
export type ProblemSeverity = 'client' | 'upstream' | 'internal';

/**
 * Maps anything thrown while serving a request to a problem. Pure, so every mapping is
 * unit-tested: a ServiceError (the gateway's own, or intake's via `fromGrpcError`) keeps its
 * kind, code, state and field violations; a Nest HttpException (unknown route, malformed
 * JSON) and a body-parser error (body too large) keep their status; a transient database failure
 * is a retryable 503; anything else is a 500 that says nothing about the cause.
 */
export function toProblem(thrown: unknown, instance: string): { problem: ProblemDetails; severity: ProblemSeverity } {
  // The gateway's own database out of reach (its read model): a retryable 503, as a service answers it.
  const exception = unavailableIfTransient(thrown);
  if (exception instanceof ServiceError) {
    const status = HTTP_STATUS_OF[exception.kind] ?? HttpStatus.INTERNAL_SERVER_ERROR;
    const problem = problemOf(status, exception.code, exception.message, instance);
    const { state, availableActions, version } = exception.details;
    if (typeof state === 'string' && state !== '') problem.state = state;
    if (typeof version === 'number' && Number.isInteger(version)) problem.version = version;
    if (Array.isArray(availableActions) && availableActions.every((a) => typeof a === 'string')) problem.availableActions = availableActions;
    const violations = exception.details.fieldViolations;
    if (Array.isArray(violations) && violations.length > 0) {
      problem.errors = violations.map((v) => ({ field: String(v.field), message: String(v.description ?? '') }));
    }
    return { problem, severity: status >= 500 ? 'upstream' : 'client' };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status >= 500) return internal(instance);
    return { problem: problemOf(status, httpCode(status), exception.message, instance), severity: 'client' };
  }
  if (isClientHttpError(exception)) {
    return { problem: problemOf(exception.status, httpCode(exception.status), exception.message, instance), severity: 'client' };
  }
  return internal(instance);
}

/** A problem with its stable code as its type. */
export function problemOf(status: number, code: ErrorCode, detail: string, instance: string): ProblemDetails {
  return { type: `urn:pengaduan:problem:${code}`, title: STATUS_CODES[status] ?? 'Error', status, detail, instance, code };
}

function internal(instance: string) {
  const problem = problemOf(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', 'an unexpected error occurred; quote the X-Correlation-Id of this response when reporting it', instance);
  return { problem, severity: 'internal' as const };
}

/** `HTTP.NOT_FOUND`, `HTTP.BAD_REQUEST` …: the code of an error that only has a status; `HTTP.CLIENT_ERROR` for a status the catalogue has no code of. */
function httpCode(status: number): ErrorCode {
  const code = `HTTP.${HttpStatus[status] ?? status}`;
  return isErrorCode(code) ? code : 'HTTP.CLIENT_ERROR';
}

/** An `http-errors` error meant for the client, as body-parser throws (413, 415 …). */
function isClientHttpError(e: unknown): e is Error & { status: number } {
  const err = e as { status?: unknown; expose?: unknown } | null;
  return e instanceof Error && typeof err?.status === 'number' && err.status >= 400 && err.status < 500 && err.expose === true;
}

/** Seconds the client should wait before retrying: as the error says, or 5 for any 503. */
export function retryAfterOf(exception: unknown, status: number): number | undefined {
  const given = exception instanceof ServiceError ? exception.details.retryAfterSeconds : undefined;
  if (typeof given === 'number' && Number.isInteger(given) && given > 0) return given;
  return status === HttpStatus.SERVICE_UNAVAILABLE ? 5 : undefined;
}

/** Every error of the REST API leaves as `application/problem+json` (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, severity } = toProblem(exception, (request.originalUrl ?? request.url).split('?')[0]);
    if (severity === 'internal') {
      const err = exception as Error | undefined;
      this.logger.error({ err: { name: err?.name, message: err?.message, stack: err?.stack }, path: problem.instance }, 'unexpected error serving a request');
    } else if (severity === 'upstream') {
      this.logger.warn({ code: problem.code, detail: problem.detail, path: problem.instance }, 'request failed upstream');
    }
    if (response.headersSent) return;
    const retryAfter = retryAfterOf(exception, problem.status);
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    if (problem.status === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer realm="pengaduan"');
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
