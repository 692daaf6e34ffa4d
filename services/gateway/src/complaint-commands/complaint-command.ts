import { applyDecorators, HttpCode, HttpStatus, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { BEARER_AUTH } from '../http/configure-http';
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
}

/** The `{id}` of a complaint route: a UUID, else 400 naming `id`. */
export const ComplaintIdPipe = new ParseUUIDPipe({ exceptionFactory: () => invalidRequest([{ field: 'id', description: 'id must be a UUID' }]) });

/** The OpenAPI description every command on a complaint shares: bearer auth, the required key, its errors. */
export function ApiComplaintCommand(summary: string, description: string) {
  return applyDecorators(
    HttpCode(HttpStatus.OK),
    ApiBearerAuth(BEARER_AUTH),
    ApiOperation({ summary, description }),
    ApiParam({ name: 'id', format: 'uuid', description: 'The complaint' }),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: true,
      description: `Required, 1-${MAX_IDEMPOTENCY_KEY_LENGTH} characters (e.g. a UUID), one per command. A retry with the same key answers the first result and records nothing again.`,
    }),
    ApiProblemResponses(
      [400, 'The body or the Idempotency-Key is missing or not valid (each bad field named in errors)'],
      [401, 'No valid access token'],
      [403, "The SOP does not let the officer's role (or section) do this"],
      [404, "No such complaint in the officer's office"],
      [
        409,
        'COMPLAINT.ILLEGAL_TRANSITION: not allowed in the complaint\'s current state (state and availableActions say what is); ' +
          'COMPLAINT.NOT_CAUGHT_UP: the service that handles the step has not caught up with the complaint yet: retry after Retry-After seconds with the same Idempotency-Key',
      ],
      [422, 'The Idempotency-Key was already used for a different request'],
      [503, 'The service that handles the step is not reachable; retry with the same Idempotency-Key'],
    ),
  );
}
