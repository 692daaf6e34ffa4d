// A gateway for the int specs of an office's administration routes backed by notification (the
// message texts, docs/adr/0050; the status messages, docs/adr/0054): notification is a stand-in,
// office BLP has an officer of each role, and requests go out as the head of office by default.
import { randomUUID } from 'node:crypto';
import { isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from './gateway-app';
import { OFFICE_ROLES, type OfficerRole } from '../auth/authenticated-user';

/** What a request may change from the default (the head of office's token, a fresh Idempotency-Key, no If-Match). */
export interface OfficeRequestOptions {
  token?: string | null;
  body?: unknown;
  raw?: string;
  key?: string | null;
  ifMatch?: string;
}

export interface OfficeAdminGateway {
  gateway: TestGateway;
  tokens: Record<OfficerRole, string>;
  /** The head of office's account id. */
  headId: string;
  /** A request to `base` + `path`. */
  send(method: string, path: string, options?: OfficeRequestOptions): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts the gateway with `upstreamAddress` as notification (or as `upstream`), and logs in an officer of each role of BLP. */
export async function startOfficeAdminGateway(upstreamAddress: string, base: string, upstream: 'notification' | 'intake' = 'notification'): Promise<OfficeAdminGateway> {
  const isolation: GatewayIsolation = await isolate();
  const gateway = await startGateway({ [upstream]: upstreamAddress }, isolation);
  const tokens = {} as Record<OfficerRole, string>;
  for (const role of OFFICE_ROLES) tokens[role] = (await gateway.officer({ role, officeCode: 'BLP', ...(role === 'SEKSI_TERKAIT' ? { sectionCode: 'INTELDAKIM' } : {}) })).token;
  const [{ id: headId }] = (await gateway.runtime.dataSource.query(`SELECT id FROM user_account WHERE office_code = 'BLP' AND role = 'KEPALA_KANTOR'`)) as { id: string }[];
  const send = (method: string, path: string, options: OfficeRequestOptions = {}) => {
    const token = options.token === undefined ? tokens.KEPALA_KANTOR : options.token;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (options.key !== null) headers['Idempotency-Key'] = options.key ?? randomUUID();
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    return fetch(`${gateway.baseUrl}${base}${path}`, { method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
  };
  return {
    gateway,
    tokens,
    headId,
    send,
    stop: async () => {
      await gateway.stop();
      await removeIsolation(isolation);
    },
  };
}
