import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@pengaduan/messaging';
import { createServiceDataSource, initializeServiceDataSource } from '@pengaduan/persistence';
import { ConfigError } from '@pengaduan/runtime';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { OFFICER_ROLES } from './auth/authenticated-user';
import { generatePassword, hashPassword } from './auth/password-hasher';
import { passwordPolicyProblem } from './auth/password-policy';
import { loadGatewayCliConfig, type GatewayCliConfig } from './config';
import { embeddedDatabaseUrl, embeddedDataDir, runningEmbeddedPlatform } from './embedded-platform';
import { GATEWAY_ENTITIES } from './persistence/entities';
import { GATEWAY_MIGRATIONS } from './persistence/migrations';
import { DEMO_USERS } from './users/demo-users';
import { AccountError, UserAccounts, type AccountSummary } from './users/user-accounts';
import { OfficeClientError, OfficeClients, type OfficeClientSummary } from './public-api/office-clients';

/** The environment variable a new account's password is read from (never a command-line argument, which `ps` shows). */
export const NEW_USER_PASSWORD_ENV = 'GATEWAY_NEW_USER_PASSWORD';

const USAGE = `usage:
  main.js user add --username <name> --role <ROLE> --office <CODE> [--section <CODE>] [--display-name <text>] [--nip <18 digits>] [--position <text>]
      password from ${NEW_USER_PASSWORD_ENV}, or generated and printed once
      roles: ${OFFICER_ROLES.join(', ')} (SEKSI_TERKAIT needs --section)
  main.js user list [--office <CODE>]
  main.js user reset-password --username <name>
      password from ${NEW_USER_PASSWORD_ENV}, or generated and printed once; every token of the account is revoked
  main.js seed-demo
      the demo office's officers, one per role; existing ones are left as they are
  main.js office-client add --office <CODE> [--name <text>]
      an API client of the public gRPC API for an office's system; its token is printed once
  main.js office-client list [--office <CODE>]
  main.js office-client revoke --id <ID>`;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

const EXIT_USAGE = 64;
const EXIT_CONFIG = 78;

class UsageError extends Error {}

/** The gateway's Postgres role in the embedded platform (scripts/service-env.cjs names them `pengaduan_<schema>`). */
const EMBEDDED_GATEWAY_ROLE = 'pengaduan_gateway';

/**
 * The gateway's operator commands: `user add`, `user list`, `user reset-password`, `seed-demo`, `office-client add|list|revoke`. They need only the
 * database (DATABASE_URL, GATEWAY_DB_SCHEMA) and apply pending migrations first; without
 * DATABASE_URL, the embedded platform's that runs now (`npm start`), as the gateway's role. A password
 * is printed only when it was generated, once; it is never logged. Resolves with the exit code.
 */
export async function runGatewayCli(args: string[], io: CliIo = processIo()): Promise<number> {
  let config: GatewayCliConfig;
  try {
    config = loadGatewayCliConfig(io.env['DATABASE_URL'] ? io.env : { ...io.env, DATABASE_URL: embeddedPlatformDatabase(io) });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return EXIT_CONFIG;
    }
    throw err;
  }
  let ds: DataSource | undefined;
  const database = () => {
    ds ??= createServiceDataSource({
      url: config.databaseUrl,
      schema: config.databaseSchema,
      applicationName: 'gateway-cli',
      entities: [...MESSAGING_ENTITIES, ...GATEWAY_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...GATEWAY_MIGRATIONS],
      poolSize: 2,
    });
    return ds;
  };
  try {
    const command = commandOf(args);
    await initializeServiceDataSource(database());
    await runCommand(command, database, io);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (err instanceof AccountError || err instanceof OfficeClientError) {
      io.err(`${err.field}: ${err.message}`);
      return EXIT_USAGE;
    }
    io.err(`failed: ${(err as Error).message}`);
    return 1;
  } finally {
    if (ds?.isInitialized) await ds.destroy();
  }
}

/**
 * The embedded platform's database, as the gateway's role, when DATABASE_URL is unset: found through
 * the address the running platform publishes in its data directory (embedded-platform.ts).
 */
