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
  for (const key of Object.keys(spec) as (keyof T)[]) {
    const field = spec[key];
    const raw = env[field.env];
    const value = raw === undefined || raw === '' ? field.default : raw;
    if (value === undefined) {
      problems.push(`${field.env} is required (${field.description})`);
      continue;
    }
    try {
      out[key] = field.parse(value);
    } catch (err) {
      problems.push(`${field.env}: ${(err as Error).message} (${field.description})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as T;
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
    if (!/^[A-Z]{2,6}$/.test(raw)) throw new Error(`"${raw}" is not an office code (2-6 capital letters)`);
    return raw;
  },
};
