import { publicApi } from '@pengaduan/contracts';
import { credentials, makeGenericClientConstructor, Metadata, status, type Client, type ServiceError } from '@grpc/grpc-js';
import fc from 'fast-check';
import { isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { OfficeClients } from './office-clients';
import { PublicGrpcServer } from './public-grpc-server';

// The public gRPC API fuzzed over a real socket: every method of OfficeComplaintsService gets
// arbitrary bytes as its request, from an authenticated office client, and must answer with a
// status that names the problem (INVALID_ARGUMENT, NOT_FOUND …), never INTERNAL or UNKNOWN,
// and the server must stay up. The gateway runs as in production, where server reflection is
// off unless switched on. intake is unreachable here, so a request that passes every check
// answers UNAVAILABLE: nothing is stored from any of them.

const SEED = 20261206;
const RUNS_PER_METHOD = 150;
/** What a request's bytes may never cause: the server's own fault. */
const SERVER_FAULTS = new Set<number>([status.INTERNAL, status.UNKNOWN, status.DATA_LOSS, status.UNIMPLEMENTED]);

const raw = (b: Buffer) => b;
let isolation: GatewayIsolation;
let gateway: TestGateway;
let address: string;
let token: string;

beforeAll(async () => {
  isolation = await isolate();
  gateway = await startGateway({}, isolation, { config: { production: true } });
  address = `127.0.0.1:${gateway.app.get(PublicGrpcServer).port}`;
  token = (await gateway.app.get(OfficeClients).add({ officeCode: 'BLP' })).token;
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

/** One call with these bytes as the request; its status (OK is 0). */
function callWithBytes(client: Client, path: string, streaming: boolean, bytes: Buffer): Promise<{ code: number; details: string }> {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  const deadline = Date.now() + 10_000;
  return new Promise((resolve) => {
    const done = (code: number, details = '') => resolve({ code, details });
    if (!streaming) {
      client.makeUnaryRequest(path, raw, raw, bytes, metadata, { deadline }, (err: ServiceError | null) => done(err ? err.code : status.OK, err?.details));
      return;
    }
    const stream = client.makeServerStreamRequest(path, raw, raw, bytes, metadata, { deadline });
    // A subscription that was accepted waits for events: the first message or a quiet moment is enough.
    const quiet = setTimeout(() => {
      stream.cancel();
      done(status.OK);
    }, 300);
    stream.on('data', () => {
      clearTimeout(quiet);
      stream.cancel();
      done(status.OK);
    });
    stream.on('error', (err: ServiceError) => {
      clearTimeout(quiet);
      done(err.code === status.CANCELLED ? status.OK : err.code, err.details);
    });
  });
}

describe('the public gRPC API, fuzzed', () => {
  let client: Client;
  beforeAll(() => {
    client = new (makeGenericClientConstructor({}, 'Fuzz'))(address, credentials.createInsecure());
  });
  afterAll(() => client?.close());

  it.each(publicApi.OfficeComplaintsService.methods.map((m) => [m.name, m] as const))(
    `answers arbitrary request bytes to %s with a status that names the problem, never a server fault (${RUNS_PER_METHOD} runs)`,
    async (_, method) => {
      const path = `/${publicApi.OfficeComplaintsService.typeName}/${method.name}`;
      const streaming = method.methodKind === 'server_streaming';
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
          const answer = await callWithBytes(client, path, streaming, Buffer.from(bytes));
          const name = status[answer.code] ?? String(answer.code);
          seen.set(name, (seen.get(name) ?? 0) + 1);
          if (SERVER_FAULTS.has(answer.code)) throw new Error(`${method.name}: ${name} ${answer.details}`);
        }),
        { seed: SEED, numRuns: RUNS_PER_METHOD },
      );
      // Most random bytes are not a valid message, or not a valid request: they are refused as such.
      expect((seen.get('INVALID_ARGUMENT') ?? 0) + (seen.get('NOT_FOUND') ?? 0) + (seen.get('PERMISSION_DENIED') ?? 0)).toBeGreaterThan(RUNS_PER_METHOD / 3);
    },
  );

  it('still serves after the fuzzing, and offers no server reflection in production', async () => {
    const list = await callWithBytes(client, `/${publicApi.OfficeComplaintsService.typeName}/ListComplaints`, false, Buffer.alloc(0));
    expect(status[list.code]).toBe('OK');
    for (const version of ['v1', 'v1alpha']) {
      const stream = client.makeBidiStreamRequest(`/grpc.reflection.${version}.ServerReflection/ServerReflectionInfo`, raw, raw);
      const code = await new Promise<number>((resolve) => {
        stream.on('data', () => resolve(status.OK));
        stream.on('error', (err: ServiceError) => resolve(err.code));
        stream.write(Buffer.from([0x3a, 0x00])); // list_services: ""
        stream.end();
      });
      expect({ version, status: status[code] }).toEqual({ version, status: 'UNIMPLEMENTED' });
    }
  });
});
