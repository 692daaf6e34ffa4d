#!/usr/bin/env node
// The one-shot job that runs before the services (docker-compose.yml's `init`, deploy/k8s's
// Job `pengaduan-init`), in the `init` image of deploy/docker/Dockerfile:
//
//   1. topics: the topics of libs/contracts/src/lib/topic-definitions.json
//      (INIT_TOPICS=create: deploy/local/topics.mjs creates the missing ones; INIT_TOPICS=verify:
//      waits until they exist with their partitions, for Kubernetes, where Strimzi's KafkaTopic
//      resources own them; INIT_TOPICS=skip);
//   2. Postgres: the database, one login role and one schema per service (deploy/local/prepare-postgres.mjs),
//      run with the administrator's DATABASE_URL; each role's password is the one in its service's URL;
//   3. migrations: every service's `main.js migrate` (what `npm run migrate` runs), each connected
//      as its own role (DATABASE_URL_<SCHEMA>), so that its tables belong to the role it runs as.
//
// Environment:
//   KAFKA_BROKERS                 bootstrap brokers (host:port,…)
//   DATABASE_URL                  Postgres as an administrator (may create databases and roles)
//   DATABASE_URL_<SCHEMA>         each service's own URL, postgres://pengaduan_<schema>:<password>@host:port/<database>,
//                                 the same the service is given as DATABASE_URL (e.g. DATABASE_URL_TEAM_DECREE)
//   INIT_TOPICS                   create (default) | verify | skip
//   INIT_TOPICS_TIMEOUT_SECONDS   how long `verify` waits for the topics (default 300)
//   LOG_LEVEL                     passed to the services' migrate runs
//
// Idempotent: every step may run again (after an upgrade, a restart of the job).
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import { kafkaClientSecurity } from '../local/kafka-client-security.mjs';
import { SERVICES } from '../../scripts/services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (message) => console.error(`init: ${message}`);
const fail = (message, code = 1) => {
  say(message);
  process.exit(code);
};

/** The schema (and role suffix) of a service: team-decree -> team_decree. */
const schemaOf = (service) => service.replace(/-/g, '_');
const urlVariableOf = (service) => `DATABASE_URL_${schemaOf(service).toUpperCase()}`;

// --- the configuration, every problem named at once (exit 78, EX_CONFIG, like the services) ----
const problems = [];
const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
if (brokers.length === 0) problems.push('KAFKA_BROKERS: missing');
const topicsMode = process.env.INIT_TOPICS || 'create';
if (!['create', 'verify', 'skip'].includes(topicsMode)) problems.push(`INIT_TOPICS: "${topicsMode}" is none of create, verify, skip`);
const topicsTimeoutSeconds = Number(process.env.INIT_TOPICS_TIMEOUT_SECONDS || '300');
if (!(topicsTimeoutSeconds > 0)) problems.push('INIT_TOPICS_TIMEOUT_SECONDS: must be a positive number');

