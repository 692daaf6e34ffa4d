#!/usr/bin/env node
// npm start: builds what it needs, then runs the platform.
//   neither KAFKA_BROKERS nor DATABASE_URL set -> the embedded default (docs/adr/0020): every service
//     in this one process (services/platform), on an embedded Postgres (PGlite) and the in-process
//     bus, data under ./data (EMBEDDED_DATA_DIR). Needs nothing but Node.js.
//   both set -> every service as its own process against that Kafka and Postgres, after
//     prepare-postgres, the topics and the demo office (start a local broker with `npm run kafka:start`).
//     DATABASE_URL is the administrative URL: only prepare-postgres uses it. Each service (and the
//     demo seeding, as the gateway) connects as its own role pengaduan_<schema> with its password
//     (PG_PASSWORD_<SCHEMA>, generated once with the development secrets), and is given its own
//     signing key only (scripts/service-env.cjs, docs/adr/0024). "ready" and the web app's URL are
//     printed once every service answers /health/ready (a login works from then on).
//   only one set -> refused, naming the other.
// Builds: `tsc --build` of the services and the launcher, and the web app (`npm run build:web`) when its dist is missing or older than
// its sources. Secrets for development (REPORTER_CONTACT_KEY, GATEWAY_JWT_SECRET, one event signing
// key per service) are generated once into .local/dev-secrets.env unless set (scripts/dev-secrets.cjs);
// the services' public keys, which the audit replay needs, are written to .local/published-keys.txt.
// Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyDatabasePasswords, applyDevSecrets, publishKeys } from './dev-secrets.cjs';
import serviceEnv from './service-env.cjs';
import { SERVICES } from './services.mjs';

const { serviceEnvironment } = serviceEnv;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`start: ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
};

const hasBrokers = Boolean(process.env.KAFKA_BROKERS);
const hasDatabase = Boolean(process.env.DATABASE_URL);
if (hasBrokers !== hasDatabase) {
  const [set, missing] = hasBrokers ? ['KAFKA_BROKERS', 'DATABASE_URL'] : ['DATABASE_URL', 'KAFKA_BROKERS'];
  console.error(
    `start: ${set} is set but ${missing} is not. Set ${missing} too to run against your Kafka and Postgres, ` +
      `or unset ${set} for the embedded default (every service in one process, data in ./data).`,
  );
  process.exit(2);
}

/** The newest modification time under `path` (files only; the browser tests and specs left out: they are not built). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'e2e' || entry === 'node_modules' || entry === 'dist' || /\.spec\.tsx?$/.test(entry)) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

// The services and the launcher (which references them all); the tests' projects are npm test's.
run('npx', ['tsc', '--build', 'services/platform/tsconfig.app.json']);
const web = join(root, 'services', 'admin-web');
const built = join(web, 'dist', 'index.html');
const sources = Math.max(...['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newest(join(web, p))), newest(join(root, 'libs', 'sop', 'src')));
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.error('start: building the web app (services/admin-web/dist)');
  run('npm', ['run', '--silent', 'build:web']);
}

if (!hasBrokers) {
  // The embedded default: the launcher runs in this process, and handles Ctrl-C itself.
  await import(pathToFileURL(join(root, 'services', 'platform', 'dist', 'main.js')).href);
} else {
  // The launcher's environment: the administrative DATABASE_URL, every role's password, every signing key.
  const env = applyDatabasePasswords(applyDevSecrets({ ...process.env }, SERVICES), SERVICES);
  console.error(`start: the services' public keys (for npm run audit -- --keys) in ${publishKeys(env)}`);
  run(process.execPath, ['deploy/local/prepare-postgres.mjs'], env);
  run(process.execPath, ['deploy/local/topics.mjs'], env);
  // The demo office BLP and one officer per role; passwords are printed once, when created.
  run(process.execPath, [join(root, 'services', 'gateway', 'dist', 'main.js'), 'seed-demo'], serviceEnvironment(env, 'gateway'));

  let health;
  try {
    health = await healthUrls(env);
  } catch (err) {
    console.error(`start: ${err.message}`);
    process.exit(78);
  }
  const children = SERVICES.map((service) =>
    spawn(process.execPath, [join(root, 'services', service, 'dist', 'main.js')], { cwd: root, env: serviceEnvironment(env, service), stdio: 'inherit' }),
  );
  const began = Date.now();
  console.error(`start: ${SERVICES.join(', ')} starting`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((resolve) => (c.on('exit', resolve), c.kill('SIGTERM'))))),
    );
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const c of children) c.on('exit', (code) => !stopping && code !== 0 && (console.error(`start: a service exited with ${code}`), stop()));

  // The web app answers as soon as the gateway listens, its login only once the gateway's database is
  // ready: "ready" and the URL are printed once every service answers /health/ready.
  await Promise.all(SERVICES.map((service) => untilReady(service, health[service], () => stopping)));
  if (!stopping) {
    const web = health.gateway.replace(/health\/ready$/, '');
    console.error(`\nstart: ${SERVICES.join(', ')} ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    console.error(`Web app: ${web} (API docs at ${web}api/docs). Ctrl-C stops.\n`);
  }
}

/**
 * Each service's readiness URL, where its config.ts puts it: <PREFIX>_HTTP_HOST and _HTTP_PORT when
 * set, else the port plan moved by PORT_OFFSET (libs/runtime's config, built above).
 */
async function healthUrls(env) {
  const { SERVICE_PORTS, plannedPort } = (await import(pathToFileURL(join(root, 'libs', 'runtime', 'dist', 'lib', 'config.js')).href)).default;
  const urls = {};
  for (const service of SERVICES) {
    const prefix = service.toUpperCase().replace(/-/g, '_');
    const host = env[`${prefix}_HTTP_HOST`] || '127.0.0.1';
    const port = env[`${prefix}_HTTP_PORT`] || plannedPort(SERVICE_PORTS[service].http, env);
    urls[service] = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/health/ready`;
  }
  return urls;
}

/** Resolves once `url` answers 200 (or the platform is stopping); says every 30 s what it still waits for. */
async function untilReady(service, url, stopping) {
  let last = '';
  for (let tries = 1; !stopping(); tries++) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
      last = `${res.status} ${(await res.text()).slice(0, 300)}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    if (tries % 150 === 0) console.error(`start: waiting for ${service} (${url}): ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