function embeddedPlatformDatabase(io: CliIo): string {
  const dataDir = embeddedDataDir(io.env);
  try {
    const platform = runningEmbeddedPlatform(dataDir);
    const url = embeddedDatabaseUrl(platform.database, EMBEDDED_GATEWAY_ROLE);
    io.err(`DATABASE_URL is not set: using the embedded platform's database on ${platform.database.host}:${platform.database.port} (data in ${dataDir})`);
    return url;
  } catch (err) {
    throw new ConfigError([`DATABASE_URL is not set, and ${(err as Error).message}; or set DATABASE_URL to the gateway's Postgres`]);
  }
}

type Command =
  | { name: 'user add'; options: { username?: string; role?: string; office?: string; section?: string; 'display-name'?: string; nip?: string; position?: string } }
  | { name: 'user list'; options: { office?: string } }
  | { name: 'user reset-password'; options: { username?: string } }
  | { name: 'seed-demo'; options: Record<string, never> }
  | { name: 'office-client add'; options: { office?: string; name?: string } }
  | { name: 'office-client list'; options: { office?: string } }
  | { name: 'office-client revoke'; options: { id?: string } };

function commandOf(args: string[]): Command {
  const [first, second, ...rest] = args;
  try {
    if (first === 'user' && second === 'add') {
      return { name: 'user add', options: optionsOf(rest, ['username', 'role', 'office', 'section', 'display-name', 'nip', 'position'], ['username', 'role', 'office']) };
    }
    if (first === 'user' && second === 'list') return { name: 'user list', options: optionsOf(rest, ['office']) };
    if (first === 'user' && second === 'reset-password') return { name: 'user reset-password', options: optionsOf(rest, ['username'], ['username']) };
    if (first === 'office-client' && second === 'add') return { name: 'office-client add', options: optionsOf(rest, ['office', 'name'], ['office']) };
    if (first === 'office-client' && second === 'list') return { name: 'office-client list', options: optionsOf(rest, ['office']) };
    if (first === 'office-client' && second === 'revoke') return { name: 'office-client revoke', options: optionsOf(rest, ['id'], ['id']) };
    if (first === 'seed-demo') {
      parseArgs({ args: args.slice(1), strict: true, options: {} });
      return { name: 'seed-demo', options: {} };
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError((err as Error).message);
  }
  throw new UsageError(`unknown command: ${args.join(' ')}`);
}

/** `args` as the string options `names` (strictly: anything else is an error), each of `required` given and not empty, checked in order. */
function optionsOf<K extends string>(args: string[], names: readonly K[], required: readonly K[] = []): { [P in K]?: string } {
  const { values } = parseArgs({ args, strict: true, options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])) });
  for (const name of required) if (!values[name]) throw new UsageError(`--${name} is required`);
  return values as { [P in K]?: string };
}

/** Runs a parsed command on the gateway's database (initialised). */
async function runCommand(command: Command, database: () => DataSource, io: CliIo): Promise<void> {
  const accounts = new UserAccounts(database);
  switch (command.name) {
    case 'user add':
      return addUser(accounts, command.options, io);
    case 'user list':
      return printAccounts(await accounts.list(command.options.office), io);
    case 'user reset-password':
      return resetPassword(accounts, command.options.username ?? '', io);
    case 'seed-demo':
      return seedDemo(accounts, io);
    case 'office-client add':
      return addOfficeClient(new OfficeClients(database), command.options, io);
    case 'office-client list':
      return printOfficeClients(await new OfficeClients(database).list(command.options.office), io);
    case 'office-client revoke':
      if (!(await new OfficeClients(database).revoke(command.options.id ?? ''))) throw new UsageError(`no active office client ${command.options.id}`);
      return io.out(`revoked office client ${command.options.id}`);
    default:
      return assertNever(command);
  }
}

function assertNever(command: never): never {
  throw new Error(`unhandled command ${JSON.stringify(command)}`);
}

