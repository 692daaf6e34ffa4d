import { closeSharedEmbeddedBuses, createKafka, EMBEDDED_BROKERS, EMBEDDED_BUS_DATABASE_URL } from '@pengaduan/messaging';
import { createLogger, type Logger } from '@pengaduan/runtime';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyDevSecrets, databasePasswordVariable, devSecretsFile, publishKeys } from '../../../../scripts/dev-secrets.cjs';
import { roleOf } from '../../../../scripts/service-env.cjs';
import { seedDemoOffice } from '../demo/seed-demo-office';
import { createBusTopics } from '../embedded-bus/bus-topics';
import { EmbeddedPostgres } from '../embedded-postgres/embedded-postgres';
import { prepareSchemas } from '../embedded-postgres/prepare-schemas';
import { keepRolePasswords } from '../embedded-postgres/role-passwords';
import { PLATFORM_SERVICES, platformEnvironment, type LoadedService } from '../services/platform-services';
import { DataDirLock } from './data-dir-lock';
import { PlatformAddress } from './platform-address';
import { DEFAULT_DATA_DIR, type PlatformSettings } from './platform-settings';

/** How long a service may take to report ready (its migrations run first: long on a first start). */
const READY_TIMEOUT_MS = 180_000;
/** How long shutting everything down may take before the process gives up on it. */
const STOP_TIMEOUT_MS = 30_000;

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Every service of the platform in this one process (docs/adr/0020): the same modules and handlers
 * as their own processes run, against an embedded Postgres (PGlite, `<data>/pglite`) and the
 * in-process bus behind the messaging port, whose log is kept in a second PGlite
 * (`<data>/pglite-bus`). Both ask every connection for its password (docs/adr/0024): kept in
 * `<data>/pglite-passwords.env` (the administrative role's, the launcher's alone, and one per service
 * role) and `<data>/pglite-bus-passwords.env`. `start()` prints what a person needs (the demo passwords on a first
 * start, the web app's URL) and, once ready, publishes where it can be reached in `<data>/platform.json`
 * (PlatformAddress); `stop()` shuts the services down gracefully, the gateway first.
 */
export class EmbeddedPlatform {
  private lock?: DataDirLock;
  private address?: PlatformAddress;
  private database?: EmbeddedPostgres;
  private busDatabase?: EmbeddedPostgres;
  private readonly apps: { name: string; app: NestExpressApplication }[] = [];
  private stopping?: Promise<number>;
  private stopFailures = 0;
  private readonly logger: Logger;

  constructor(
    private readonly settings: PlatformSettings,
    private readonly say: (line: string) => void,
  ) {
    this.logger = createLogger('platform', settings.logLevel);
  }

  async start(): Promise<void> {
    const began = Date.now();
    const { dataDir } = this.settings;
    this.lock = DataDirLock.acquire(dataDir);

    const common = applyDevSecrets({ ...process.env, LOG_LEVEL: this.settings.logLevel }, PLATFORM_SERVICES.map((s) => s.name));
    const publishedKeysFile = publishKeys(common);
    this.say(`platform: development secrets in ${devSecretsFile(common)}, the services' public keys in ${publishedKeysFile}`);

    const roles = PLATFORM_SERVICES.map((s) => roleOf(s.name));
    const passwordsFile = join(dataDir, 'pglite-passwords.env');
    const busPasswordsFile = join(dataDir, 'pglite-bus-passwords.env');
    const passwords = keepRolePasswords(passwordsFile, roles);
    this.database = await EmbeddedPostgres.open({
      dataDir: join(dataDir, 'pglite'),
      port: this.settings.databasePort,
      anyPortIfTaken: !this.settings.databasePortGiven,
      logger: this.logger.child({ component: 'embedded-postgres' }),
      passwords,
    });
    this.say(`platform: Postgres (PGlite) on ${this.database.host}:${this.database.port}, data in ${join(dataDir, 'pglite')}${this.database.created ? ' (new)' : ''}, passwords in ${passwordsFile}`);
    this.busDatabase = await EmbeddedPostgres.open({
      dataDir: join(dataDir, 'pglite-bus'),
      port: this.settings.busDatabasePort,
      anyPortIfTaken: !this.settings.busDatabasePortGiven,
      logger: this.logger.child({ component: 'embedded-bus-postgres' }),
      passwords: keepRolePasswords(busPasswordsFile, []),
    });
    const busUrl = this.busDatabase.url();
    // The bus is the process's: every service's clients (and an audit in this process) share it.
    process.env[EMBEDDED_BUS_DATABASE_URL] = busUrl;
    this.say(`platform: the event bus's log (PGlite) on ${this.busDatabase.host}:${this.busDatabase.port}, data in ${join(dataDir, 'pglite-bus')}${this.busDatabase.created ? ' (new)' : ''}`);

    // The launcher's environment: the administrative URL and every role's password, which only
    // prepare-postgres sees; each service is given its own role's (platformEnvironment).
    const launcher: NodeJS.ProcessEnv = { ...common, DATABASE_URL: this.database.url() };
    for (const s of PLATFORM_SERVICES) launcher[databasePasswordVariable(s.name)] = passwords[roleOf(s.name)];
    await prepareSchemas(launcher);
    const created = await createBusTopics(createKafka({ brokers: [EMBEDDED_BROKERS], clientId: 'platform', logger: this.logger, embeddedBusUrl: busUrl }));
    if (created.length > 0) this.say(`platform: created the topics ${created.join(', ')}`);

    const { env, services } = platformEnvironment(launcher, busUrl);
    for (const s of services) {
      const app = await s.start(createLogger(s.name, this.settings.logLevel));
      this.apps.push({ name: s.name, app });
    }
    await Promise.all(services.map((s) => waitUntilReady(s)));
    this.say(`platform: ${services.map((s) => s.name).join(', ')} ready`);

    const seed = await seedDemoOffice(env['gateway']);
    const gateway = services.find((s) => s.name === 'gateway') as LoadedService;
    const webApp = `http://${gateway.http.host}:${gateway.http.port}/`;
    this.say('');
    if (seed.created.length > 0) {
      this.say('Demo office BLP: one officer per role. The passwords are shown only this once:');
      for (const line of seed.created) this.say(`  ${line}`);
    } else {
      this.say(`Demo office BLP: its officers (${seed.existing.join(', ')}) exist already; their passwords were shown at the first start.`);
    }
    this.say('');
    const webDist = env['gateway']['ADMIN_WEB_DIST'] ?? join(__dirname, '..', '..', '..', 'admin-web', 'dist');
    if (!existsSync(join(webDist, 'index.html'))) this.say('The web app is not built: run `npm run build:web` (the gateway serves it once built).');
    this.say(`Web app: ${webApp}`);
    this.say(`Log in at ${webApp}masuk as admin.tikkim (Admin Tikkim), kepala.kantor, seksi.inteldakim, seksi.lantaskim, kepala.seksi.ti or auditor.`);
    this.say(`API: ${webApp}api/v1 (OpenAPI at ${webApp}api/docs)`);
    // Both find this platform through its data directory: named when it is not the default one.
    const where = dataDir === DEFAULT_DATA_DIR ? '' : `EMBEDDED_DATA_DIR=${dataDir} `;
    this.say(`More officers: ${where}node services/gateway/dist/main.js user add …; the audit replay of this log: ${where}node scripts/audit-embedded.mjs (both find this platform by itself).`);
    // Published last: whoever finds it (the gateway's commands, the audit) finds the platform ready.
    this.address = PlatformAddress.publish(dataDir, {
      pid: process.pid,
      database: { host: this.database.host, port: this.database.port, passwordsFile },
      bus: { host: this.busDatabase.host, port: this.busDatabase.port, passwordsFile: busPasswordsFile },
      webApp,
      publishedKeysFile,
    });
    this.say(`platform: ready in ${((Date.now() - began) / 1000).toFixed(1)} s, ${mib(process.memoryUsage().rss)} MiB resident; data in ${dataDir}. Ctrl-C stops.`);
  }

  /** Shuts everything down (gateway first, then the other services, then the bus and the databases); resolves with the exit code. */
  stop(): Promise<number> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<number> {
    this.say('platform: stopping');
    this.address?.remove();
    let code = 0;
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
    const work = (async () => {
      const gateway = this.apps.filter((a) => a.name === 'gateway');
      const others = this.apps.filter((a) => a.name !== 'gateway');
      for (const { name, app } of gateway) await app.close().catch((err: Error) => this.failedToStop(name, err));
      await Promise.all(others.map(({ name, app }) => app.close().catch((err: Error) => this.failedToStop(name, err))));
      await closeSharedEmbeddedBuses().catch((err: Error) => this.failedToStop('the bus', err));
      await this.busDatabase?.close().catch((err: Error) => this.failedToStop('the bus database', err));
      await this.database?.close().catch((err: Error) => this.failedToStop('the database', err));
    })();
    if ((await Promise.race([work.then(() => 'done' as const), timeout])) === 'timeout') {
      this.say(`platform: not stopped after ${STOP_TIMEOUT_MS / 1000} s; exiting`);
      code = 1;
    } else if (this.stopFailures > 0) {
      code = 1;
    }
    this.lock?.release();
    if (code === 0) this.say('platform: stopped');
    return code;
  }

  private failedToStop(what: string, err: Error): void {
    this.stopFailures++;
    this.say(`platform: ${what} did not stop cleanly: ${err.message}`);
  }
}

/** Polls the service's /health/ready until it answers 200. */
async function waitUntilReady(service: LoadedService): Promise<void> {
  const host = service.http.host === '0.0.0.0' ? '127.0.0.1' : service.http.host;
  const url = `http://${host}:${service.http.port}/health/ready`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = '';
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${service.name} not ready after ${READY_TIMEOUT_MS / 1000} s (${last})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
