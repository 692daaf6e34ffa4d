/**
 * Internal gRPC over mutual TLS (docs/adr/0028), with a real server (the Nest microservice every
 * service serves its API with, docs/adr/0036) and clients of libs/runtime and certificates made
 * by deploy/tls/generate-certs.mjs: the caller's certificate decides which
 * methods it may call, a caller without one (or with one of another CA) never gets through the
 * handshake, and a client talks only to the service it meant to call.
 */
import { credentials, makeGenericClientConstructor, Metadata, status, type ServiceDefinition, type ServiceError as GrpcServiceError } from '@grpc/grpc-js';
import { IntakeService, toGrpcServiceDefinition } from '@pengaduan/contracts';
import {
  ConfigError,
  createLogger,
  grpcServiceController,
  loadGrpcTls,
  ServiceError,
  startGrpcMicroservice,
  UpstreamClient,
  type GrpcMicroservice,
  type GrpcTls,
} from '@pengaduan/runtime';
import { writeFileSync } from 'node:fs';
import { TestCertificates } from './tls-certificates';

const logger = createLogger('mtls-test', 'silent');
const SERVICES = ['intake', 'gateway', 'notification', 'disposition'];

let certs: TestCertificates;
let otherCa: TestCertificates;
let server: GrpcMicroservice;
let address: string;
const calledBy: string[] = [];
const clients: { close(): void }[] = [];

const tlsOf = (service: string, from = certs): GrpcTls => loadGrpcTls(service, from.grpcEnv(service)) as GrpcTls;
const clientAs = (caller: string, tls = tlsOf(caller), target = 'intake') => {
  const client = new UpstreamClient(target, IntakeService, address, logger, tls);
  clients.push(client);
  return client;
};

/** A bare grpc-js client with the credentials given, to see the transport's own status codes. */
function rawVerifyReporter(creds: ReturnType<typeof credentials.createInsecure>): Promise<GrpcServiceError | undefined> {
  const definition = toGrpcServiceDefinition(IntakeService);
  const Ctor = makeGenericClientConstructor(definition as unknown as ServiceDefinition, IntakeService.typeName);
  const client = new Ctor(address, creds, { 'grpc.ssl_target_name_override': 'intake' });
  clients.push(client);
  const method = definition.verifyReporter;
  return new Promise((resolve) =>
    client.makeUnaryRequest(method.path, method.requestSerialize as (v: object) => Buffer, method.responseDeserialize, {}, new Metadata(), { deadline: Date.now() + 5_000 }, (err) =>
      resolve(err ?? undefined),
    ),
  );
}

beforeAll(async () => {
  certs = TestCertificates.generate(SERVICES);
  otherCa = TestCertificates.generate(['gateway']);
  const intake = grpcServiceController(IntakeService, {
    useFactory: () => ({
      verifyReporter: async () => {
        calledBy.push('verifyReporter');
        return { matched: false };
      },
      resolveReporterAddress: async () => {
        calledBy.push('resolveReporterAddress');
        return { found: false };
      },
      screenOfficerText: async () => {
        calledBy.push('screenOfficerText');
        return {};
      },
    }),
  });
  server = await startGrpcMicroservice({ address: '127.0.0.1:0', services: [IntakeService], tls: tlsOf('intake') }, logger, [intake]);
  address = server.address;
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.close();
  certs?.remove();
  otherCa?.remove();
});

