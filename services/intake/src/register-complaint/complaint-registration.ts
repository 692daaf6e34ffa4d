import type { CommandContext, CommandOutputs, ComplaintCommand, Executed } from '@pengaduan/messaging';
import type { Channel, ComplaintStatus, ReceiveCommand } from '@pengaduan/sop';
import { derivedDocumentNumber, renderDocument, signatoryFor, storeDocument, type OfficeProfile, type RenderedDocument } from '@pengaduan/documents';
import { ServiceError } from '@pengaduan/runtime';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ComplaintMessageRecord, ComplaintRecord } from '../persistence/entities';
import { sealReporterContact } from '../reporter-contact/reporter-contacts';
import type { ContactCipher, ReporterContact } from '../reporter-contact/contact-cipher';
import { guessTrackingNumber, issueTrackingNumber, type TrackingNumberGuess } from '../tracking-number/tracking-number';

/** What registering a complaint needs, whoever registers it: an officer (step 1 by phone or walk-in), a channel message, a transfer. */
export interface NewComplaint {
  officeCode: string;
  channel: Channel;
  text: string;
  contact: ReporterContact;
  anonymous: boolean;
  confidential: boolean;
  /** When the first message reached the channel (default: now). */
  receivedAt?: Date;
  /** For a channel complaint: the sender's digest, so their next messages join it. */
  reporterDigest?: { digest: string; version: string };
  /** The first message's id (default: a new one). */
  firstMessageId?: string;
  /** For channel `REGIONAL_OFFICE`: the forwarding office. */
  forwardedByOfficeCode?: string;
  /** For channel `LAPOR`, and only then: the SP4N-LAPOR! report number, unique per office (docs/adr/0055). */
  laporReportNumber?: string;
  /** For a transferred complaint: the original complaint in the forwarding office. */
  transferredFromComplaintId?: string;
  /** Messages after the first (a transferred complaint's), in order: sequence 2, 3, … */
  laterMessages?: readonly { text: string; receivedAt: Date }[];
  /** The offices' profiles in force, for the Laporan Aduan. */
  letterheads: Letterheads;
}

/** Where a registration reads the office's profile in force (intake's OfficeProfileVersions). */
export interface Letterheads {
  profileOf(tx: EntityManager, officeCode: string): Promise<OfficeProfile>;
}

/** The complaint as registered. */
export interface Registered {
  complaintId: string;
  trackingNumber: string;
  status: ComplaintStatus;
  firstMessageId: string;
}

/** A registration's slow part, done before it takes its tracking number: the contact stored, the Laporan Aduan rendered for the guessed number. */
export interface ComplaintDraft {
  readonly reporterRef: string;
  readonly trackingNumber: string;
  readonly report: RenderedDocument;
}

/** Runs a registration's command on the executor: `register` of a request, or of `within(tx)`. */
export type RegisterWith = (command: ComplaintCommand<Registered>) => Promise<Executed<Registered>>;

/**
 * SOP step 1 for one complaint, as ComplaintCommandExecutor runs it on a complaint that does not
 * exist yet. The tracking number is taken last (ADR 0035): the command stage guesses it without
 * a lock, so libs/sop decides (a refusal takes no number); the outputs stage seals and stores the
 * contact and renders the Laporan Aduan for the guess (`draft`), and only then takes the number
 * and writes the complaint, its messages and the document (`record`), rendering again, and
 * completing the command with the number issued, when the guess was wrong. The executor then
 * records the complaint's state and `complaint.received` and, for a request, its answer.
 */
export class ComplaintRegistration {
  /** The new complaint's id is the command's complaint id. */
  readonly context: CommandContext;
  private readonly firstMessageId: string;
  private guess: TrackingNumberGuess | undefined;

  constructor(
    private readonly cipher: ContactCipher,
    context: Omit<CommandContext, 'complaintId'>,
    private readonly complaint: NewComplaint,
  ) {
    this.context = { ...context, complaintId: uuidv7() };
    this.firstMessageId = complaint.firstMessageId ?? uuidv7();
  }

  /** Registers the complaint with `register`; the guessed number is forgotten however it ends. */
  async run(register: RegisterWith): Promise<Registered> {
    try {
      const { result } = await register(this.command());
      if (!result) throw new Error(`the registration of complaint ${this.context.complaintId} recorded no tracking number`);
      return result;
    } finally {
      this.guess?.settle();
    }
  }

  /** The command as the executor runs it (see the class). */
  command(): ComplaintCommand<Registered> {
    return {
      context: this.context,
      command: async (_state, tx, now) => {
        if (this.complaint.laporReportNumber !== undefined) await claimLaporReportNumber(tx, this.complaint.officeCode, this.complaint.laporReportNumber);
        this.guess = await guessTrackingNumber(tx, this.complaint.officeCode, this.receivedAt(now));
        return this.receive(this.guess.trackingNumber);
      },
      outputs: async ({ stateAfter }, tx, now) => this.record(tx, await this.draft(tx, now), stateAfter.status, now),
    };
  }

  /** Seals and stores the contact, and renders the Laporan Aduan for the guessed number. Holds no lock another registration waits for. */
  async draft(tx: EntityManager, now: Date): Promise<ComplaintDraft> {
    const trackingNumber = this.guessed().trackingNumber;
    const reporterRef = `rep_${randomBytes(12).toString('hex')}`;
    await sealReporterContact(tx, this.cipher, reporterRef, this.complaint.contact);
    return { reporterRef, trackingNumber, report: await this.render(tx, trackingNumber, now) };
  }

