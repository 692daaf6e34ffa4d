#!/usr/bin/env node
// npm start: builds, then runs every service as its own process against Kafka and Postgres.
//   KAFKA_BROKERS unset  -> starts the local broker (deploy/local/kafka.sh; needs Java 17 + Maven)
//   DATABASE_URL unset   -> postgres://postgres@127.0.0.1:5432/pengaduan
// Secrets for development (REPORTER_CONTACT_KEY, GATEWAY_JWT_SECRET, one event signing key per
// service) are generated once into .local/dev-secrets.env unless set. Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES } from './services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`start: ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
};

const env = { ...process.env };
env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/pengaduan';
let startedKafka = false;
if (!env.KAFKA_BROKERS) {
  const status = spawnSync('bash', ['deploy/local/kafka.sh', 'status'], { cwd: root });
  if (status.status !== 0) {
    run('bash', ['deploy/local/kafka.sh', 'start']);
    startedKafka = true;
  }
  env.KAFKA_BROKERS = `127.0.0.1:${env.KAFKA_PORT ?? 9092}`;
}

// Development secrets, generated once and kept (mode 600) so sealed contacts and tokens survive restarts.
const secretsFile = join(root, '.local', 'dev-secrets.env');
mkdirSync(dirname(secretsFile), { recursive: true });
const kept = existsSync(secretsFile) ? readFileSync(secretsFile, 'utf8') : '';
const secrets = { REPORTER_CONTACT_KEY: () => randomBytes(32).toString('base64'), GATEWAY_JWT_SECRET: () => randomBytes(48).toString('base64') };
// Signed events (ADR 0015): each service's Ed25519 key, `<key id>:<base64 PKCS#8>` as EVENT_SIGNING_KEY expects.
const signingKeyVariable = (service) => `EVENT_SIGNING_KEY_${service.toUpperCase().replace(/-/g, '_')}`;
for (const service of SERVICES) {
  secrets[signingKeyVariable(service)] = () =>
    `${service}-dev:${generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
}
let file = kept;
for (const [name, make] of Object.entries(secrets)) {
  if (!new RegExp(`^${name}=`, 'm').test(file)) file += `${name}=${make()}\n`;
}
if (file !== kept) writeFileSync(secretsFile, file, { mode: 0o600 });
for (const line of file.split('\n')) {
  const [k, ...v] = line.split('=');
  if (k && !env[k]) env[k] = v.join('=');
}
// Every service is given every service's public key (derived from the kept private keys), and its own private key.
env.EVENT_PUBLIC_KEYS ??= SERVICES.map((service) => {
  const raw = env[signingKeyVariable(service)];
  const at = raw.indexOf(':');
  const privateKey = createPrivateKey({ key: Buffer.from(raw.slice(at + 1), 'base64'), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  return `${raw.slice(0, at)}=pengaduan/${service}=${spki}`;
}).join(',');

run('npx', ['tsc', '--build', 'tsconfig.build.json']);
run(process.execPath, ['deploy/local/prepare-postgres.mjs'], env);
run(process.execPath, ['deploy/local/topics.mjs'], env);
// The demo office BLP and one officer per role; passwords are printed once, when created.
run(process.execPath, [join(root, 'services', 'gateway', 'dist', 'main.js'), 'seed-demo'], env);

const children = SERVICES.map((service) =>
  spawn(process.execPath, [join(root, 'services', service, 'dist', 'main.js')], {
    cwd: root,
    env: { ...env, EVENT_SIGNING_KEY: env[signingKeyVariable(service)] },
    stdio: 'inherit',
  }),
);
const gatewayPort = env.GATEWAY_HTTP_PORT ?? 3000;
console.error(`\nstart: ${SERVICES.join(', ')} starting; API docs at http://127.0.0.1:${gatewayPort}/api/docs (Ctrl-C stops)\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((resolve) => (c.on('exit', resolve), c.kill('SIGTERM'))))),
  );
  if (startedKafka) spawnSync('bash', ['deploy/local/kafka.sh', 'stop'], { cwd: root, stdio: 'inherit' });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => !stopping && code !== 0 && (console.error(`start: a service exited with ${code}`), stop()));