async function addUser(accounts: UserAccounts, options: Extract<Command, { name: 'user add' }>['options'], io: CliIo): Promise<void> {
  const given = io.env[NEW_USER_PASSWORD_ENV];
  const password = given || generatePassword();
  const username = (options.username ?? '').trim().toLowerCase();
  const account = await accounts.add({
    username,
    password,
    displayName: options['display-name'] ?? username,
    role: options.role ?? '',
    officeCode: options.office ?? '',
    ...(options.section ? { sectionCode: options.section } : {}),
    ...(options.nip ? { nip: options.nip } : {}),
    ...(options.position ? { position: options.position } : {}),
  });
  io.out(`created ${describe(account)}${given ? ` (password from ${NEW_USER_PASSWORD_ENV})` : ` password: ${password}`}`);
  if (!given) io.out('the password is shown only this once: hand it to the officer now');
}

/**
 * An operator resets an officer's password (the head of office's above all, whom no one in the
 * web app administers): the password from the environment or a generated one, printed once;
 * every token of the account is revoked (tokens_valid_after, ADR 0022).
 */
async function resetPassword(accounts: UserAccounts, username: string, io: CliIo): Promise<void> {
  const account = await accounts.byUsername(username.trim().toLowerCase());
  if (!account) throw new UsageError(`no account ${username}`);
  const given = io.env[NEW_USER_PASSWORD_ENV];
  const password = given || generatePassword();
  const problem = passwordPolicyProblem(password, { username: account.username });
  if (problem) throw new AccountError('REQUEST.INVALID', 'password', problem);
  const passwordHash = await hashPassword(password);
  await accounts.transaction((tx) => accounts.setPassword(tx, account.id, passwordHash, new Date()));
  io.out(`reset the password of ${account.username}; every token of the account is revoked${given ? ` (password from ${NEW_USER_PASSWORD_ENV})` : ` password: ${password}`}`);
  if (!given) io.out('the password is shown only this once: hand it to the officer now');
}

async function seedDemo(accounts: UserAccounts, io: CliIo): Promise<void> {
  for (const demo of DEMO_USERS) {
    if (await accounts.exists(demo.username)) {
      io.out(`exists  ${demo.username}: left as it is (password unchanged)`);
      continue;
    }
    const password = generatePassword();
    try {
      const account = await accounts.add({ ...demo, password });
      io.out(`created ${describe(account)} password: ${password}`);
    } catch (err) {
      // Created meanwhile by another run: still idempotent.
      if (err instanceof AccountError && err.code === 'ACCOUNT.USERNAME_TAKEN') io.out(`exists  ${demo.username}: left as it is (password unchanged)`);
      else throw err;
    }
  }
  io.out('the generated passwords are shown only this once');
}

function describe(account: AccountSummary): string {
  return `${account.username} (${account.role}, office ${account.officeCode}${account.sectionCode ? `, section ${account.sectionCode}` : ''})`;
}

function printAccounts(accounts: AccountSummary[], io: CliIo): void {
  const rows = [
    ['USERNAME', 'ROLE', 'OFFICE', 'SECTION', 'ACTIVE', 'DISPLAY NAME', 'CREATED (UTC)'],
    ...accounts.map((a) => [a.username, a.role, a.officeCode, a.sectionCode ?? '-', a.active ? 'yes' : 'no', a.displayName, a.createdAt.toISOString()]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) io.out(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

async function addOfficeClient(clients: OfficeClients, options: Extract<Command, { name: 'office-client add' }>['options'], io: CliIo): Promise<void> {
  const { client, token } = await clients.add({ officeCode: options.office ?? '', ...(options.name ? { name: options.name } : {}) });
  io.out(`created office client ${client.id} (${client.name}, office ${client.officeCode}) token: ${token}`);
  io.out('the token is shown only this once: hand it to the office now (send it as "authorization: Bearer <token>")');
}

function printOfficeClients(clients: OfficeClientSummary[], io: CliIo): void {
  const rows = [
    ['ID', 'OFFICE', 'NAME', 'ACTIVE', 'CREATED (UTC)'],
    ...clients.map((c) => [c.id, c.officeCode, c.name, c.active ? 'yes' : 'no', c.createdAt.toISOString()]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) io.out(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

function processIo(): CliIo {
  return {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}