describe('internal gRPC over mutual TLS', () => {
  it('lets the allowed caller through: the gateway verifies a reporter, notification resolves an address', async () => {
    await expect(clientAs('gateway').call('verifyReporter', { trackingNumber: 'BLP-2026-000001', verifier: '7890' }, 'c-1')).resolves.toMatchObject({ matched: false });
    await expect(clientAs('notification').call('resolveReporterAddress', { complaintId: 'x', reporterRef: 'r' }, 'c-2')).resolves.toMatchObject({ found: false });
    await expect(clientAs('disposition').call('screenOfficerText', { complaintId: 'x', texts: [] }, 'c-3')).resolves.toBeDefined();
    expect(calledBy).toEqual(['verifyReporter', 'resolveReporterAddress', 'screenOfficerText']);
  });

  it("refuses another service's certificate on a method it may not call, with PERMISSION_DENIED naming nothing secret", async () => {
    calledBy.length = 0;
    const refused = (await clientAs('notification').call('verifyReporter', {}, 'c-4').catch((e: unknown) => e)) as ServiceError;
    expect(refused).toBeInstanceOf(ServiceError);
    expect(refused).toMatchObject({ kind: 'forbidden', code: 'GRPC.CALLER_NOT_ALLOWED', message: 'the calling service may not call pengaduan.intake.v1.IntakeService/VerifyReporter' });
    await expect(clientAs('gateway').call('resolveReporterAddress', { complaintId: 'x' }, 'c-5')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(clientAs('disposition').call('resolveReporterAddress', { complaintId: 'x' }, 'c-6')).rejects.toMatchObject({ kind: 'forbidden' });
    expect(calledBy).toEqual([]);
    const notification = tlsOf('notification');
    const raw = await rawVerifyReporter(credentials.createSsl(notification.ca, notification.key, notification.cert, { checkServerIdentity: () => undefined }));
    expect(raw?.code).toBe(status.PERMISSION_DENIED);
    expect(raw?.details).not.toMatch(/gateway|notification|spiffe|BEGIN/);
  });

  it('fails the handshake of a caller without a client certificate, or in plaintext', async () => {
    const noCert = await rawVerifyReporter(credentials.createSsl(tlsOf('gateway').ca, null, null, { checkServerIdentity: () => undefined }));
    expect(noCert?.code).toBe(status.UNAVAILABLE);
    const plaintext = await rawVerifyReporter(credentials.createInsecure());
    expect(plaintext?.code).toBe(status.UNAVAILABLE);
    expect(calledBy).toEqual([]);
  });

  it('fails the handshake of a certificate from another CA, even one naming the gateway', async () => {
    const foreign = { ...tlsOf('gateway', otherCa), ca: tlsOf('gateway').ca };
    await expect(clientAs('gateway', foreign).call('verifyReporter', {}, 'c-7')).rejects.toMatchObject({ kind: 'unavailable', code: 'UPSTREAM.UNAVAILABLE' });
    expect(calledBy).toEqual([]);
  });

  it('talks only to the service it meant to call: a server whose certificate names another service is refused', async () => {
    await expect(clientAs('gateway', tlsOf('gateway'), 'disposition').call('verifyReporter', {}, 'c-8')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(calledBy).toEqual([]);
  });
});

describe('GRPC_TLS_* configuration', () => {
  const problems = (f: () => unknown): string[] => {
    try {
      f();
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };
  /** The problems a server refuses to start with (none: it started, and is stopped again). */
  const serverProblems = async (tls?: GrpcTls): Promise<string[]> => {
    try {
      await (await startGrpcMicroservice({ address: '127.0.0.1:0', services: [IntakeService], tls }, logger, [])).close();
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  it('is all or nothing, and checks what the files hold', () => {
    expect(loadGrpcTls('intake', {})).toBeUndefined();
    expect(problems(() => loadGrpcTls('intake', { GRPC_TLS_CA: certs.file('ca.crt') }))).toEqual([
      expect.stringContaining('GRPC_TLS_CERT is required with GRPC_TLS_CA'),
      expect.stringContaining('GRPC_TLS_KEY is required with GRPC_TLS_CA'),
    ]);
    expect(problems(() => loadGrpcTls('intake', certs.grpcEnv('gateway')))).toEqual(['GRPC_TLS_CERT names the service gateway, not intake (a URI SAN spiffe://pengaduan/intake)']);
    expect(problems(() => loadGrpcTls('gateway', { ...certs.grpcEnv('gateway'), GRPC_TLS_KEY: certs.file('intake.key') }))).toEqual(['GRPC_TLS_KEY is not the key of GRPC_TLS_CERT']);
    expect(problems(() => loadGrpcTls('gateway', { ...otherCa.grpcEnv('gateway'), GRPC_TLS_CA: certs.file('ca.crt') }))).toEqual(['GRPC_TLS_CERT is not signed by GRPC_TLS_CA']);
    const garbage = certs.file('garbage.pem');
    writeFileSync(garbage, 'not a certificate');
    expect(problems(() => loadGrpcTls('gateway', { ...certs.grpcEnv('gateway'), GRPC_TLS_CA: garbage, GRPC_TLS_KEY: certs.file('missing.key') }))).toEqual([
      expect.stringMatching(/^GRPC_TLS_KEY: cannot read .*missing\.key \(ENOENT\)$/),
    ]);
  });

  it('is required in production: neither a server nor a client is made without it', async () => {
    const before = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      expect(await serverProblems()).toEqual(expect.arrayContaining([expect.stringContaining('GRPC_TLS_CA is required in production')]));
      expect(problems(() => new UpstreamClient('intake', IntakeService, '127.0.0.1:1', logger))).toHaveLength(3);
      expect(await serverProblems(tlsOf('intake'))).toEqual([]);
    } finally {
      if (before === undefined) delete process.env['NODE_ENV'];
      else process.env['NODE_ENV'] = before;
    }
  });
});
