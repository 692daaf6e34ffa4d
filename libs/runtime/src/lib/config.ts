import { FIELD_RULES } from '@pengaduan/sop';

/**
 * Start-up configuration read from the environment and validated before anything starts,
 * so that a wrong or missing variable stops the service at once with a message naming it.
 */
export type ConfigSpec<T> = { [K in keyof T]: ConfigField<T[K]> };

export interface ConfigField<V> {
  /** Environment variable name. */
  env: string;
  /** Used when the variable is absent or empty; no default means required. */
  default?: string;
  /** Turns the raw string into the value, throwing an Error whose message says what is wrong. */
  parse: (raw: string) => V;
  /** Shown in errors and in `.env.example`. */
  description: string;
  /**
   * The default ends in a port of the platform's port plan (`3101`, `127.0.0.1:50051`,
   * `http://127.0.0.1:3101`, see {@link SERVICE_PORTS}), which {@link PORT_OFFSET} moves: a service's
   * own ports and its addresses of the others move together, so one setting moves the platform.
   */
  movesWithPortOffset?: boolean;
}

/**
 * The platform's port plan: where each service listens unless told (HTTP: its health endpoints,
 * and the gateway's REST API and web app; gRPC: its internal API, the gateway's public one), and
 * so where the others reach it. Each config.ts takes its defaults from here.
 */
export const SERVICE_PORTS = {
  gateway: { http: 3000, grpc: 50050 },
  intake: { http: 3101, grpc: 50051 },
  disposition: { http: 3102, grpc: 50052 },
  analysis: { http: 3103, grpc: 50053 },
  'team-decree': { http: 3104, grpc: 50054 },
  notification: { http: 3105, grpc: 50055 },
  'sla-monitor': { http: 3106, grpc: 50056 },
} as const;

/** The default of a setting of the port plan: a port, `127.0.0.1:<port>` or `http://127.0.0.1:<port>`, moved by PORT_OFFSET. */
export const planned = {
  port: (port: number) => ({ default: String(port), movesWithPortOffset: true }),
  address: (port: number) => ({ default: `127.0.0.1:${port}`, movesWithPortOffset: true }),
  httpUrl: (port: number) => ({ default: `http://127.0.0.1:${port}`, movesWithPortOffset: true }),
};

/**
 * Added to every default of the port plan (every service's HTTP and gRPC ports and the addresses
 * by which the services reach one another): with PORT_OFFSET=1000 the gateway is on 4000 and 51050,
 * intake on 4101 and 51051, and every service finds the others there. A variable that is set is
 * taken as it is. At most 15000, so that the highest planned port (50056) stays a port.
 */
export const PORT_OFFSET: ConfigField<number> = {
  env: 'PORT_OFFSET',
  default: '0',
  parse: (raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 15_000) throw new Error(`"${raw}" is not a whole number from 0 to 15000`);
    return n;
  },
  description: 'added to every default port of the platform (each service’s own and its addresses of the others)',
};

/** The port a setting of the port plan has by default under `env`'s PORT_OFFSET (for launchers that wait on the services). */
export function plannedPort(port: number, env: NodeJS.ProcessEnv = process.env): number {
  return port + loadConfig({ offset: PORT_OFFSET }, env).offset;
}

/** `value` (a default of the port plan) with its port moved by `offset`. */
function moved(value: string, offset: number): string {
  return value.replace(/\d+$/, (port) => String(Number(port) + offset));
}

