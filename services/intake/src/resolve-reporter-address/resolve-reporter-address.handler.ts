import type { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { SYSTEM_CONTACT_PURPOSES, type OutboundChannel } from '@pengaduan/sop';
import type { SenderDigest } from '../inbound-messages/sender-digest';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { issueTrackingPin, readReporterContact } from '../reporter-contact/reporter-contacts';
import { needsTrackingPin } from '../reporter-contact/tracking-pin';
import { recordContactRead, type ContactField } from '../processing-record/contact-processing-record';
import { contactRestricted } from '../data-subject-rights/contact-restriction';

/** Where to reach a reporter on one channel. Personal data. */
export interface ReporterAddress {
  recipient: string;
  accountId?: string;
  lastInboundAt?: Date;
  /** A tracking PIN just issued, for the acknowledgement of a reporter with neither phone nor e-mail (ADR 0041). */
  trackingPin?: string;
}

/** The answer for a contact whose processing is restricted (UU 27/2022, docs/adr/0056): no address, and notification withholds the notice. */
export const CONTACT_RESTRICTED = 'RESTRICTED';

/** The purpose recorded for a caller that states none (a notification of an older release). */
export const UNSTATED_PURPOSE = 'UNSTATED';

/** notification is the only caller of ResolveReporterAddress (service.proto); the record names it. */
const CALLER = { kind: 'system', service: 'notification' } as const;

/** Channels a reporter is reached on by the id they wrote from, not by a number. */
const BY_HANDLE: readonly OutboundChannel[] = ['FACEBOOK', 'INSTAGRAM', 'TELEGRAM'];

/**
 * notification's question: where does this complaint's reporter get a message on `channel`?
 * Their number on WhatsApp and SMS, their address by e-mail, the id they wrote from on
 * Messenger, Instagram and Telegram (only on the channel the complaint came over). With the
 * account they wrote to and when they last wrote there, for WhatsApp's 24-hour window. Every
 * answer that discloses an address goes into the processing record first, with the purpose the
 * caller stated (docs/adr/0029). The acknowledgement to a reporter who gave neither a phone
 * number nor an e-mail address carries a tracking PIN issued for it (ADR 0041).
 */
export class ResolveReporterAddressHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly cipher: ContactCipher,
    private readonly digest: SenderDigest,
  ) {}

  async execute(complaintId: string, reporterRef: string, channel: OutboundChannel, purpose: string = UNSTATED_PURPOSE): Promise<ReporterAddress | typeof CONTACT_RESTRICTED | undefined> {
    assertKnownPurpose(purpose);
    const manager = this.runtime.dataSource.manager;
    const [complaint] = (await manager.query('SELECT channel, reporter_ref, office_code FROM complaint WHERE id = $1', [complaintId])) as {
      channel: string;
      reporter_ref: string;
      office_code: string;
    }[];
    if (!complaint || complaint.reporter_ref !== reporterRef) {
      throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${complaintId} with that reporter not found`);
    }
    if (await contactRestricted(manager, reporterRef)) {
      // UU 27/2022 restriction (docs/adr/0056): no address leaves intake; the record shows the refusal.
      await recordContactRead(manager, { complaintId, officeCode: complaint.office_code, actor: CALLER, purpose, fields: [], outcome: 'REFUSED', refusalCode: 'CONTACT.RESTRICTED', channel });
      return CONTACT_RESTRICTED;
    }
    const contact = await readReporterContact(manager, this.cipher, reporterRef);
    const field = contactFieldFor(channel, complaint.channel);
    const recipient = field ? contact[field] : undefined;
    if (!field || !recipient) return undefined;
    await recordContactRead(manager, { complaintId, officeCode: complaint.office_code, actor: CALLER, purpose, fields: [field], outcome: 'READ', channel });
    const trackingPin = purpose === SYSTEM_CONTACT_PURPOSES.ACKNOWLEDGEMENT && needsTrackingPin(contact) ? await issueTrackingPin(manager, this.cipher, reporterRef) : undefined;
    const pin = trackingPin ? { trackingPin } : {};
    if (channel === 'EMAIL' || channel === 'PHONE' || channel === 'WALK_IN' || channel === 'WEB' || channel === 'REGIONAL_OFFICE') return { recipient, ...pin };

    const [wroteTo] = (await manager.query(
      `SELECT account_id FROM inbound_message WHERE complaint_id = $1 AND channel = $2 ORDER BY sent_at LIMIT 1`,
      [complaintId, channel],
    )) as { account_id: string }[];
    const [last] = (await manager.query(`SELECT max(sent_at) AS at FROM inbound_message WHERE sender_digest = ANY($1) AND status <> 'FAILED'`, [
      this.digest.all(channel, recipient),
    ])) as { at: Date | null }[];
    return { recipient, ...(wroteTo ? { accountId: wroteTo.account_id } : {}), ...(last?.at ? { lastInboundAt: last.at } : {}), ...pin };
  }
}

function assertKnownPurpose(purpose: string): void {
  if (purpose !== UNSTATED_PURPOSE && !(Object.values(SYSTEM_CONTACT_PURPOSES) as string[]).includes(purpose)) {
    throw new ServiceError('invalid', 'REQUEST.INVALID', 'the purpose is not one notification sends for', {
      fieldViolations: [{ field: 'purpose', description: `one of ${Object.values(SYSTEM_CONTACT_PURPOSES).join(', ')}` }],
    });
  }
}

/** The contact field that reaches the reporter on `channel`; a handle only on the channel the complaint came over. */
function contactFieldFor(channel: OutboundChannel, complaintChannel: string): ContactField | undefined {
  if (channel === 'WHATSAPP' || channel === 'SMS') return 'phone';
  if (channel === 'EMAIL') return 'email';
  return BY_HANDLE.includes(channel) && complaintChannel === channel ? 'handle' : undefined;
}
