// Test support: a webhook request kept in intake's quarantine (webhook_quarantine) as the webhook
// handler keeps one its parser cannot read, so that a test can re-process it (docs/adr/0047).
import type { ProviderId, WebhookRequest } from '@pengaduan/channels';
import { createServiceDataSource } from '@pengaduan/persistence';
import { testInfrastructure } from '@pengaduan/testing';
import type { DataSource } from 'typeorm';
import { quarantine } from '../channel-webhooks/inbound-store';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { intakeKeys } from '../reporter-contact/intake-keys';

/** Keeps `request` quarantined, sealed under `cipher`'s newest key, in `dataSource`'s schema; resolves with its id. */
export async function keepQuarantined(
  intake: { dataSource: DataSource; cipher: ContactCipher },
  provider: ProviderId,
  request: WebhookRequest,
  reason: string,
  receivedAt: Date,
): Promise<string> {
  return intake.dataSource.transaction((tx) => quarantine(tx, intake.cipher, provider, request, reason, receivedAt));
}

/**
 * The same in a running intake (a platform stack's): its schema, sealed with its contact key
 * (REPORTER_CONTACT_KEY), as that intake's own webhook handler would have kept it.
 */
export async function keepQuarantinedIn(
  intake: { schema: string; contactKey: string },
  provider: ProviderId,
  request: WebhookRequest,
  reason: string,
  receivedAt: Date,
): Promise<string> {
  const dataSource = createServiceDataSource({ url: testInfrastructure().databaseUrl, schema: intake.schema, applicationName: 'quarantine-seed', entities: [], migrations: [], poolSize: 1 });
  await dataSource.initialize();
  try {
    const { cipher } = intakeKeys({ reporterContactKey: intake.contactKey, reporterContactKeys: undefined, senderDigestKeys: undefined });
    return await keepQuarantined({ dataSource, cipher }, provider, request, reason, receivedAt);
  } finally {
    await dataSource.destroy();
  }
}
