import { sopEventToEnvelope } from '@pengaduan/contracts';
import { appendToOutbox, ServiceRuntime, toServiceError } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation, Clock } from '@pengaduan/runtime';
import { decide, initialState, replay, type Actor, type Channel, type ComplaintStatus, type ReceiveCommand, type SopEvent } from '@pengaduan/sop';
import { derivedDocumentNumber, OfficeDirectory, renderDocument, signatoryFor, storeDocument, type OfficeProfiles, type RenderedDocument } from '@pengaduan/documents';
import type { OfficerSignatory } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { INTAKE_EVENT_SOURCE, recordOwnEvents, StateConsumerGroup } from '../complaint-state/own-events';
import { ComplaintMessageRecord, ComplaintRecord, IdempotencyRecord, ReporterContactRecord } from '../persistence/entities';
import { ContactCipher, type ReporterContact } from '../reporter-contact/contact-cipher';
import { guessTrackingNumber, issueTrackingNumber, type TrackingNumberGuess } from '../tracking-number/tracking-number';
import { OFFICER_ENTRY_CHANNELS, type RegisterComplaintCommand, type RegisterComplaintResult } from './register-complaint.command';

const OPERATION = 'RegisterComplaint';
const MAX_TEXT = 20_000;

/**
 * SOP step 1 for a complaint an officer types in: checks the request, asks libs/sop whether the
 * officer may register it, issues the tracking number, and commits the complaint, its
 * first message, the sealed contact, `complaint.received` (outbox) and the complaint's libs/sop
 * state (so the next command can be decided at once, without waiting for the event to come
 * back from the topic) in one transaction. Idempotent by request id.
 */
