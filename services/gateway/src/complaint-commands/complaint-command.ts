import { applyDecorators, HttpCode, HttpStatus, ParseUUIDPipe, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { BEARER_AUTH } from '../http/configure-http';
import { versionTag } from '../http/entity-tags';
import { IDEMPOTENCY_KEY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { invalidRequest } from '../http/validation';

/** What every command use case gets from its controller. */
export interface ComplaintCommandInput<B> {
  complaintId: string;
  body: B;
  user: AuthenticatedUser;
  idempotencyKey: string;
  correlationId: string;
  /** The version the client named in `If-Match` (docs/adr/0033). */
  ifMatch?: number;
}

/** The `{id}` of a complaint route: a UUID, else 400 naming `id`. */
export const ComplaintIdPipe = new ParseUUIDPipe({ exceptionFactory: () => invalidRequest([{ field: 'id', description: 'id must be a UUID' }]) });

/** The OpenAPI description every command on a complaint shares: bearer auth, the required key, its errors. */
export function ApiComplaintCommand(summary: string, description: string) {
  return applyDecorators(
    HttpCode(HttpStatus.OK),
    UseInterceptors(VersionTagInterceptor),
    ApiBearerAuth(BEARER_AUTH),
    ApiOperation({ summary, description }),
    ApiParam({ name: 'id', format: 'uuid', description: 'The complaint' }),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: true,
      description: `Required, 1-${MAX_IDEMPOTENCY_KEY_LENGTH} characters (e.g. a UUID), one per command. A retry with the same key answers the first result and records nothing again.`,
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The ETag of the answer or view the officer acted on (e.g. "7"). The service first catches up with that version; ' +
        'if the complaint has moved past it, 412 COMPLAINT.VERSION_CONFLICT. Without it the command is never refused for being early either: ' +
        'the gateway makes the service catch up with its own last answer and view of the complaint.',
    }),
    ApiProblemResponses(
      [400, 'The body or the Idempotency-Key is missing or not valid (each bad field named in errors)'],
      [401, 'No valid access token'],
      [403, "The SOP does not let the officer's role (or section) do this"],
      [404, "No such complaint in the officer's office"],
      [
        409,
        'COMPLAINT.ILLEGAL_TRANSITION: not allowed in the complaint\'s current state (state and availableActions say what is); ' +
          'COMPLAINT.NOT_CAUGHT_UP: the service that handles the step did not reach the complaint\'s version within its wait: retry after Retry-After seconds with the same Idempotency-Key',
      ],
      [412, 'COMPLAINT.VERSION_CONFLICT: the complaint has moved past the version named in If-Match (another officer acted): reload it'],
      [422, 'The Idempotency-Key was already used for a different request'],
      [503, 'The service that handles the step is not reachable; retry with the same Idempotency-Key'],
    ),
  );
}

/** Puts a command answer's version in its `ETag` (docs/adr/0033). */
class VersionTagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result: unknown) => {
        const version = (result as { version?: unknown } | undefined)?.version;
        if (typeof version === 'number') context.switchToHttp().getResponse<Response>().setHeader('ETag', versionTag(version));
        return result;
      }),
    );
  }
}
