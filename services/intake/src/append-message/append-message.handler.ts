import { ComplaintCommandExecutor, type CommandOutcome } from '@pengaduan/messaging';
import type { FieldViolation } from '@pengaduan/runtime';
import type { AppendMessageCommand as SopAppendMessageCommand } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { lockComplaint, stateAfter, throwInvalid } from '../complaint-state/command-support';
import { ComplaintMessageRecord, ComplaintRecord } from '../persistence/entities';
import { MAX_MESSAGE_TEXT, type AppendMessageCommand, type AppendMessageResult } from './append-message.command';

/**
 * Appends a message of the reporter to an open complaint (libs/sop says which are open): the
 * text is stored with the next sequence number, and `complaint.message-appended` carries only
 * its id, channel, time and position. Message, state and event commit together; idempotent
 * by request id (a retry stores no second message).
 */
@Injectable()
export class AppendMessageHandler {
  constructor(private readonly executor: ComplaintCommandExecutor) {}

  async execute(c: AppendMessageCommand): Promise<CommandOutcome & { result: AppendMessageResult }> {
    validate(c);
    const { requestId, correlationId, versions, ...request } = c;
    const outcome = await this.executor.execute<AppendMessageResult>({
      operation: 'AppendMessage',
      requestId,
      versions,
      complaintId: c.complaintId,
      actorOffice: c.actorOffice,
      correlationId,
      request,
      build: async (state, tx, now) => {
        const messageId = uuidv7();
        const command: SopAppendMessageCommand = { type: 'appendMessage', actor: c.actor, messageId };
        if (!stateAfter(command, state, now)) return { command, extras: () => ({}) };

        const complaint = await lockComplaint(tx, c.complaintId);
        const [{ last }] = (await tx.query('SELECT coalesce(max(sequence), 0)::int AS last FROM complaint_message WHERE complaint_id = $1', [c.complaintId])) as {
          last: number;
        }[];
        const sequence = last + 1;
        // An officer types it in the complaint's own channel: the reporter came back the way they came in.
        await tx.insert(ComplaintMessageRecord, { id: messageId, complaintId: c.complaintId, sequence, channel: complaint.channel, text: c.text, receivedAt: now });
        await tx.update(ComplaintRecord, { id: c.complaintId }, { updatedAt: now });
        return {
          command,
          extras: () => ({ channel: complaint.channel, receivedAt: now, sequence, attachmentCount: 0 }),
          result: { messageId, sequence },
        };
      },
    });
    if (!outcome.result) throw new Error(`AppendMessage ${requestId} recorded no message`);
    return { ...outcome, result: outcome.result };
  }
}

function validate(c: AppendMessageCommand): void {
  const v: FieldViolation[] = [];
  if (!c.text || c.text.trim().length === 0) v.push({ field: 'text', description: 'required' });
  else if (c.text.length > MAX_MESSAGE_TEXT) v.push({ field: 'text', description: `at most ${MAX_MESSAGE_TEXT} characters` });
  if (v.length > 0) throwInvalid(v, 'the message cannot be appended as sent');
}
