import { REPO_ROOT, testInfrastructure, uniqueSuffix } from '@pengaduan/testing';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databasePasswordVariable, signingKeyVariable } from '../../../../scripts/dev-secrets.cjs';
import { serviceEnvironment } from '../../../../scripts/service-env.cjs';

// `npm start` with DATABASE_URL and KAFKA_BROKERS (docs/adr/0024): DATABASE_URL is the
// administrative URL, which only prepare-postgres uses; each service connects as its own role
// pengaduan_<schema> with its password and is given nothing of the others'. Here, on the run's real
// Postgres, in a database of its own (dropped after): prepare-postgres run as scripts/start.mjs runs
// it, the environments derived as it derives them, and what a service's role may and may not do.
// (The server of the test run trusts local connections, so the passwords are set but not checked
// here; the embedded Postgres' tests check them.)

jest.setTimeout(120_000);

const SERVICES = ['intake', 'disposition', 'analysis', 'team-decree', 'notification', 'sla-monitor', 'gateway'];
const database = `pengaduan_lp_${uniqueSuffix()}`;
const admin = new URL(testInfrastructure().databaseUrl);
admin.pathname = `/${database}`;

/** The launcher's environment: the administrative URL, every role's password, every service's signing key. */
const launcher: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: admin.toString() };
for (const service of SERVICES) {
  launcher[databasePasswordVariable(service)] = randomBytes(18).toString('base64url');
  launcher[signingKeyVariable(service)] = `${service}-test:${generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
}

const clients: Client[] = [];
async function connect(url: string, schema?: string): Promise<Client> {
  const c = new Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema},public` } : {}) });
  clients.push(c);
  await c.connect();
  return c;
}

function run(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr}${r.stdout}`);
}

beforeAll(() => {
  run(['deploy/local/prepare-postgres.mjs'], launcher);
});

afterAll(async () => {
  for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  const server = new URL(admin);
  server.pathname = '/postgres';
  const c = new Client({ connectionString: server.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await c.end();
});

describe('each service on its own Postgres role', () => {
  it('gives a service its role’s URL and its own signing key, not the administrative URL or another service’s secrets', () => {
    const env = serviceEnvironment(launcher, 'intake');
    const url = new URL(env['DATABASE_URL']);
    expect([url.username, decodeURIComponent(url.password), url.host, url.pathname]).toEqual(['pengaduan_intake', launcher['PG_PASSWORD_INTAKE'], admin.host, `/${database}`]);
    expect(env['EVENT_SIGNING_KEY']).toBe(launcher[signingKeyVariable('intake')]);
    const others = SERVICES.filter((s) => s !== 'intake').flatMap((s) => [launcher[databasePasswordVariable(s)], launcher[signingKeyVariable(s)]]);
    const given = JSON.stringify(env);
    expect([admin.toString(), ...others].filter((secret) => given.includes(secret as string))).toEqual([]);
    expect(Object.keys(env).filter((name) => /^(PG_PASSWORD_|EVENT_SIGNING_KEY_)/.test(name))).toEqual([]);
  });

  it('lets intake’s role work in its schema, and nowhere else: not gateway’s, no roles, no databases, no superuser', async () => {
    const owner = await connect(admin.toString());
    await owner.query('CREATE TABLE gateway.secrets (x int)');
    const intake = await connect(serviceEnvironment(launcher, 'intake')['DATABASE_URL'], 'intake');
    expect((await intake.query('SELECT current_user AS who')).rows).toEqual([{ who: 'pengaduan_intake' }]);
    await intake.query('CREATE TABLE mine (x int)');
    await intake.query('INSERT INTO mine VALUES (1)');
    expect((await intake.query('SELECT x FROM intake.mine')).rows).toEqual([{ x: 1 }]);
    await expect(intake.query('SELECT * FROM gateway.secrets')).rejects.toThrow(/permission denied for schema gateway/);
    await expect(intake.query('CREATE TABLE gateway.mine (x int)')).rejects.toThrow(/permission denied for schema gateway/);
    await expect(intake.query('CREATE TABLE public.mine (x int)')).rejects.toThrow(/permission denied for schema public/);
    const { rows } = await intake.query('SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user');
    expect(rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false }]);
    await expect(intake.query('CREATE ROLE intruder')).rejects.toThrow(/permission denied/);
    await expect(intake.query(`CREATE DATABASE "${database}_x"`)).rejects.toThrow(/permission denied/);
  });

  it('runs a service’s migrations as its role: what sla-monitor creates is its role’s', async () => {
    run(['-r', '@swc-node/register', 'services/sla-monitor/src/main.ts', 'migrate'], { ...serviceEnvironment(launcher, 'sla-monitor'), LOG_LEVEL: 'warn' });
    const owner = await connect(admin.toString());
    const { rows } = await owner.query<{ owner: string; n: number }>(
      "SELECT pg_get_userbyid(relowner) AS owner, count(*)::int AS n FROM pg_class WHERE relnamespace = 'sla_monitor'::regnamespace GROUP BY 1",
    );
    expect(rows.map((r) => r.owner)).toEqual(['pengaduan_sla_monitor']);
    expect(rows[0].n).toBeGreaterThan(1);
  });
});
