// A complaint Admin Tikkim records from a phone call, over REST, for the browser tests that need
// complaints waiting on an officer without walking /lapor first.
import type { Office } from './office';

/** The phone number every such complaint's reporter gives (intake keeps it sealed). */
export const PHONE_REPORTER = { name: 'Rudi Hartono', phone: '+6281355566677' } as const;

/** Registers the complaint; resolves with its id and tracking number once the gateway's view has it. */
export async function registerPhoneComplaint(office: Office, text: string): Promise<{ id: string; trackingNumber: string }> {
  const r = await office.call('POST', '/complaints', 'admin', { officeCode: office.code, channel: 'PHONE', text, contact: PHONE_REPORTER });
  if (r.status !== 201) throw new Error(`registering a phone complaint: ${r.status} ${JSON.stringify(r.body)}`);
  const id = r.body['id'] as string;
  await office.expectStatus(id, 'RECEIVED');
  return { id, trackingNumber: (await office.view(id, 'admin'))['trackingNumber'] as string };
}
