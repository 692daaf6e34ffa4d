import { timestampDate } from '@bufbuild/protobuf/wkt';
import { channelMapping, type GetComplaintResponse } from '@pengaduan/contracts';
import { Clock } from '@pengaduan/runtime';
import {
  availableActions,
  BREAK_GLASS_REASON_MAX,
  CONTACT_READ_PURPOSES,
  CONTACT_READ_PURPOSES_BY_ROLE,
  contactPurposeOfActions,
  REPLY_WINDOW_CHANNELS,
  REPLY_WINDOW_MS,
  type ContactReadPurpose,
} from '@pengaduan/sop';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { grpcActorOf, sopActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { complaintNotFound } from '../complaint-commands/complaint-command.runner';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { IntakeClient } from '../upstream/clients';


export class ComplaintMessageDto {
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ example: 'WHATSAPP' }) channel!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty() text!: string;
  @ApiProperty() attachmentCount!: number;
}

export class ReporterContactDto {
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ example: '+628123456789' }) phone?: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional({ description: 'Handle on the channel' }) handle?: string;
}

export class ReplyWindowDto {
  @ApiProperty({ example: 'WHATSAPP' }) channel!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: "The complainant's last message" }) lastMessageAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When a free-form reply stops being possible (WhatsApp, Messenger, Instagram: 24 h after the last message); null for channels without a window' })
  closesAt!: string | null;
  @ApiProperty({ description: 'Whether a free-form reply can go out now; once closed, WhatsApp needs the approved template (or the fallback channel)' }) open!: boolean;
}

/** What the complainant wrote, from intake; the contact only for officers who may see it. */
export class ComplaintMessagesDto {
  @ApiProperty({ description: 'The complaint text (the messages joined, or the officer’s entry)' }) text!: string;
  @ApiProperty({ type: [ComplaintMessageDto] }) messages!: ComplaintMessageDto[];
  @ApiProperty({ type: ReporterContactDto, nullable: true, description: 'null when none was given or it is withheld from this officer' }) contact!: ReporterContactDto | null;
  @ApiProperty({ description: 'The complainant left a contact and it is withheld from this officer (docs/adr/0029: only Admin Tikkim reads it, for a step that needs it)' })
  contactWithheld!: boolean;
  @ApiProperty({ description: 'The complaint is anonymous and its contact is withheld from this officer (only Admin Tikkim sees who sent it)' }) contactRedacted!: boolean;
  @ApiProperty({ type: String, nullable: true, enum: CONTACT_READ_PURPOSES, description: 'The purpose the contact was read for and recorded under in the processing record; null when not shown' })
  contactPurpose!: string | null;
  @ApiProperty({ enum: CONTACT_READ_PURPOSES, isArray: true, description: 'The purposes this officer may state with `purpose` (the head of office: BREAK_GLASS with a reason)' })
  contactPurposes!: string[];
  @ApiProperty({ description: "The processing of the contact is restricted at the complainant's request (UU 27/2022, docs/adr/0056): withheld from everyone, and no message goes out" })
  contactRestricted!: boolean;
  @ApiProperty({ description: "The complainant's personal data was erased (UU 27/2022, docs/adr/0057): no contact, empty message texts, no attachments, for good" })
  personalDataErased!: boolean;
  @ApiProperty({ type: ReplyWindowDto }) replyWindow!: ReplyWindowDto;
}

/** Why the officer reads the contact; Admin Tikkim's default is the step they may take now. */
export class ComplaintMessagesQueryDto {
  @ApiPropertyOptional({
    enum: CONTACT_READ_PURPOSES,
    description:
      "Read the complainant's contact for this purpose (recorded). Admin Tikkim: CONFIRM, INFORM_REPORTER, DELIVERY_BY_PHONE (default: the one the step they may take now needs); the head of office's BREAK_GLASS needs a reason: POST …/messages/contact-reads. Any other role is refused (403) and the attempt recorded",
  })
  @IsOptional()
  @IsIn(CONTACT_READ_PURPOSES)
  purpose?: ContactReadPurpose;
}

/**
 * A read of the contact the officer states a reason for: the head of office's break-glass. In a
 * body, not a query, so that the reason never lands in a proxy's access log.
 */
export class ContactReadBody {
  @ApiProperty({ enum: CONTACT_READ_PURPOSES, description: 'BREAK_GLASS for the head of office; Admin Tikkim may state any of theirs here too' })
  @IsIn(CONTACT_READ_PURPOSES)
  purpose!: ContactReadPurpose;

  @ApiPropertyOptional({ maxLength: BREAK_GLASS_REASON_MAX, description: 'Why the glass is broken (at least 20 characters); kept in the processing record. Must not name the complainant' })
  @IsOptional()
  @IsString()
  @MaxLength(BREAK_GLASS_REASON_MAX)
  reason?: string;
}

