import { credentials, ServerCredentials, type ChannelCredentials } from '@grpc/grpc-js';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PeerCertificate } from 'node:tls';
import { ConfigError, loadConfig, parse, PRODUCTION_MODE, type ConfigSpec } from './config';

/**
 * Internal gRPC over mutual TLS (docs/adr/0028): every service has its own certificate, signed by
 * the one platform CA, that names it by a URI SAN `spiffe://pengaduan/<service>`; servers ask for
 * the caller's certificate and check the service it names against the methods it may call
 * (grpc-callers.ts), clients check that the server is the service they meant to call.
 */
export const SERVICE_IDENTITY_PREFIX = 'spiffe://pengaduan/';

/** The URI SAN naming a service, e.g. `spiffe://pengaduan/intake`. */
export const serviceIdentity = (service: string): string => `${SERVICE_IDENTITY_PREFIX}${service}`;

/** This service's side of mutual TLS: the platform CA, its certificate and key (PEM), and the service the certificate names. */
export interface GrpcTls {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
  service: string;
}

interface GrpcTlsFiles {
  ca: string;
  cert: string;
  key: string;
}

/** The three files; all or none (none: plaintext, development only). */
export const GRPC_TLS_CONFIG: ConfigSpec<GrpcTlsFiles> = {
  ca: { env: 'GRPC_TLS_CA', default: '', parse: parse.string, description: 'PEM file of the platform CA that signs every service certificate (internal gRPC over mutual TLS; unset: plaintext, development only)' },
  cert: { env: 'GRPC_TLS_CERT', default: '', parse: parse.string, description: "PEM file of this service's certificate (URI SAN spiffe://pengaduan/<service>), signed by GRPC_TLS_CA" },
  key: { env: 'GRPC_TLS_KEY', default: '', parse: parse.string, description: "PEM file of this service's private key (mounted for this service alone, mode 600)" },
};

const SPIFFE_SAN = /^URI:spiffe:\/\/pengaduan\/([a-z][a-z0-9-]*)$/;

/** The service a certificate names (its one `spiffe://pengaduan/<service>` URI SAN), if it names exactly one. */
export function serviceOfCertificate(cert: Pick<PeerCertificate, 'subjectaltname'> | Pick<X509Certificate, 'subjectAltName'> | undefined): string | undefined {
  const san: string | undefined = cert && ('subjectaltname' in cert ? cert.subjectaltname : (cert as Pick<X509Certificate, 'subjectAltName'>).subjectAltName);
  if (!san) return undefined;
  const names = san
    .split(/,\s*/)
    .map((entry) => SPIFFE_SAN.exec(entry.trim())?.[1])
    .filter((s): s is string => s !== undefined);
  return names.length === 1 ? names[0] : undefined;
}

/**
 * The service's mutual-TLS material from GRPC_TLS_CA, GRPC_TLS_CERT and GRPC_TLS_KEY, checked:
 * readable PEM, the key belongs to the certificate, the CA signed it, and it names `service`.
 * None of them set: undefined (plaintext), which production refuses where a gRPC server or
 * client is made ({@link requireGrpcTlsInProduction}), not here: `migrate` reads the same
 * configuration and makes neither. Messages name the variable and the file, never the key.
 */
export function loadGrpcTls(service: string, env: NodeJS.ProcessEnv = process.env): GrpcTls | undefined {
  const files = loadConfig(GRPC_TLS_CONFIG, env);
  const entries = Object.entries(GRPC_TLS_CONFIG) as [keyof GrpcTlsFiles, (typeof GRPC_TLS_CONFIG)[keyof GrpcTlsFiles]][];
  const missing = entries.filter(([k]) => files[k] === '').map(([, f]) => f.env);
  if (missing.length === entries.length) return undefined;
  if (missing.length > 0) throw new ConfigError(missing.map((v) => `${v} is required with ${entries.filter(([k]) => files[k] !== '').map(([, f]) => f.env).join(' and ')} (mutual TLS needs the CA, the certificate and the key)`));

  const problems: string[] = [];
  const read = (k: keyof GrpcTlsFiles): Buffer | undefined => {
    try {
      return readFileSync(files[k]);
    } catch (err) {
      problems.push(`${GRPC_TLS_CONFIG[k].env}: cannot read ${files[k]} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  };
  const [ca, cert, key] = [read('ca'), read('cert'), read('key')];
  if (!ca || !cert || !key) throw new ConfigError(problems);
  const parsed = <T>(k: keyof GrpcTlsFiles, what: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch {
      problems.push(`${GRPC_TLS_CONFIG[k].env}: ${files[k]} is not ${what}`);
      return undefined;
    }
  };
  const caCert = parsed('ca', 'a PEM certificate', () => new X509Certificate(ca));
  const own = parsed('cert', 'a PEM certificate', () => new X509Certificate(cert));
  const privateKey = parsed('key', 'a PEM private key', () => createPrivateKey(key));
  if (caCert && own && privateKey) {
    if (!own.checkPrivateKey(privateKey)) problems.push('GRPC_TLS_KEY is not the key of GRPC_TLS_CERT');
    if (!own.verify(caCert.publicKey)) problems.push('GRPC_TLS_CERT is not signed by GRPC_TLS_CA');
    const named = serviceOfCertificate(own);
    if (named !== service) problems.push(`GRPC_TLS_CERT names ${named ? `the service ${named}` : 'no service'}, not ${service} (a URI SAN ${serviceIdentity(service)})`);
    if (new Date(own.validTo).getTime() < Date.now()) problems.push(`GRPC_TLS_CERT expired on ${own.validTo}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ca, cert, key, service };
}

/** Refuses plaintext internal gRPC in production (NODE_ENV=production): a service without GRPC_TLS_* does not start there. */
export function requireGrpcTlsInProduction(tls: GrpcTls | undefined, env: NodeJS.ProcessEnv = process.env): void {
  if (tls || !PRODUCTION_MODE.parse(env[PRODUCTION_MODE.env] ?? '')) return;
  throw new ConfigError(Object.values(GRPC_TLS_CONFIG).map((f) => `${f.env} is required in production (NODE_ENV=production): internal gRPC runs over mutual TLS there`));
}

/** A server's credentials: its certificate, and every caller must present one the platform CA signed. */
export function grpcServerCredentials(tls: GrpcTls | undefined): ServerCredentials {
  return tls ? ServerCredentials.createSsl(tls.ca, [{ private_key: tls.key, cert_chain: tls.cert }], true) : ServerCredentials.createInsecure();
}

/**
 * A client's credentials for calling `service`: its own certificate, and the server must present
 * one of the platform CA naming `service` (the host name it is reached by does not matter).
 */
export function grpcClientCredentials(tls: GrpcTls | undefined, service: string): ChannelCredentials {
  if (!tls) return credentials.createInsecure();
  return credentials.createSsl(tls.ca, tls.key, tls.cert, {
    checkServerIdentity: (_host, cert) => (serviceOfCertificate(cert) === service ? undefined : new Error(`the server's certificate does not name ${serviceIdentity(service)}`)),
  });
}

/** Channel options that go with {@link grpcClientCredentials}: the TLS server name is the service's, not an IP address. */
export function grpcClientOptions(tls: GrpcTls | undefined, service: string): Record<string, string> {
  return tls ? { 'grpc.ssl_target_name_override': service } : {};
}
