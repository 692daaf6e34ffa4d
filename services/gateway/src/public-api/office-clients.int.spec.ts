import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@pengaduan/messaging';
import { createServiceDataSource, initializeServiceDataSource } from '@pengaduan/persistence';
import { dropSchema, sql, testInfrastructure, uniqueSchemaName } from '@pengaduan/testing';
import type { DataSource } from 'typeorm';
import { runGatewayCli } from '../cli';
import { GATEWAY_ENTITIES } from '../persistence/entities';
import { GATEWAY_MIGRATIONS } from '../persistence/migrations';
import { OfficeClients, TOKEN_CACHE_MS } from './office-clients';

const schema = uniqueSchemaName('gateway_office_clients');
const env = { DATABASE_URL: testInfrastructure().databaseUrl, GATEWAY_DB_SCHEMA: schema };
let ds: DataSource;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGatewayCli(args, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  // The CLI migrates the schema first.
  expect((await run(['office-client', 'list'])).code).toBe(0);
  ds = createServiceDataSource({
    url: env.DATABASE_URL,
    schema,
    applicationName: 'office-clients-test',
    entities: [...MESSAGING_ENTITIES, ...GATEWAY_ENTITIES],
    migrations: [...MESSAGING_MIGRATIONS, ...GATEWAY_MIGRATIONS],
    poolSize: 2,
  });
  await initializeServiceDataSource(ds);
});

afterAll(async () => {
  await ds?.destroy();
  await dropSchema(schema);
});

describe('office API clients', () => {
  it('creates a client with `office-client add`, printing its token once and keeping only an argon2id hash', async () => {
    const r = await run(['office-client', 'add', '--office', 'BLP', '--name', 'Sistem Kanwil Kaltim']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const token = /token: (\S+)/.exec(r.out)?.[1] ?? '';
    expect(token).toMatch(/^pgd_oc_[0-9a-f]{32}_[\w-]{43}$/);
    const [row] = await sql<{ token_hash: string; office_code: string; name: string }>(`SELECT * FROM "${schema}".office_api_client`);
    expect(row).toMatchObject({ office_code: 'BLP', name: 'Sistem Kanwil Kaltim', token_hash: expect.stringMatching(/^\$argon2id\$/) });
    expect(row.token_hash).not.toContain(token.split('_').pop());

    const listed = await run(['office-client', 'list', '--office', 'BLP']);
    expect(listed.out).toContain('Sistem Kanwil Kaltim');
    expect(listed.out).not.toContain(token);
  });

  it('authenticates a token to its office, refuses unknown, altered and revoked ones', async () => {
    let now = Date.now();
    const clients = new OfficeClients(() => ds, () => now);
    const { client, token } = await clients.add({ officeCode: 'SMD' });
    await expect(clients.authenticate(token)).resolves.toEqual({ id: client.id, officeCode: 'SMD', name: 'SMD system' });
    await expect(clients.authenticate(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).resolves.toBeUndefined();
    await expect(clients.authenticate(`pgd_oc_${'0'.repeat(32)}_${'A'.repeat(43)}`)).resolves.toBeUndefined();
    await expect(clients.authenticate('Bearer nonsense')).resolves.toBeUndefined();

    expect(await run(['office-client', 'revoke', '--id', client.id])).toMatchObject({ code: 0, out: `revoked office client ${client.id}` });
    // Verified tokens are taken for a while without hashing again; then the revocation holds.
    now += TOKEN_CACHE_MS + 1;
    await expect(clients.authenticate(token)).resolves.toBeUndefined();
    expect((await run(['office-client', 'revoke', '--id', client.id])).code).toBe(64);
  });

  it('refuses a bad office code and a missing option with exit 64', async () => {
    expect(await run(['office-client', 'add', '--office', 'blp'])).toMatchObject({ code: 64, err: expect.stringMatching(/^office: /) });
    expect((await run(['office-client', 'add'])).code).toBe(64);
  });
});
