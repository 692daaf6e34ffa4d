import { analysisService } from '@pengaduan/analysis';
import { dispositionService } from '@pengaduan/disposition';
import { gatewayService } from '@pengaduan/gateway';
import { intakeService } from '@pengaduan/intake';
import { EMBEDDED_BROKERS, EMBEDDED_BUS_DATABASE_URL } from '@pengaduan/messaging';
import { notificationService } from '@pengaduan/notification';
import { ConfigError, startServiceApp, type Logger, type ServiceEntry } from '@pengaduan/runtime';
import { slaMonitorService } from '@pengaduan/sla-monitor';
import { teamDecreeService } from '@pengaduan/team-decree';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { schemaOf, serviceEnvironment } from '../../../../scripts/service-env.cjs';

/** A service of the platform, its configuration read from the environment it is given. */
export interface PlatformService {
  readonly name: string;
  /** Its schema (and its role's suffix: `pengaduan_<schema>`), as deploy/local/prepare-postgres.mjs names them. */
  readonly schema: string;
  load(env: NodeJS.ProcessEnv): LoadedService;
}

/** A service whose configuration is loaded (and valid), ready to start. */
export interface LoadedService {
  readonly name: string;
  readonly http: { host: string; port: number };
  /** Where its internal gRPC API binds, when it has one. */
  readonly grpcAddress?: string;
  /** Its Nest application, started (module, internal gRPC API, HTTP) as its main.ts starts it. */
  start(logger: Logger): Promise<NestExpressApplication>;
}

function service<C extends { httpHost: string; httpPort: number; grpcAddress?: string }>(entry: ServiceEntry<C>): PlatformService {
  return {
    name: entry.name,
    schema: schemaOf(entry.name),
    load(env) {
      const config = entry.loadConfig(env);
      const http = entry.http(config);
      return {
        name: entry.name,
        http,
        ...(config.grpcAddress ? { grpcAddress: config.grpcAddress } : {}),
        async start(logger) {
          const { app } = await startServiceApp(entry, config, logger, { abortOnError: false });
          return app;
        },
      };
    },
  };
}

/** Every service of the platform in start order (scripts/services.mjs), the gateway, the public entry, last. */
export const PLATFORM_SERVICES: readonly PlatformService[] = [
  service(intakeService),
  service(dispositionService),
  service(analysisService),
  service(teamDecreeService),
  service(notificationService),
  service(slaMonitorService),
  service(gatewayService),
];

/**
 * The variables by which one service finds another, derived from where the other binds: a service
 * moved to another port (EMBEDDED test runs, a port in use) is still found without repeating it.
 */
const CLIENT_VARIABLES: Record<string, { grpc?: string; http?: string }> = {
  intake: { grpc: 'INTAKE_GRPC_URL', http: 'INTAKE_WEBHOOKS_URL' },
  disposition: { grpc: 'DISPOSITION_GRPC_URL' },
  analysis: { grpc: 'ANALYSIS_GRPC_URL' },
  'team-decree': { grpc: 'TEAM_DECREE_GRPC_URL' },
  notification: { grpc: 'NOTIFICATION_GRPC_URL' },
  'sla-monitor': { grpc: 'SLA_MONITOR_GRPC_URL' },
};

export interface PlatformEnvironment {
  /** The environment of each service: the common one, its own database role and signing key. */
  readonly env: Record<string, NodeJS.ProcessEnv>;
  readonly services: LoadedService[];
}

/**
 * Each service's environment and loaded configuration, as if it ran as its own process: the
 * launcher's environment (the process's, with the development secrets, DATABASE_URL the embedded
 * Postgres' administrative URL and PG_PASSWORD_<SCHEMA> each role's password) as
 * scripts/service-env.cjs passes it on — DATABASE_URL as the service's own role with its password,
 * its own EVENT_SIGNING_KEY, nothing of the others' — with the embedded bus as its broker. Ports are
 * each config.ts's defaults unless set.
 */
export function platformEnvironment(launcher: NodeJS.ProcessEnv, busDatabaseUrl: string): PlatformEnvironment {
  const base: NodeJS.ProcessEnv = { KAFKA_BROKERS: EMBEDDED_BROKERS, [EMBEDDED_BUS_DATABASE_URL]: busDatabaseUrl };
  const envOf = (s: PlatformService): NodeJS.ProcessEnv => ({ ...serviceEnvironment(launcher, s.name), ...base });
  // First where each binds, then how the others reach it (unless told).
  for (const s of PLATFORM_SERVICES) {
    const vars = CLIENT_VARIABLES[s.name];
    if (!vars) continue;
    let loaded: LoadedService;
    try {
      loaded = s.load(envOf(s));
    } catch {
      continue; // reported below, with every other service's problems
    }
    if (vars.grpc && loaded.grpcAddress && !launcher[vars.grpc]) base[vars.grpc] = loaded.grpcAddress;
    if (vars.http && !launcher[vars.http]) base[vars.http] = `http://${loaded.http.host}:${loaded.http.port}`;
  }
  const env: Record<string, NodeJS.ProcessEnv> = {};
  const services: LoadedService[] = [];
  const problems: string[] = [];
  for (const s of PLATFORM_SERVICES) {
    env[s.name] = envOf(s);
    try {
      services.push(s.load(env[s.name]));
    } catch (err) {
      const listed = (err as { problems?: string[] }).problems;
      problems.push(...(listed ?? [(err as Error).message]).map((p) => `${s.name}: ${p}`));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { env, services };
}
