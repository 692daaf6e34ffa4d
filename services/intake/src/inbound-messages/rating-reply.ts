import { lockComplaintState, type CommandOutcome } from '@pengaduan/messaging';
import { isLegalIn, withinAppealWindow } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { appealWindowDays } from '../rate-complaint/complaint-feedback.handler';
import type { SealedInboundMessage } from './inbound-message';

/** A reply of one digit, 1 to 5, blanks around it allowed: what the rating request asks for (docs/adr/0053). */
const RATING_REPLY = /^\s*([1-5])\s*$/u;

/** The rating a message gives, or undefined: anything but one digit 1-5 alone (a location, an attachment) is a message. */
function ratingOfReply(message: Pick<SealedInboundMessage, 'text' | 'location' | 'media'>): number | undefined {
  if (message.location || message.media.length > 0) return undefined;
  const digit = RATING_REPLY.exec(message.text ?? '')?.[1];
  return digit === undefined ? undefined : Number(digit);
}

/**
 * A channel reply taken as the rating of the sender's latest complaint of that office on that
 * channel (docs/adr/0053): only when it is one digit 1-5, the complaint is CLOSED, this closing
 * is not rated yet (libs/sop's `isLegalIn('rate')`: not a dismissed message either) and the
 * office's appeal window has not passed. Answers the complaint rated, or undefined: the message
 * is then handled as before (it opens a new complaint). Run inside the message's transaction,
 * whose inbound row makes a replay of the same provider message a no-op.
 */
export async function ratingReply(
  tx: EntityManager,
  row: { office_code: string; channel: string },
  message: SealedInboundMessage,
  digests: string[],
  rate: (c: { complaintId: string; rating: number }) => Promise<CommandOutcome>,
  now: Date,
): Promise<string | undefined> {
  const rating = ratingOfReply(message);
  if (rating === undefined) return undefined;
  const [latest] = (await tx.query(
    `SELECT c.id FROM complaint c WHERE c.reporter_digest = ANY($1) AND c.office_code = $2 AND c.channel = $3 ORDER BY c.received_at DESC LIMIT 1`,
    [digests, row.office_code, row.channel],
  )) as { id: string }[];
  if (!latest) return undefined;
  const locked = await lockComplaintState(tx, latest.id);
  if (!locked || locked.state.status !== 'CLOSED' || !isLegalIn('rate', locked.state)) return undefined;
  if (!withinAppealWindow(locked.state, await appealWindowDays(tx, locked.officeCode), now)) return undefined;
  await rate({ complaintId: latest.id, rating });
  return latest.id;
}