@Injectable()
export class RegisterComplaintHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly cipher: ContactCipher,
    private readonly clock: Clock,
    private readonly stateGroup: StateConsumerGroup,
    private readonly offices: OfficeDirectory,
  ) {}

  async execute(command: RegisterComplaintCommand): Promise<RegisterComplaintResult> {
    validate(command);
    const requestHash = hashRequest(command);
    return this.runtime.dataSource.transaction(async (tx) => {
      const earlier = await this.claimIdempotencyKey(tx, command.requestId, requestHash);
      if (earlier) return earlier;

      const { complaintId, trackingNumber, status } = await registerComplaint(tx, this.cipher, this.stateGroup, {
        officeCode: command.officeCode,
        channel: command.channel,
        text: command.text,
        contact: command.contact ?? {},
        anonymous: command.anonymous,
        confidential: command.confidential,
        actor: command.actor,
        correlationId: command.correlationId,
        causationId: command.requestId,
        receivedAt: command.receivedAt,
        now: this.clock.now(),
        forwardedByOfficeCode: command.forwardedByOfficeCode,
        letterheads: this.offices,
        signatory: command.signatory,
      });
      const result: RegisterComplaintResult = { complaintId, trackingNumber, status };
      await tx.update(IdempotencyRecord, { key: command.requestId }, { response: { ...result } });
      return result;
    });
  }

  /**
   * Takes the idempotency key for this transaction, or returns the answer already given for
   * it. A concurrent request with the same key waits on the row until the first commits.
   */
  private async claimIdempotencyKey(tx: EntityManager, key: string, requestHash: string): Promise<RegisterComplaintResult | undefined> {
    const inserted = (await tx.query(
      `INSERT INTO idempotency_key (key, operation, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key, OPERATION, requestHash],
    )) as unknown[];
    if (inserted.length === 1) return undefined;
    const existing = await tx.findOneByOrFail(IdempotencyRecord, { key });
    if (existing.operation !== OPERATION || existing.requestHash !== requestHash) {
      throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this idempotency key was already used for a different request');
    }
    return existing.response as unknown as RegisterComplaintResult;
  }
}

function validate(c: RegisterComplaintCommand): void {
  const v: FieldViolation[] = [];
  if (!c.requestId || c.requestId.length > 200) v.push({ field: 'requestId', description: 'required, at most 200 characters' });
  if (!/^[A-Z]{2,6}$/.test(c.officeCode)) v.push({ field: 'officeCode', description: 'must be an office code of 2-6 capital letters' });
  if (c.forwardedByOfficeCode !== undefined) {
    if (!/^[A-Z]{2,6}$/.test(c.forwardedByOfficeCode)) v.push({ field: 'forwardedByOfficeCode', description: 'must be an office code of 2-6 capital letters' });
    if (c.channel !== 'REGIONAL_OFFICE') v.push({ field: 'channel', description: 'a forwarded complaint comes in over REGIONAL_OFFICE' });
  } else if (!OFFICER_ENTRY_CHANNELS.includes(c.channel)) {
    v.push({ field: 'channel', description: `an officer enters only ${OFFICER_ENTRY_CHANNELS.join(', ')} complaints` });
  }
  if (!c.text || c.text.trim().length === 0) v.push({ field: 'text', description: 'required' });
  else if (c.text.length > MAX_TEXT) v.push({ field: 'text', description: `at most ${MAX_TEXT} characters` });
  const contact = c.contact ?? {};
  if (contact.phone !== undefined && !/^\+?[0-9 ()-]{6,20}$/.test(contact.phone)) v.push({ field: 'contact.phone', description: 'not a phone number' });
  if (contact.email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contact.email)) v.push({ field: 'contact.email', description: 'not an e-mail address' });
  if (c.receivedAt && Number.isNaN(c.receivedAt.getTime())) v.push({ field: 'receivedAt', description: 'not a valid time' });
  if (v.length > 0) throw new ServiceError('invalid', 'COMPLAINT.INVALID_REQUEST', 'the complaint cannot be registered as sent', { fieldViolations: v });
}

function hashRequest(c: RegisterComplaintCommand): string {
  const { requestId: _r, correlationId: _c, ...rest } = c;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

/** What registering a complaint needs, whoever registers it: an officer (step 1 by phone or walk-in) or a channel message. */
export interface NewComplaint {
  officeCode: string;
  channel: Channel;
  text: string;
  contact: ReporterContact;
  anonymous: boolean;
  confidential: boolean;
  actor: Actor;
  correlationId: string;
  causationId: string;
  /** When the first message reached the channel (default: now). */
  receivedAt?: Date;
  now: Date;
  /** For a channel complaint: the sender's digest, so their next messages join it. */
  reporterDigest?: { digest: string; version: string };
  /** The first message's id (default: a new one). */
  firstMessageId?: string;
  /** For channel `REGIONAL_OFFICE`: the forwarding office. */
  forwardedByOfficeCode?: string;
  /** For a transferred complaint: the original complaint in the forwarding office. */
  transferredFromComplaintId?: string;
  /** Messages after the first (a transferred complaint's), in order: sequence 2, 3, … */
  laterMessages?: readonly { text: string; receivedAt: Date }[];
  /** The offices' letterheads, for the Laporan Aduan. */
  letterheads: OfficeProfiles;
  /** The officer who entered it (phone, walk-in), who signs the Laporan Aduan; a channel's complaint leaves the block to sign by hand. */
  signatory?: OfficerSignatory;
}

/**
 * Registers a complaint in the caller's transaction: asks libs/sop whether the actor may register
 * it, issues the tracking number, and writes the complaint, its first message, the sealed
 * contact, the Laporan Aduan, `complaint.received` (outbox) and the complaint's libs/sop state.
 */
export async function registerComplaint(
  tx: EntityManager,
  cipher: ContactCipher,
  stateGroup: StateConsumerGroup,
  c: NewComplaint,
): Promise<{ complaintId: string; trackingNumber: string; status: ComplaintStatus; firstMessageId: string }> {
  return recordComplaint(tx, stateGroup, await draftComplaint(tx, cipher, c));
}

/** A complaint ready to be recorded: everything done that does not need its tracking number for sure. */
export interface ComplaintDraft {
  readonly complaint: NewComplaint;
  readonly complaintId: string;
  readonly reporterRef: string;
  readonly firstMessageId: string;
  readonly receivedAt: Date;
  readonly guess: TrackingNumberGuess;
  /** Decided and rendered for the guessed number. */
  readonly drafted: Drafted;
}

interface Drafted {
  trackingNumber: string;
  events: readonly SopEvent[];
  report: RenderedDocument;
}

/**
 * The slow part of a registration, before it takes a tracking number (ADR 0035): seals and
 * stores the contact, guesses the number, asks libs/sop whether the actor may register the
 * complaint (a refusal takes no number), and renders the Laporan Aduan for the guessed number.
 * Holds no lock another registration waits for. The caller records the draft next
 * (`recordComplaint`), in the same transaction.
 */
export async function draftComplaint(tx: EntityManager, cipher: ContactCipher, c: NewComplaint): Promise<ComplaintDraft> {
  const receivedAt = c.receivedAt ?? c.now;
  const complaintId = uuidv7();
  const reporterRef = `rep_${randomBytes(12).toString('hex')}`;
  const firstMessageId = c.firstMessageId ?? uuidv7();
  await tx.insert(ReporterContactRecord, { reporterRef, keyId: cipher.keyId, sealed: cipher.seal(c.contact) });
  const guess = await guessTrackingNumber(tx, c.officeCode, receivedAt);
  try {
    const drafted = await draft(c, complaintId, receivedAt, guess.trackingNumber);
    return { complaint: c, complaintId, reporterRef, firstMessageId, receivedAt, guess, drafted };
  } catch (err) {
    guess.settle();
    throw err;
  }
}

/**
 * Takes the tracking number and writes the complaint: the counter row stays locked from here
 * until the caller's transaction ends, so only quick writes follow, unless the guess was wrong
 * (another registration took the number first), when the Laporan Aduan is rendered again.
 */
export async function recordComplaint(
  tx: EntityManager,
  stateGroup: StateConsumerGroup,
  d: ComplaintDraft,
): Promise<{ complaintId: string; trackingNumber: string; status: ComplaintStatus; firstMessageId: string }> {
  const { complaint: c, complaintId, reporterRef, firstMessageId, receivedAt } = d;
  const trackingNumber = await issueTrackingNumber(tx, d.guess);
  const { events, report } = trackingNumber === d.drafted.trackingNumber ? d.drafted : await draft(c, complaintId, receivedAt, trackingNumber);
  const state = replay(events);
  const laterMessages = c.laterMessages ?? [];

  await tx.insert(ComplaintRecord, {
    id: complaintId,
    officeCode: c.officeCode,
    trackingNumber,
    channel: c.channel,
    status: state.status,
    anonymous: c.anonymous,
    confidential: c.confidential,
    reporterRef,
    reporterDigest: c.reporterDigest?.digest ?? null,
    reporterDigestVersion: c.reporterDigest?.version ?? null,
    receivedAt,
  });
  await tx.insert(ComplaintMessageRecord, [
    { id: firstMessageId, complaintId, sequence: 1, channel: c.channel, text: c.text, receivedAt },
    ...laterMessages.map((message, i) => ({ id: uuidv7(), complaintId, sequence: i + 2, channel: c.channel, text: message.text, receivedAt: message.receivedAt })),
  ]);
  await storeDocument(tx, complaintId, c.officeCode, report, c.now);
  const envelopes = events.map((event) => {
    if (event.type !== 'complaint.received') throw new Error(`receiving a complaint does not produce ${event.type}`);
    return sopEventToEnvelope(
      event,
      { source: INTAKE_EVENT_SOURCE, subject: complaintId, office: c.officeCode, correlationId: c.correlationId, causationId: c.causationId },
      {
        receivedAt,
        reporterRef,
        messageCount: 1 + laterMessages.length,
        firstMessageId,
        ...(c.forwardedByOfficeCode === undefined ? {} : { forwardedByOfficeCode: c.forwardedByOfficeCode }),
        ...(c.transferredFromComplaintId === undefined ? {} : { transferredFromComplaintId: c.transferredFromComplaintId }),
        documentSha256: report.sha256,
      },
    );
  });
  await appendToOutbox(tx, envelopes);
  await recordOwnEvents(tx, envelopes, stateGroup.groupId);
  return { complaintId, trackingNumber, status: state.status, firstMessageId };
}

/** libs/sop's decision and step 1's output, the Laporan Aduan (the messages as they came, never the contact), for a tracking number. */
async function draft(c: NewComplaint, complaintId: string, receivedAt: Date, trackingNumber: string): Promise<Drafted> {
  const receive: ReceiveCommand = {
    type: 'receive',
    actor: c.actor,
    complaintId,
    officeCode: c.officeCode,
    trackingNumber,
    channel: c.channel,
    anonymous: c.anonymous,
    confidential: c.confidential,
  };
  const decision = decide(receive, initialState(), c.now);
  if (!decision.ok) throw toServiceError(decision.error, initialState(), receive);
  const laterMessages = c.laterMessages ?? [];
  const report = await renderDocument({
    kind: 'LAPORAN_ADUAN',
    office: c.letterheads.profileOf(c.officeCode),
    number: derivedDocumentNumber('LAPORAN_ADUAN', trackingNumber),
    trackingNumber,
    issuedAt: c.now,
    signatory: signatoryFor(c.signatory, c.actor),
    channel: c.channel,
    receivedAt,
    messages: [{ receivedAt, text: c.text, attachmentCount: 0 }, ...laterMessages.map((m) => ({ receivedAt: m.receivedAt, text: m.text, attachmentCount: 0 }))],
    anonymous: c.anonymous,
    confidential: c.confidential,
  });
  return { trackingNumber, events: decision.events, report };
}
