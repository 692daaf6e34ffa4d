import { ServiceRuntime } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { openStoredReporter } from '../reporter-contact/reporter-contacts';
import type { SealedReporter } from '../reporter-contact/tracking-pin';
import { verifierMatches } from './reporter-verifier';

/** The gateway's question for the public tracking page. The verifier is personal data. */
export interface VerifyReporterQuery {
  trackingNumber: string;
  verifier: string;
}

/** `complaintId` only when the verifier is the reporter's. */
export type VerifyReporterResult = { matched: true; complaintId: string } | { matched: false };

/**
 * Is the person tracking `trackingNumber` its reporter? One query finds the complaint with its
 * sealed contact, for a known and an unknown tracking number alike; the contact is opened and
 * compared by {@link verifierMatches}. An unknown tracking number, a complaint whose reporter
 * gave no phone or e-mail and was issued no tracking PIN, and a wrong verifier all answer
 * `{ matched: false }`, which is no error: the gateway answers them the same. Neither the
 * verifier nor the contact is logged.
 */
interface StoredRow {
  id: string;
  reporter_ref: string;
  key_id: string | null;
  sealed: Buffer | null;
}

@Injectable()
export class VerifyReporterHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly cipher: ContactCipher,
  ) {}

  async execute(q: VerifyReporterQuery): Promise<VerifyReporterResult> {
    const [row] = (await this.runtime.dataSource.query(
      `SELECT c.id, c.reporter_ref, r.key_id, r.sealed FROM complaint c LEFT JOIN reporter_contact r ON r.reporter_ref = c.reporter_ref WHERE c.tracking_number = $1`,
      [q.trackingNumber.trim()],
    )) as StoredRow[];
    const matched = verifierMatches(await this.contactOf(row), q.verifier);
    return matched && row ? { matched: true, complaintId: row.id } : { matched: false };
  }

  private async contactOf(row: StoredRow | undefined): Promise<SealedReporter> {
    if (!row?.sealed) return {};
    // An erased reporter has nothing left to verify against: no verifier matches.
    return (await openStoredReporter(this.runtime.dataSource.manager, this.cipher, row.reporter_ref, row.sealed, row.key_id ?? '', `the contact of complaint ${row.id}`)) ?? {};
  }
}