  /**
   * Takes the tracking number and writes the complaint: the counter row stays locked from here
   * until the transaction ends, so only quick writes follow, unless the guess was wrong
   * (another registration took the number first), when the Laporan Aduan is rendered again.
   */
  async record(tx: EntityManager, draft: ComplaintDraft, status: ComplaintStatus, now: Date): Promise<CommandOutputs<Registered>> {
    const c = this.complaint;
    const { complaintId } = this.context;
    const receivedAt = this.receivedAt(now);
    const trackingNumber = await issueTrackingNumber(tx, this.guessed());
    const guessedRight = trackingNumber === draft.trackingNumber;
    const report = guessedRight ? draft.report : await this.render(tx, trackingNumber, now);
    const laterMessages = c.laterMessages ?? [];

    await tx
      .insert(ComplaintRecord, {
        id: complaintId,
        officeCode: c.officeCode,
        trackingNumber,
        channel: c.channel,
        status,
        anonymous: c.anonymous,
        confidential: c.confidential,
        reporterRef: draft.reporterRef,
        reporterDigest: c.reporterDigest?.digest ?? null,
        reporterDigestVersion: c.reporterDigest?.version ?? null,
        receivedAt,
        laporReportNumber: c.laporReportNumber ?? null,
        transferredFromComplaintId: c.transferredFromComplaintId ?? null,
      })
      .catch((error: unknown) => {
        // The unique index is the last word (the claim above makes this rare): one complaint per number.
        throw isLaporNumberTaken(error) ? laporNumberTaken(undefined) : error;
      });
    await tx.insert(ComplaintMessageRecord, [
      { id: this.firstMessageId, complaintId, sequence: 1, channel: c.channel, text: c.text, receivedAt },
      ...laterMessages.map((message, i) => ({ id: uuidv7(), complaintId, sequence: i + 2, channel: c.channel, text: message.text, receivedAt: message.receivedAt })),
    ]);
    await storeDocument(tx, complaintId, c.officeCode, report, now);
    return {
      ...(guessedRight ? {} : { completed: this.receive(trackingNumber) }),
      extras: () => ({
        receivedAt,
        reporterRef: draft.reporterRef,
        messageCount: 1 + laterMessages.length,
        firstMessageId: this.firstMessageId,
        ...(c.forwardedByOfficeCode === undefined ? {} : { forwardedByOfficeCode: c.forwardedByOfficeCode }),
        ...(c.transferredFromComplaintId === undefined ? {} : { transferredFromComplaintId: c.transferredFromComplaintId }),
        ...(c.laporReportNumber === undefined ? {} : { laporReportNumber: c.laporReportNumber }),
        documentSha256: report.sha256,
      }),
      result: { complaintId, trackingNumber, status, firstMessageId: this.firstMessageId },
    };
  }

  private receive(trackingNumber: string): ReceiveCommand {
    const c = this.complaint;
    return {
      type: 'receive',
      actor: this.context.actor,
      complaintId: this.context.complaintId,
      officeCode: c.officeCode,
      trackingNumber,
      channel: c.channel,
      anonymous: c.anonymous,
      confidential: c.confidential,
    };
  }

  /** Step 1's output, the Laporan Aduan (the messages as they came, never the contact), for a tracking number. */
  private async render(tx: EntityManager, trackingNumber: string, now: Date): Promise<RenderedDocument> {
    const c = this.complaint;
    const receivedAt = this.receivedAt(now);
    return renderDocument({
      kind: 'LAPORAN_ADUAN',
      // The office's profile in force now (docs/adr/0048), read in this transaction.
      office: await c.letterheads.profileOf(tx, c.officeCode),
      number: derivedDocumentNumber('LAPORAN_ADUAN', trackingNumber),
      trackingNumber,
      issuedAt: now,
      signatory: signatoryFor(this.context.signatory, this.context.actor),
      channel: c.channel,
      receivedAt,
      messages: [{ receivedAt, text: c.text, attachmentCount: 0 }, ...(c.laterMessages ?? []).map((m) => ({ receivedAt: m.receivedAt, text: m.text, attachmentCount: 0 }))],
      anonymous: c.anonymous,
      confidential: c.confidential,
    });
  }

  private receivedAt(now: Date): Date {
    return this.complaint.receivedAt ?? now;
  }

  private guessed(): TrackingNumberGuess {
    if (!this.guess) throw new Error('a registration is drafted only after its command stage guessed its number');
    return this.guess;
  }
}

/**
 * Takes the office's LAPOR! report number for this registration (docs/adr/0055): a transaction
 * lock on (office, number) makes a concurrent registration of the same number wait for this one,
 * then find its complaint; a number already registered is refused with the complaint's tracking number.
 */
async function claimLaporReportNumber(tx: EntityManager, officeCode: string, laporReportNumber: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`lapor-report-number:${officeCode}:${laporReportNumber}`]);
  const [taken] = (await tx.query('SELECT tracking_number FROM complaint WHERE office_code = $1 AND lapor_report_number = $2', [officeCode, laporReportNumber])) as { tracking_number: string }[];
  if (taken) throw laporNumberTaken(taken.tracking_number);
}

function laporNumberTaken(trackingNumber: string | undefined): ServiceError {
  return new ServiceError('conflict', 'COMPLAINT.LAPOR_NUMBER_TAKEN', 'a complaint with this LAPOR! report number is already registered in the office', {
    ...(trackingNumber === undefined ? {} : { trackingNumber }),
    fieldViolations: [{ field: 'laporReportNumber', description: 'already registered in the office' }],
  });
}

function isLaporNumberTaken(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' && driverError.constraint === 'complaint_office_lapor_report_number';
}
