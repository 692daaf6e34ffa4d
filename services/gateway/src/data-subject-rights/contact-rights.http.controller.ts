import { ServiceError } from '@pengaduan/runtime';
import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { grpcActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { complaintNotFound } from '../complaint-commands/complaint-command.runner';
import { requestIdOf } from '../complaint-commands/request-id';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { IntakeClient } from '../upstream/clients';
import { DATA_REQUEST_WORKERS } from './data-requests.http.controller';
import { ContactChangeDto, ContactCorrectionBody, ContactRestrictionBody } from './data-subject-rights.dto';

const PROBLEMS: [number, string][] = [
  [400, 'id, body or Idempotency-Key not valid (each bad field named), or the reason gives the complainant away (COMPLAINT.PERSONAL_DATA)'],
  [401, 'No valid access token'],
  [403, 'Only Admin Tikkim corrects and restricts a contact (COMPLAINT.FORBIDDEN_ROLE)'],
  [404, "No such complaint in the officer's office"],
  [409, 'It changes nothing: already restricted, not restricted, or the same contact (CONTACT.RESTRICTION_UNCHANGED, CONTACT.CORRECTION_UNCHANGED)'],
  [422, 'The Idempotency-Key was used for another command (IDEMPOTENCY.KEY_REUSED)'],
  [503, 'intake is not reachable'],
];
const KEY = { name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per change; a retry with the same key and body answers the first change and changes nothing more' };

/**
 * A complaint's contact corrected or restricted at the complainant's request (UU 27/2022,
 * docs/adr/0056): recorded commands on intake, which keeps the contact; each one once per
 * Idempotency-Key (a retry answers the first answer; a new key that changes nothing is a conflict).
 */
@ApiTags('data-subject-rights')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/complaints`)
export class ContactRightsHttpController {
  constructor(
    private readonly views: ComplaintViewQueries,
    private readonly intake: IntakeClient,
  ) {}

  @Post(':id/contact-correction')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'Replace the contact with the one given (the old one is kept nowhere), with the reason. ADMIN_TIKKIM' })
  @ApiOkResponse({ type: ContactChangeDto })
  @ApiHeader(KEY)
  @ApiProblemResponses(...PROBLEMS)
  async correct(@Param('id', ComplaintIdPipe) id: string, @Body() body: ContactCorrectionBody, @CurrentUser() user: AuthenticatedUser, @IdempotencyKey() key: string, @CorrelationId() correlationId: string): Promise<ContactChangeDto> {
    const contact = body.contact;
    return this.change(id, user, requestIdOf(user, key), correlationId, {
      action: 'CORRECT',
      reason: body.reason,
      ...(contact.name ? { name: contact.name } : {}),
      ...(contact.phone ? { phone: contact.phone } : {}),
      ...(contact.email ? { email: contact.email } : {}),
      ...(contact.handle ? { handle: contact.handle } : {}),
    });
  }

  @Post(':id/contact-restriction')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'Restrict the processing of the contact: no message goes to the complainant and no one reads the contact until it is lifted. ADMIN_TIKKIM' })
  @ApiOkResponse({ type: ContactChangeDto })
  @ApiHeader(KEY)
  @ApiProblemResponses(...PROBLEMS)
  restrict(@Param('id', ComplaintIdPipe) id: string, @Body() body: ContactRestrictionBody, @CurrentUser() user: AuthenticatedUser, @IdempotencyKey() key: string, @CorrelationId() correlationId: string): Promise<ContactChangeDto> {
    return this.change(id, user, requestIdOf(user, key), correlationId, { action: 'RESTRICT', reason: body.reason });
  }

  @Post(':id/contact-restriction/lift')
  @HttpCode(HttpStatus.OK)
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'Lift the restriction, with the reason. ADMIN_TIKKIM' })
  @ApiOkResponse({ type: ContactChangeDto })
  @ApiHeader(KEY)
  @ApiProblemResponses(...PROBLEMS)
  lift(@Param('id', ComplaintIdPipe) id: string, @Body() body: ContactRestrictionBody, @CurrentUser() user: AuthenticatedUser, @IdempotencyKey() key: string, @CorrelationId() correlationId: string): Promise<ContactChangeDto> {
    return this.change(id, user, requestIdOf(user, key), correlationId, { action: 'LIFT', reason: body.reason });
  }

  private async change(id: string, user: AuthenticatedUser, requestId: string, correlationId: string, request: { action: string; reason: string; name?: string; phone?: string; email?: string; handle?: string }): Promise<ContactChangeDto> {
    if (!(await this.views.inOffice(id, user.officeCode))) throw complaintNotFound(id);
    if (!DATA_REQUEST_WORKERS.includes(user.role)) throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', 'only admin tikkim corrects or restricts a contact');
    const answer = await this.intake.call('changeContact', { actor: grpcActorOf(user), requestId, complaintId: id, ...request }, correlationId);
    return { restricted: answer.restricted, changedFields: answer.changedFields };
  }
}
