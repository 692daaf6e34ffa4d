// What a bench runs against: every service as its own process on the run's Kafka and Postgres
// (as the tests), or the embedded default (`npm start` on a bare machine: one process, PGlite and
// the in-process bus). Either way: officers of one office logged in, the processes to measure,
// and the floor of the same infrastructure.
import { addSections, freePort, provideTestInfrastructure, randomOfficeCode, releaseTestInfrastructure, REPO_ROOT, startPlatformStack } from '@pengaduan/testing';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { commitFloor, produceFloor } from './floor';
import { OFFICERS, OfficeClient, SECTIONS, type Officer } from './follow-up-branch';
import { backendsOf, type MeteredGroup } from './process-meter';
import { childrenOf, pidListeningOn } from './proc-stats';

export interface Target {
  mode: 'processes' | 'embedded';
  client: OfficeClient;
  /** What runs where (brokers, database), for the results. */
  infrastructure: Record<string, unknown>;
  groups: MeteredGroup[];
  floor(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export function startTarget(embedded: boolean, log: (m: string) => void): Promise<Target> {
  return embedded ? startEmbedded(log) : startProcesses(log);
}

async function startProcesses(log: (m: string) => void): Promise<Target> {
  const infra = await provideTestInfrastructure(log);
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  process.env['DATABASE_URL'] = infra.databaseUrl;
  log(`starting every service as its own process (Kafka ${infra.kafkaBrokers.join(',')}, ${infra.databaseUrl.replace(/\/\/[^@]*@/, '//')})`);
  // Compiled, with the services' own poll intervals: what production runs, not the tests' setup.
  const stack = await startPlatformStack({ extraEnv: { LOG_LEVEL: 'warn' }, compiled: true, defaultPolling: true });
  const client = new OfficeClient(stack.api, randomOfficeCode());
  await addSections(stack, client.office, SECTIONS);
  for (const [who, officer] of Object.entries(OFFICERS) as [Officer, { role: string; section?: string }][]) {
    const password = randomBytes(12).toString('base64url');
    const username = `bench.${who}.${client.office.toLowerCase()}`;
    const args = ['user', 'add', '--username', username, '--role', officer.role, '--office', client.office, ...(officer.section ? ['--section', officer.section] : [])];
    stack.processes['gateway'].runCommand(args, { GATEWAY_NEW_USER_PASSWORD: password });
    await client.logIn(who, username, password);
  }
  const servicePids = () => Object.values(stack.processes).flatMap((p) => (p.pid ? [p.pid] : []));
  const pgPort = Number(new URL(infra.databaseUrl).port || 5432);
  const kafkaPort = Number(infra.kafkaBrokers[0].split(':').pop());
  const postmaster = pidListeningOn(pgPort);
  const broker = pidListeningOn(kafkaPort);
  const backends = backendsOf(servicePids, pgPort, infra.databaseUrl);
  const groups: MeteredGroup[] = Object.entries(stack.processes).map(([name, p]) => ({ name, pids: () => (p.pid ? [p.pid] : []) }));
  groups.push({ name: 'postgres (backends of the services)', pids: backends.pids, note: "the backends serving the services' connections, matched by client port; not the postmaster's own processes (WAL writer, checkpointer)" });
  if (postmaster) {
    groups.push({ name: 'postgres (whole server)', pids: () => [postmaster, ...childrenOf(postmaster)], reapedChildren: true, note: "postmaster and every child, exited backends included: shared with other users of this Postgres (other engineers' tests)" });
  }
  if (broker) groups.push({ name: 'kafka broker', pids: () => [broker], note: "the whole JVM: shared with other users of this broker (other engineers' tests)" });
  if (!postmaster || !broker) log(`not measured: ${!postmaster ? `Postgres (nothing visible listens on ${pgPort})` : ''} ${!broker ? `Kafka (nothing visible listens on ${kafkaPort})` : ''}`);
  return {
    mode: 'processes',
    client,
    infrastructure: {
      kafkaBrokers: infra.kafkaBrokers,
      database: infra.databaseUrl.replace(/\/\/[^@]*@/, '//'),
      postmasterPid: postmaster ?? null,
      brokerPid: broker ?? null,
      logs: Object.fromEntries(Object.entries(stack.processes).map(([name, p]) => [name, p.logFile])),
    },
    groups,
    async floor() {
      return { postgresCommit: await commitFloor(infra.databaseUrl), kafkaProduceAcksAll: await produceFloor(infra.kafkaBrokers) };
    },
    async stop() {
      await backends.close();
      await stack.stop();
      await stack.dispose();
      await releaseTestInfrastructure(infra, log);
    },
  };
}

/** Variables that would make the launcher refuse to start or share something with the test run (as platform-process.ts). */
const NOT_PASSED_ON = /^(KAFKA_BROKERS|DATABASE_URL|KAFKA_GROUP_PREFIX|EMBEDDED_.*|EVENT_SIGNING_KEY.*|EVENT_PUBLIC_KEYS|REPORTER_CONTACT_KEY|GATEWAY_JWT_SECRET|.*_(HTTP_PORT|GRPC_ADDRESS|GRPC_URL)|INTAKE_WEBHOOKS_URL)$/;
/** The demo office's officer of each role (services/platform/src/demo). */
const DEMO_OFFICER: Record<Officer, string> = { admin: 'admin.tikkim', kakan: 'kepala.kantor', inteldakim: 'seksi.inteldakim', lantaskim: 'seksi.lantaskim', kasiTi: 'kepala.seksi.ti' };

async function startEmbedded(log: (m: string) => void): Promise<Target> {
  const main = join(REPO_ROOT, 'services', 'platform', 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npx tsc --build tsconfig.build.json)`);
  const dir = mkdtempSync(join(tmpdir(), 'pengaduan-bench-'));
  const env: Record<string, string> = { EMBEDDED_DATA_DIR: join(dir, 'data'), DEV_SECRETS_FILE: join(dir, 'dev-secrets.env'), LOG_LEVEL: 'warn' };
  for (const name of ['GATEWAY', 'INTAKE', 'DISPOSITION', 'ANALYSIS', 'TEAM_DECREE', 'NOTIFICATION', 'SLA_MONITOR']) env[`${name}_HTTP_PORT`] = String(await freePort());
  for (const name of ['GATEWAY', 'INTAKE', 'DISPOSITION', 'ANALYSIS', 'TEAM_DECREE', 'NOTIFICATION', 'SLA_MONITOR']) env[`${name}_GRPC_ADDRESS`] = `127.0.0.1:${await freePort()}`;
  env['EMBEDDED_DB_PORT'] = String(await freePort());
  env['EMBEDDED_BUS_PORT'] = String(await freePort());
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !NOT_PASSED_ON.test(k))) as Record<string, string>;
  log(`starting the embedded platform (${main}), data in ${dir}`);
  // The launcher as `npm start` runs it once built: its compiled output, in a process of its own.
  const child = spawn(process.execPath, [main], { cwd: REPO_ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  // Its output is kept where the tests keep theirs, to find out afterwards why a request failed.
  mkdirSync(join(REPO_ROOT, '.local', 'test-logs'), { recursive: true });
  const logFile = join(REPO_ROOT, '.local', 'test-logs', `bench-platform-${Date.now()}.log`);
  const logStream = createWriteStream(logFile);
  child.stderr.pipe(logStream);
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    // The demo passwords stay out of the log.
    logStream.write(`${line.replace(/password: \S+$/, 'password: (not logged)')}\n`);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 300_000;
  let webApp: string | undefined;
  while (!webApp) {
    webApp = lines.map((l) => /^Web app: (http:\/\/\S+\/)$/.exec(l)?.[1]).find(Boolean);
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the embedded platform did not start (exit ${child.exitCode}):\n${lines.join('\n')}\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const passwords = Object.fromEntries(lines.flatMap((l) => {
    const m = /created (\S+) \(.*\) password: (\S+)$/.exec(l);
    return m ? [[m[1], m[2]]] : [];
  }));
  const client = new OfficeClient(`${webApp}api/v1`, 'BLP');
  for (const [who, username] of Object.entries(DEMO_OFFICER) as [Officer, string][]) await client.logIn(who, username, passwords[username]);
  const secrets = (file: string) => Object.fromEntries(readFileSync(join(env['EMBEDDED_DATA_DIR'], file), 'utf8').split('\n').filter(Boolean).map((l) => [l.split('=')[0], l.slice(l.indexOf('=') + 1)]));
  const pid = child.pid as number;
  return {
    mode: 'embedded',
    client,
    infrastructure: { platformPid: pid, database: 'PGlite (in the platform process)', bus: 'the in-process bus (its log in a second PGlite)', log: logFile },
    groups: [{ name: 'platform', pids: () => [pid], note: 'every service, PGlite and the bus in this one process' }],
    async floor() {
      const db = `postgres://postgres:${secrets('pglite-passwords.env')['postgres']}@127.0.0.1:${env['EMBEDDED_DB_PORT']}/postgres`;
      const bus = `postgres://postgres:${secrets('pglite-bus-passwords.env')['postgres']}@127.0.0.1:${env['EMBEDDED_BUS_PORT']}/postgres`;
      return { pgliteCommit: await commitFloor(db), busProduce: await produceFloor(['embedded'], { embeddedBusUrl: bus }) };
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
