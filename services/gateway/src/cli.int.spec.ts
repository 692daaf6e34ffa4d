import { dropSchema, sql, testInfrastructure, uniqueSchemaName } from '@pengaduan/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyPassword } from './auth/password-hasher';
import { NEW_USER_PASSWORD_ENV, runGatewayCli } from './cli';
import { EMBEDDED_PLATFORM_FILE } from './embedded-platform';

const schema = uniqueSchemaName('gateway_cli');
const env = { DATABASE_URL: testInfrastructure().databaseUrl, GATEWAY_DB_SCHEMA: schema };

afterAll(() => dropSchema(schema));

async function run(args: string[], extraEnv: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGatewayCli(args, { env: { ...env, ...extraEnv }, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function hashOf(username: string): Promise<string> {
  const [row] = await sql<{ password_hash: string }>(`SELECT password_hash FROM "${schema}".user_account WHERE username = $1`, [username]);
  return row.password_hash;
}

describe('the account commands', () => {
  it('adds an officer with the password from the environment, printing it nowhere', async () => {
    const password = 'kata-sandi-dari-env-123';
    const r = await run(['user', 'add', '--username', 'kepala.kantor', '--role', 'KEPALA_KANTOR', '--office', 'BLP', '--display-name', 'Drs. Hendra'], {
      [NEW_USER_PASSWORD_ENV]: password,
    });
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(`created kepala.kantor (KEPALA_KANTOR, office BLP) (password from ${NEW_USER_PASSWORD_ENV})`);
    expect(r.out).not.toContain(password);
    const hash = await hashOf('kepala.kantor');
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(hash, password)).resolves.toBe(true);
  });

  it('generates a password when none is given and prints it once', async () => {
    const r = await run(['user', 'add', '--username', 'seksi.tu', '--role', 'SEKSI_TERKAIT', '--office', 'BLP', '--section', 'TU']);
    expect(r.code).toBe(0);
    const password = /password: (\S+)/.exec(r.out)?.[1] ?? '';
    expect(password).toMatch(/^[\w-]{24}$/);
    await expect(verifyPassword(await hashOf('seksi.tu'), password)).resolves.toBe(true);
  });

  it('refuses a section officer without a section, a taken username and an unknown option, with exit 64', async () => {
    expect(await run(['user', 'add', '--username', 'seksi.x', '--role', 'SEKSI_TERKAIT', '--office', 'BLP'])).toMatchObject({ code: 64, err: expect.stringMatching(/^section: is required/) });
    expect(await run(['user', 'add', '--username', 'kepala.kantor', '--role', 'AUDITOR', '--office', 'BLP'])).toMatchObject({ code: 64, err: 'username: the username kepala.kantor is taken' });
    expect((await run(['user', 'add', '--username', 'x.y.z', '--role', 'AUDITOR', '--office', 'BLP', '--password', 'p'])).code).toBe(64);
    expect((await run(['user', 'remove'])).code).toBe(64);
  });

  it('seeds the demo office once: a second run creates nothing and prints no password', async () => {
    const first = await run(['seed-demo']);
    expect(first.code).toBe(0);
    const created = [...first.out.matchAll(/^created (\S+) \((\w+), office BLP(?:, section (\w+))?\) password: (\S+)$/gm)];
    expect(created.map((m) => [m[1], m[2], m[3]])).toEqual([
      ['admin.tikkim', 'ADMIN_TIKKIM', undefined],
      ['kepala.kantor', 'KEPALA_KANTOR', undefined],
      ['seksi.inteldakim', 'SEKSI_TERKAIT', 'INTELDAKIM'],
      ['seksi.lantaskim', 'SEKSI_TERKAIT', 'LANTASKIM'],
      ['kepala.seksi.ti', 'KEPALA_SEKSI_TI', undefined],
      ['auditor', 'AUDITOR', undefined],
      ['operator', 'OPERATOR', undefined],
    ].filter(([name]) => name !== 'kepala.kantor'));
    expect(first.out).toMatch(/^exists {2}kepala\.kantor: left as it is/m);
    for (const m of created) await expect(verifyPassword(await hashOf(m[1]), m[4])).resolves.toBe(true);

    const second = await run(['seed-demo']);
    expect(second.code).toBe(0);
    expect(second.out).not.toMatch(/password: /);
    expect(second.out.match(/^exists /gm)).toHaveLength(7);
  });

  it('lists the accounts of an office without their hashes', async () => {
    const r = await run(['user', 'list', '--office', 'BLP']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^USERNAME\s+ROLE\s+OFFICE\s+SECTION\s+ACTIVE/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['admin.tikkim', 'auditor', 'kepala.kantor', 'kepala.seksi.ti', 'operator', 'seksi.inteldakim', 'seksi.lantaskim', 'seksi.tu']);
    expect(r.out).not.toContain('$argon2id$');
  });

  it("resets an officer's password, revoking their tokens, and refuses an unknown username with exit 64", async () => {
    const r = await run(['user', 'reset-password', '--username', 'seksi.tu']);
    expect(r.code).toBe(0);
    const password = /password: (\S+)/.exec(r.out)?.[1] ?? '';
    await expect(verifyPassword(await hashOf('seksi.tu'), password)).resolves.toBe(true);
    const [row] = await sql<{ tokens_valid_after: Date | null }>(`SELECT tokens_valid_after FROM "${schema}".user_account WHERE username = 'seksi.tu'`);
    expect(row.tokens_valid_after).toBeInstanceOf(Date);
    expect((await run(['user', 'reset-password', '--username', 'nobody'])).code).toBe(64);
    expect((await run(['user', 'reset-password', '--username', 'seksi.tu'], { [NEW_USER_PASSWORD_ENV]: 'pendek' })).code).toBe(64);
  });

  it('stops with exit 78 naming the variable and `npm start` when neither DATABASE_URL nor a running embedded platform is there', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gateway-cli-'));
    try {
      const bare = async () => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runGatewayCli(['user', 'list'], { env: { EMBEDDED_DATA_DIR: dataDir }, out: (l) => out.push(l), err: (l) => err.push(l) });
        return { code, err: err.join('\n') };
      };
      expect(await bare()).toEqual({ code: 78, err: expect.stringMatching(new RegExp(`DATABASE_URL is not set, and no embedded platform runs on ${dataDir} .*npm start.*or set DATABASE_URL`)) });
      // A platform killed with kill -9 leaves its address behind: its process is gone, and the command says so.
      const gone = spawnSync(process.execPath, ['-e', '']).pid;
      writeFileSync(join(dataDir, EMBEDDED_PLATFORM_FILE), JSON.stringify({ pid: gone, database: { host: '127.0.0.1', port: 1, passwordsFile: join(dataDir, 'none') } }));
      expect(await bare()).toEqual({ code: 78, err: expect.stringMatching(new RegExp(`DATABASE_URL is not set, and the embedded platform that ran on ${dataDir} \\(pid ${gone}\\) is gone: start it again with \`npm start\``)) });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
