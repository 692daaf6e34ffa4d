import { ComplaintCommandExecutor, requestOf, type CommandOutcome } from '@pengaduan/messaging';
import type { FieldViolation } from '@pengaduan/runtime';
import type { Channel, AppendMessageCommand as SopAppendMessageCommand } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { lockComplaint, throwInvalid } from '../complaint-state/command-support';
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
    const messageId = uuidv7();
    const outcome = await this.executor.execute<AppendMessageResult>({
      operation: 'AppendMessage',
      context: c,
      request: requestOf(c),
      command: (): SopAppendMessageCommand => ({ type: 'appendMessage', actor: c.actor, messageId }),
      outputs: async (_decided, tx, now) => {
        const complaint = await lockComplaint(tx, c.complaintId);
        // An officer types it in the complaint's own channel: the reporter came back the way they came in.
        const sequence = await storeMessage(tx, { id: messageId, complaintId: c.complaintId, channel: complaint.channel, text: c.text, receivedAt: now }, now);
        return {
          extras: () => ({ channel: complaint.channel, receivedAt: now, sequence, attachmentCount: 0 }),
          result: { messageId, sequence },
        };
      },
    });
    if (!outcome.result) throw new Error(`AppendMessage ${c.requestId} recorded no message`);
    return { ...outcome, result: outcome.result };
  }
}

/**
 * Stores a message of the reporter as the complaint's next (an officer typed it in, or it came
 * over a channel) and touches the complaint; answers its sequence number.
 */
export async function storeMessage(
  tx: EntityManager,
  message: { id: string; complaintId: string; channel: Channel; text: string; receivedAt: Date },
  now: Date,
): Promise<number> {
  const [{ last }] = (await tx.query('SELECT coalesce(max(sequence), 0)::int AS last FROM complaint_message WHERE complaint_id = $1', [message.complaintId])) as {
    last: number;
  }[];
  const sequence = last + 1;
  await tx.insert(ComplaintMessageRecord, { ...message, sequence });
  await tx.update(ComplaintRecord, { id: message.complaintId }, { updatedAt: now });
  return sequence;
}

function validate(c: AppendMessageCommand): void {
  const v: FieldViolation[] = [];
  if (!c.text || c.text.trim().length === 0) v.push({ field: 'text', description: 'required' });
  else if (c.text.length > MAX_MESSAGE_TEXT) v.push({ field: 'text', description: `at most ${MAX_MESSAGE_TEXT} characters` });
  if (v.length > 0) throwInvalid(v, 'the message cannot be appended as sent');
}