const parseUrl = (name, raw) => {
  if (!raw) {
    problems.push(`${name}: missing`);
    return undefined;
  }
  try {
    const url = new URL(raw);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('not a postgres: URL');
    return url;
  } catch {
    // Never repeat the value: it holds a password.
    problems.push(`${name}: not a postgres://user:password@host:port/database URL`);
    return undefined;
  }
};
const admin = parseUrl('DATABASE_URL', process.env.DATABASE_URL);
const databaseOf = (url) => decodeURIComponent(url.pathname.replace(/^\//, ''));
const roles = SERVICES.map((service) => {
  const variable = urlVariableOf(service);
  const url = parseUrl(variable, process.env[variable]);
  if (!url) return undefined;
  const role = `pengaduan_${schemaOf(service)}`;
  if (decodeURIComponent(url.username) !== role) problems.push(`${variable}: must connect as ${role} (the role prepare-postgres creates), not as "${decodeURIComponent(url.username)}"`);
  if (!url.password) problems.push(`${variable}: has no password`);
  if (admin && databaseOf(url) !== databaseOf(admin)) problems.push(`${variable}: names database "${databaseOf(url)}", DATABASE_URL names "${databaseOf(admin)}" (one database, a schema per service)`);
  return { service, schema: schemaOf(service), role, url, password: decodeURIComponent(url.password) };
});
if (problems.length > 0) fail(`invalid configuration:\n  - ${problems.join('\n  - ')}`, 78);

const run = (label, args, env) => {
  say(`${label}…`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) fail(`${label} failed (exit ${r.status ?? r.signal})`);
};
// What a child gets: never the whole environment (the administrator's URL stays here).
const baseEnv = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', NODE_ENV: process.env.NODE_ENV ?? 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };

// --- 1. topics ----------------------------------------------------------------------------------
if (topicsMode === 'create') {
  // Over TLS as the init job's own Kafka user when given (docs/adr/0028).
  const kafkaSecurityEnv = Object.fromEntries(
    Object.entries({ KAFKA_SSL_CA: process.env.KAFKA_SSL_CA, KAFKA_SASL_MECHANISM: process.env.KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME: process.env.KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD: process.env.KAFKA_SASL_PASSWORD }).filter(([, v]) => v),
  );
  run('topics', ['deploy/local/topics.mjs'], { ...baseEnv, KAFKA_BROKERS: brokers.join(','), ...kafkaSecurityEnv });
} else if (topicsMode === 'verify') {
  const definition = JSON.parse(readFileSync(join(root, 'libs/contracts/src/lib/topic-definitions.json'), 'utf8'));
  const wanted = new Map([
    ...definition.topics.map((t) => [t.name, t.partitions]),
    ...(definition.dlq.groups ?? []).map((group) => [`${definition.dlq.namePrefix}${group}`, definition.dlq.partitions]),
    ...(definition.dlq.groups ?? []).map((group) => [`${definition.redrive.namePrefix}${group}`, definition.redrive.partitions]),
  ]);
  const kafka = new kafkajs.Kafka({ clientId: 'pengaduan-init', brokers, logLevel: kafkajs.logLevel.NOTHING, retry: { retries: 5 }, ...kafkaClientSecurity() });
  const kafkaAdmin = kafka.admin();
  const deadline = Date.now() + topicsTimeoutSeconds * 1000;
  let missing = [...wanted.keys()];
  for (;;) {
    try {
      await kafkaAdmin.connect();
      const existing = new Set(await kafkaAdmin.listTopics());
      missing = [...wanted.keys()].filter((t) => !existing.has(t));
      if (missing.length === 0) {
        const { topics } = await kafkaAdmin.fetchTopicMetadata({ topics: [...wanted.keys()] });
        const wrong = topics.filter((t) => t.partitions.length !== wanted.get(t.name));
        if (wrong.length > 0) fail(`topics with other partition counts than the definition: ${wrong.map((t) => `${t.name} (${t.partitions.length}, not ${wanted.get(t.name)})`).join(', ')}`);
        break;
      }
    } catch (err) {
      missing = [`(Kafka at ${brokers.join(',')}: ${err.message})`];
    }
    if (Date.now() > deadline) fail(`topics still missing after ${topicsTimeoutSeconds} s: ${missing.join(', ')}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
  await kafkaAdmin.disconnect();
  say(`topics: ${[...wanted.keys()].join(', ')} exist`);
}

// --- 2. database, roles, schemas ----------------------------------------------------------------
const passwords = Object.fromEntries(roles.map((r) => [`PG_PASSWORD_${r.schema.toUpperCase()}`, r.password]));
run('prepare-postgres', ['deploy/local/prepare-postgres.mjs'], { ...baseEnv, DATABASE_URL: admin.toString(), ...passwords });

/** A throwaway event signing key and its published entry: production requires both to start, and `migrate` signs nothing. */
function standInEventKeys(service) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = `init-${service}`;
  return {
    EVENT_SIGNING_KEY: `${keyId}:${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`,
    EVENT_PUBLIC_KEYS: `${keyId}=pengaduan/${service}=${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`,
  };
}

// --- 3. migrations, each service as its own role ------------------------------------------------
for (const { service, url } of roles) {
  run(`migrate ${service}`, [join('services', service, 'dist', 'main.js'), 'migrate'], {
    ...baseEnv,
    DATABASE_URL: url.toString(),
    // `migrate` validates the service's whole configuration but uses only the database: stand-ins
    // for what it does not use, so that the job never holds the services' secrets.
    KAFKA_BROKERS: brokers.join(','),
    REPORTER_CONTACT_KEY: Buffer.alloc(32).toString('base64'),
    GATEWAY_JWT_SECRET: randomBytes(48).toString('base64'),
    ...standInEventKeys(service),
  });
}
say(`done: topics ${topicsMode === 'skip' ? 'skipped' : topicsMode === 'create' ? 'created' : 'verified'}, database ${databaseOf(admin)} with schemas ${roles.map((r) => r.schema).join(', ')}, migrations applied`);
