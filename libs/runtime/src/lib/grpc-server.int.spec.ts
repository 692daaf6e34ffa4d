/**
 * A service's internal gRPC API as every step service serves it (docs/adr/0036): a Nest app
 * started as main.ts starts it (startServiceApp), its @GrpcMethod handlers behind the shared
 * interceptor and error filter, called over real gRPC by the client the gateway uses. What
 * travels is what the services sent before they moved to Nest microservices.
 */
import { status, type ServiceError as GrpcServiceError } from '@grpc/grpc-js';
import { ComplaintDocumentsService, TeamDecreeService, type IssueTeamDecreeRequest } from '@pengaduan/contracts';
import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { startServiceApp, type ServiceEntry, type StartedService } from './bootstrap';
import { ServiceError } from './errors';
import { ERROR_CODE_KEY } from './grpc';
import { UpstreamClient, type MethodsOf } from './grpc-client';
import { CorrelationId } from './grpc-enhancers';
import { createLogger } from './logger';

/** What was logged, line by line; `awaited` resolves the first line whose message starts with its text. */
const lines: Record<string, unknown>[] = [];
const awaited: { text: string; resolve: () => void }[] = [];
const logger = createLogger('grpc-test', 'info', {
  write: (text: string) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const a of awaited.filter((a) => String(line['msg']).startsWith(a.text))) a.resolve();
  },
});
const logged = (text: string): Promise<void> => new Promise((resolve) => awaited.push({ text, resolve }));

let entered = 0;
let inFlight: { entered: () => void; release: Promise<void> } | undefined;

/** A team-decree stand-in whose behaviour the request's mandate picks. */
@Controller()
class ProbeController {
  @GrpcMethod('TeamDecreeService', 'IssueTeamDecree')
  async issueTeamDecree(@Payload() request: IssueTeamDecreeRequest, @CorrelationId() correlationId: string): Promise<{ decreeNumber: string }> {
    entered++;
    logger.info({ mandate: request.mandate.slice(0, 20) }, 'issuing');
    switch (request.mandate) {
      case 'refused':
        throw new ServiceError('conflict', 'COMPLAINT.ILLEGAL_TRANSITION', 'the complaint is closed', { state: 'CLOSED' });
      case 'database down':
        throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' });
      case 'bug':
        throw new Error('a secret detail of a bug');
      case 'slow':
        inFlight?.entered();
        await inFlight?.release;
    }
    return { decreeNumber: correlationId };
  }
}

@Controller()
class DocumentsController {
  @GrpcMethod('ComplaintDocumentsService', 'GetDocument')
  getDocument(): object {
    return {};
  }
}

@Module({})
class ProbeModule {}

const entry = (controllers: DynamicModule['controllers']): ServiceEntry<object> => ({
  name: 'probe',
  loadConfig: () => ({}),
  module: () => ({ module: ProbeModule, controllers }),
  http: () => ({ host: '127.0.0.1', port: 0 }),
  grpc: () => ({ address: '127.0.0.1:0', services: [TeamDecreeService, ComplaintDocumentsService] }),
  migrate: async () => undefined,
});

let service: StartedService;
let client: UpstreamClient<MethodsOf<typeof TeamDecreeService>>;

const issue = (mandate: string, correlationId: string) => client.call('issueTeamDecree', { mandate }, correlationId);
const failure = (mandate: string, correlationId: string) => issue(mandate, correlationId).then(() => undefined, (e: unknown) => e);

beforeAll(async () => {
  service = await startServiceApp(entry([ProbeController, DocumentsController]), {}, logger, { abortOnError: false });
  client = new UpstreamClient('team-decree', TeamDecreeService, `127.0.0.1:${service.grpcPort}`, logger);
});

afterAll(async () => {
  client?.close();
  await service?.app.close();
});

beforeEach(() => {
  lines.length = 0;
  entered = 0;
});

describe("a service's internal gRPC API on Nest microservices", () => {
  it("runs the handler in the caller's correlation id, and in a fresh one when the caller sends none", async () => {
    await expect(issue('a team', 'c-given')).resolves.toMatchObject({ decreeNumber: 'c-given' });
    expect(lines.find((l) => l['msg'] === 'issuing')).toMatchObject({ correlationId: 'c-given' });
    const fresh = await issue('a team', '');
    expect(fresh.decreeNumber).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.filter((l) => l['msg'] === 'issuing').map((l) => l['correlationId'])).toEqual(['c-given', fresh.decreeNumber]);
  });

  it('answers a ServiceError with its status, x-error-code and x-error-details, as the gateway reads them', async () => {
    expect(await failure('refused', 'c-refused')).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', message: 'the complaint is closed', details: { state: 'CLOSED' } });
  });

  it('answers a transient failure with the retryable UNAVAILABLE, naming nothing of the network', async () => {
    const refusal = (await failure('database down', 'c-down')) as ServiceError;
    expect(refusal).toMatchObject({ kind: 'unavailable', code: 'SERVICE.UNAVAILABLE' });
    expect(refusal.message).not.toContain('10.0.0.7');
  });

  it('answers anything else INTERNAL without its message, and logs it with the correlation id', async () => {
    const err = (await failure('bug', 'c-bug')) as GrpcServiceError;
    expect({ code: err.code, details: err.details, errorCode: err.metadata.get(ERROR_CODE_KEY)[0] }).toEqual({ code: status.INTERNAL, details: 'internal error', errorCode: 'INTERNAL' });
    expect(lines.find((l) => l['msg'] === 'unexpected error in a gRPC call')).toMatchObject({ correlationId: 'c-bug', err: { message: 'a secret detail of a bug' } });
  });

  it('refuses a request over 4 MiB before its handler runs', async () => {
    const err = (await failure('x'.repeat(4 * 1024 * 1024 + 1), 'c-large')) as GrpcServiceError;
    expect(err.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(entered).toBe(0);
  });

  it('does not start when a method of a service it declares has no @GrpcMethod handler', async () => {
    await expect(startServiceApp(entry([ProbeController]), {}, logger, { abortOnError: false })).rejects.toThrow(
      'no @GrpcMethod handler for pengaduan.documents.v1.ComplaintDocumentsService/GetDocument',
    );
  });

  it('stops taking calls when the app stops, and lets the call in flight finish', async () => {
    const own = await startServiceApp(entry([ProbeController, DocumentsController]), {}, logger, { abortOnError: false });
    const address = `127.0.0.1:${own.grpcPort}`;
    const slowClient = new UpstreamClient('team-decree', TeamDecreeService, address, logger);
    let release!: () => void;
    const handlerEntered = new Promise<void>((resolve) => (inFlight = { entered: resolve, release: new Promise((r) => (release = r)) }));
    try {
      const call = slowClient.call('issueTeamDecree', { mandate: 'slow' }, 'c-slow');
      await handlerEntered;
      const stopping = logged('gRPC server stopping');
      let stopped = false;
      const closed = own.app.close().then(() => (stopped = true));
      await stopping;
      // A new caller is turned away while the slow call is still being handled…
      const late = new UpstreamClient('team-decree', TeamDecreeService, address, logger);
      try {
        await expect(late.call('issueTeamDecree', { mandate: 'a team' }, 'c-late')).rejects.toMatchObject({ kind: 'unavailable' });
      } finally {
        late.close();
      }
      expect(stopped).toBe(false);
      // …and the slow call, released, is answered before the app has stopped.
      release();
      await expect(call).resolves.toMatchObject({ decreeNumber: 'c-slow' });
      await closed;
    } finally {
      slowClient.close();
      inFlight = undefined;
    }
  });
});