/** The reply window of a complaint's channel at `now`. */
export function replyWindowOf(channel: string, messageTimes: readonly Date[], now: Date): ReplyWindowDto {
  const last = messageTimes.length > 0 ? new Date(Math.max(...messageTimes.map((t) => t.getTime()))) : null;
  if (!(REPLY_WINDOW_CHANNELS as readonly string[]).includes(channel)) return { channel, lastMessageAt: last?.toISOString() ?? null, closesAt: null, open: true };
  const closesAt = last ? new Date(last.getTime() + REPLY_WINDOW_MS) : null;
  return { channel, lastMessageAt: last?.toISOString() ?? null, closesAt: closesAt?.toISOString() ?? null, open: closesAt !== null && now < closesAt };
}

function toDto(r: GetComplaintResponse, now: Date, readsContact: boolean): ComplaintMessagesDto {
  const c = r.complaint;
  if (!c) throw new Error('intake answered GetComplaint without a complaint');
  const channel = channelMapping.fromProto(c.channel, 'channel');
  const messages = c.messages.map((m) => ({
    messageId: m.messageId,
    channel: channelMapping.fromProto(m.channel, 'messages.channel'),
    receivedAt: m.receivedAt ? timestampDate(m.receivedAt).toISOString() : '',
    text: m.text,
    attachmentCount: m.attachmentCount,
  }));
  const contact = c.contact
    ? Object.fromEntries(Object.entries({ name: c.contact.name, phone: c.contact.phone, email: c.contact.email, handle: c.contact.handle }).filter(([, v]) => v))
    : null;
  const shown = readsContact && contact && Object.keys(contact).length > 0 ? contact : null;
  const withheld = c.contactRedacted || (shown === null && contact !== null && Object.keys(contact).length > 0);
  return {
    text: c.text,
    messages,
    contact: shown,
    contactWithheld: withheld,
    contactRedacted: withheld && c.anonymous,
    contactPurpose: shown ? (c.contactPurpose ?? null) : null,
    contactPurposes: [],
    contactRestricted: c.contactRestricted,
    personalDataErased: c.personalDataErased,
    replyWindow: replyWindowOf(
      channel,
      c.messages.flatMap((m) => (m.receivedAt ? [timestampDate(m.receivedAt)] : [])),
      now,
    ),
  };
}

/** `GET /api/v1/complaints/{id}/messages`: the complainant's messages, which only intake holds. */
@ApiTags('complaints')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/complaints`)
export class ComplaintMessagesHttpController {
  constructor(
    private readonly views: ComplaintViewQueries,
    private readonly intake: IntakeClient,
    private readonly clock: Clock,
  ) {}

  @Get(':id/messages')
  @ApiOperation({
    summary:
      "The complainant's messages and, for Admin Tikkim when a step needs it, their contact (each read recorded in intake's processing record; withheld from every other role, docs/adr/0029), and whether the channel's 24-hour reply window is open",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ComplaintMessagesDto })
  @ApiProblemResponses(
    [400, 'id is not a UUID, an unknown purpose, or BREAK_GLASS (which needs its reason: POST …/messages/contact-reads)'],
    [401, 'No valid access token'],
    [403, 'A purpose this officer may not state, or a break-glass read of an anonymous complaint (CONTACT.*; the attempt is recorded)'],
    [404, "No such complaint in the officer's office"],
    [503, 'intake is not reachable'],
  )
  messages(
    @Param('id', ComplaintIdPipe) id: string,
    @Query() query: ComplaintMessagesQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ): Promise<ComplaintMessagesDto> {
    return this.read(id, user, query.purpose, undefined, correlationId);
  }

  @Post(':id/messages/contact-reads')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      "The same as GET …/messages, reading the contact for a purpose stated with a reason: the head of office's break-glass (recorded with its reason in intake's processing record, docs/adr/0029)",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ComplaintMessagesDto })
  @ApiProblemResponses(
    [400, 'id is not a UUID, an unknown purpose, or a break-glass read without its reason'],
    [401, 'No valid access token'],
    [403, 'A purpose this officer may not state, or a break-glass read of an anonymous complaint (CONTACT.*; the attempt is recorded)'],
    [404, "No such complaint in the officer's office"],
    [503, 'intake is not reachable'],
  )
  contactRead(
    @Param('id', ComplaintIdPipe) id: string,
    @Body() body: ContactReadBody,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ): Promise<ComplaintMessagesDto> {
    return this.read(id, user, body.purpose, body.reason, correlationId);
  }

  private async read(id: string, user: AuthenticatedUser, stated: ContactReadPurpose | undefined, reason: string | undefined, correlationId: string): Promise<ComplaintMessagesDto> {
    const found = await this.views.withState(id, user.officeCode);
    if (!found) throw complaintNotFound(id);
    const purposes = CONTACT_READ_PURPOSES_BY_ROLE[user.role] ?? [];
    const purpose = stated ?? (user.role === 'ADMIN_TIKKIM' ? contactPurposeOfActions(availableActions(found.state, sopActorOf(user))) : undefined);
    const response = await this.intake.call(
      'getComplaint',
      { complaintId: id, actor: grpcActorOf(user), ...(purpose ? { contactPurpose: purpose } : {}), ...(reason ? { contactReason: reason } : {}) },
      correlationId,
    );
    // Only a read for a purpose the role may state shows a contact, whatever intake answers.
    const readsContact = purpose !== undefined && purposes.includes(purpose);
    return { ...toDto(response, this.clock.now(), readsContact), contactPurposes: [...purposes] };
  }
}