/** Every problem found in the environment, reported together. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<T>(spec: ConfigSpec<T>, env: NodeJS.ProcessEnv = process.env): T {
  const problems: string[] = [];
  const out: Partial<T> = {};
  const fields = Object.values(spec) as ConfigField<unknown>[];
  const offset = fields.some((f) => f.movesWithPortOffset) ? portOffsetOf(env, problems) : 0;
  for (const key of Object.keys(spec) as (keyof T)[]) {
    const field = spec[key];
    const raw = env[field.env];
    const given = raw !== undefined && raw !== '';
    if (!given && field.default === undefined) {
      problems.push(`${field.env} is required (${field.description})`);
      continue;
    }
    try {
      const value = given ? (raw as string) : field.movesWithPortOffset ? moved(field.default as string, offset) : (field.default as string);
      out[key] = field.parse(value);
    } catch (err) {
      problems.push(`${field.env}: ${(err as Error).message} (${field.description})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as T;
}

/** PORT_OFFSET, or 0 with its problem added to `problems`. */
function portOffsetOf(env: NodeJS.ProcessEnv, problems: string[]): number {
  const raw = env[PORT_OFFSET.env];
  try {
    return PORT_OFFSET.parse(raw === undefined || raw === '' ? (PORT_OFFSET.default as string) : raw);
  } catch (err) {
    problems.push(`${PORT_OFFSET.env}: ${(err as Error).message} (${PORT_OFFSET.description})`);
    return 0;
  }
}

/**
 * A service's configuration read in parts (its own variables, a lib's settings such as the
 * channel providers'), with every problem of every part reported together. A part fails with
 * an error that lists `problems` (ConfigError and its likes); any other error is a bug and is
 * thrown as it is.
 */
export function loadConfigParts<A extends object, B extends object>(a: () => A, b: () => B, check?: (config: A & B) => string[]): A & B {
  const problems: string[] = [];
  const run = <T>(part: () => T): T | undefined => {
    try {
      return part();
    } catch (err) {
      const listed = (err as { problems?: unknown }).problems;
      if (!Array.isArray(listed)) throw err;
      problems.push(...(listed as string[]));
      return undefined;
    }
  };
  const ra = run(a);
  const rb = run(b);
  if (ra && rb) problems.push(...(check?.({ ...ra, ...rb }) ?? []));
  if (problems.length > 0 || !ra || !rb) throw new ConfigError(problems);
  return { ...ra, ...rb };
}

/**
 * Whether the service runs in production (`NODE_ENV=production`, as the Dockerfile and the
 * manifests set it): conveniences for developers (the OpenAPI page, gRPC reflection) are off
 * there unless switched on.
 */
export const PRODUCTION_MODE: ConfigField<boolean> = {
  env: 'NODE_ENV',
  default: 'development',
  parse: (raw) => raw === 'production',
  description: 'production switches off what only developers need, unless a setting switches it on',
};

/** Parsers for the common kinds of setting. */
export const parse = {
  string: (raw: string): string => raw,
  port: (raw: string): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`"${raw}" is not a port number`);
    return n;
  },
  positiveInt: (raw: string): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`"${raw}" is not a positive integer`);
    return n;
  },
  list: (raw: string): string[] => {
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (items.length === 0) throw new Error('expected a comma-separated list');
    return items;
  },
  url: (protocols: string[]) => (raw: string): string => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error('is not a URL');
    }
    if (!protocols.includes(url.protocol)) throw new Error(`must use ${protocols.join(' or ')}`);
    return raw;
  },
  identifier: (raw: string): string => {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) throw new Error(`"${raw}" is not a lowercase SQL identifier`);
    return raw;
  },
  /** `on`/`off` (also `true`/`false`, `1`/`0`); `auto` is `undefined`, for the caller to decide by the deployment mode. */
  switch: (raw: string): boolean | undefined => {
    const value = raw.trim().toLowerCase();
    if (['on', 'true', '1'].includes(value)) return true;
    if (['off', 'false', '0'].includes(value)) return false;
    if (value === 'auto') return undefined;
    throw new Error(`"${raw}" is not on, off or auto`);
  },
  officeCode: (raw: string): string => {
    if (!FIELD_RULES.officeCode.pattern.test(raw)) throw new Error(`"${raw}" is not ${FIELD_RULES.officeCode.description}`);
    return raw;
  },
};
