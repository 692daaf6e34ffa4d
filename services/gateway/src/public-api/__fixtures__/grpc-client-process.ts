// A client of the gateway's public gRPC API, as another office's system would run it: its own
// process, a real @grpc/grpc-js client, no code shared with the server but the generated
// contracts. It takes JSON commands and prints one JSON result per command:
//
//   node -r @swc-node/register grpc-client-process.ts '<command>'   one command, then exit
//   node -r @swc-node/register grpc-client-process.ts               one command per stdin line
//
// Commands (requests and responses in proto3 JSON):
//   { "op": "call", "address", "token"?, "method": "getComplaint", "request": {…} }
//   { "op": "subscribe", "address", "token"?, "request": {…}, "count"?: n, "until"?: {…}, "settleMs"?, "timeoutMs"?, "progress"? }
//   { "op": "health", "address", "service"? }
//   { "op": "reflection", "address", "symbol"? }
// Results: { "ok": true, "response" | "events" | "status" | "services" … } or
//          { "ok": false, "code", "codeName", "message", "details": [decoded google.rpc details] }.
// A subscribe with "progress": true also prints { "progress": "streaming" } (same id, before its
// result) once its first event came: the subscription is open on the server.
import { createRegistry, fromBinary, fromJson, toJson, type DescMessage, type JsonValue } from '@bufbuild/protobuf';
import { BinaryReader, BinaryWriter } from '@bufbuild/protobuf/wire';
import { anyUnpack, FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { googleRpc, publicApi, toGrpcServiceDefinition } from '@pengaduan/contracts';
import { credentials, makeGenericClientConstructor, Metadata, status, type Client, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { createInterface } from 'node:readline';

interface Command {
  id?: unknown;
  op: 'call' | 'subscribe' | 'health' | 'reflection';
  address: string;
  token?: string;
  method?: string;
  request?: JsonValue;
  count?: number;
  settleMs?: number;
  timeoutMs?: number;
  service?: string;
  symbol?: string;
  /** subscribe: stop (after settleMs) once an event of this complaint (and type, if given) came. */
  until?: { complaintId: string; type?: string };
  /** subscribe: print a progress line once the first event came. */
  progress?: boolean;
}

const registry = createRegistry(googleRpc.BadRequestSchema, googleRpc.ErrorInfoSchema, googleRpc.PreconditionFailureSchema, googleRpc.RetryInfoSchema);
const definition = toGrpcServiceDefinition(publicApi.OfficeComplaintsService);
const ApiClient = makeGenericClientConstructor(definition as never, 'OfficeComplaintsService');
const clients = new Map<string, Client>();

function apiClient(address: string): Client {
  let client = clients.get(address);
  if (!client) {
    client = new ApiClient(address, credentials.createInsecure());
    clients.set(address, client);
  }
  return client;
}

function metadataOf(token: string | undefined): Metadata {
  const metadata = new Metadata();
  if (token !== undefined) metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

/** A refused call with its `grpc-status-details-bin` decoded. */
function failure(err: ServiceError): Record<string, unknown> {
  const raw = err.metadata?.get('grpc-status-details-bin')[0];
  let details: unknown[] = [];
  if (raw instanceof Buffer) {
    const decoded = fromBinary(googleRpc.StatusSchema, raw);
    details = decoded.details.map((any) => {
      const message = anyUnpack(any, registry);
      return message ? { '@type': any.typeUrl, ...(toJson(registry.getMessage(message.$typeName) as DescMessage, message) as object) } : { '@type': any.typeUrl };
    });
  }
  return { ok: false, code: err.code, codeName: status[err.code], message: err.details, details };
}

function methodOf(name: string) {
  const method = publicApi.OfficeComplaintsService.methods.find((m) => m.localName === name);
  if (!method) throw new Error(`no method ${name}`);
  const def = definition[method.localName as keyof typeof definition] as unknown as {
    path: string;
    requestSerialize: (value: unknown) => Buffer;
    responseDeserialize: (bytes: Buffer) => unknown;
  };
  return { method, def };
}

function call(c: Command): Promise<Record<string, unknown>> {
  const { method, def } = methodOf(c.method ?? '');
  const request = fromJson(method.input, c.request ?? {});
  return new Promise((resolve) => {
    apiClient(c.address).makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, request, metadataOf(c.token), { deadline: Date.now() + 30_000 }, (err, response) =>
      resolve(err ? failure(err) : { ok: true, response: toJson(method.output, response as never) }),
    );
  });
}

// bigint (int64) never reaches JSON.stringify: toJson gives it as a string.
function print(id: unknown, result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ id, ...result })}\n`);
}

/** Collects `count` events (then `settleMs` more of whatever comes), cancels, and answers what came and how it ended. */
function subscribe(c: Command): Promise<Record<string, unknown>> {
  const { method, def } = methodOf('subscribeComplaintEvents');
  const request = fromJson(method.input, c.request ?? {});
  const events: unknown[] = [];
  return new Promise((resolve) => {
    const stream: ClientReadableStream<unknown> = apiClient(c.address).makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, request, metadataOf(c.token));
    let finished = false;
    const finish = (result: Record<string, unknown>) => {
      if (finished) return;
      finished = true;
      clearTimeout(timeout);
      stream.cancel();
      resolve({ events, ...result });
    };
    const timeout = setTimeout(() => finish({ ok: true, ended: 'timeout' }), c.timeoutMs ?? 30_000);
    stream.on('data', (message) => {
      const json = toJson(method.output, message as never) as { event?: { complaintId?: string; type?: string } };
      events.push(json);
      if (c.progress && events.length === 1) print(c.id, { progress: 'streaming' });
      const reached = c.until && json.event?.complaintId === c.until.complaintId && (!c.until.type || json.event?.type === c.until.type);
      if (events.length === (c.count ?? Infinity) || reached) setTimeout(() => finish({ ok: true, ended: reached ? 'until' : 'count' }), c.settleMs ?? 0);
    });
    stream.on('error', (err: ServiceError) => finish(err.code === status.CANCELLED ? { ok: true, ended: 'cancelled' } : failure(err)));
    stream.on('end', () => finish({ ok: true, ended: 'end' }));
  });
}

function health(c: Command): Promise<Record<string, unknown>> {
  const Health = makeGenericClientConstructor(healthService as never, 'Health');
  const client = new Health(c.address, credentials.createInsecure()) as unknown as Client & {
    check(request: { service: string }, options: { deadline: number }, cb: (err: ServiceError | null, res?: { status: string }) => void): void;
  };
  return new Promise((resolve) =>
    client.check({ service: c.service ?? '' }, { deadline: Date.now() + 10_000 }, (err, res) => {
      client.close();
      resolve(err ? failure(err) : { ok: true, status: res?.status });
    }),
  );
}

// grpc.reflection.v1.ServerReflection, encoded by hand (the client knows only the protocol):
// request { string host = 1; oneof { string file_containing_symbol = 4; string list_services = 7; } }
// response { oneof { FileDescriptorResponse file_descriptor_response = 4 { repeated bytes file_descriptor_proto = 1; };
//                    ListServiceResponse list_services_response = 6 { repeated ServiceResponse service = 1 { string name = 1; } };
//                    ErrorResponse error_response = 7 { int32 error_code = 1; string error_message = 2; } } }
const REFLECTION_PATH = '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo';

function reflectionRequest(symbol: string | undefined): Buffer {
  const w = new BinaryWriter();
  if (symbol) w.tag(4, 2).string(symbol);
  else w.tag(7, 2).string('');
  return Buffer.from(w.finish());
}

function reflectionResponse(bytes: Buffer): { services: string[]; files: Uint8Array[]; error?: string } {
  const out: { services: string[]; files: Uint8Array[]; error?: string } = { services: [], files: [] };
  const r = new BinaryReader(bytes);
  while (r.pos < r.len) {
    const [field, wire] = r.tag();
    if (field === 6) {
      const list = new BinaryReader(r.bytes());
      while (list.pos < list.len) {
        const [f, wt] = list.tag();
        if (f === 1) {
          const svc = new BinaryReader(list.bytes());
          while (svc.pos < svc.len) {
            const [sf, swt] = svc.tag();
            if (sf === 1) out.services.push(svc.string());
            else svc.skip(swt);
          }
        } else list.skip(wt);
      }
    } else if (field === 4) {
      const files = new BinaryReader(r.bytes());
      while (files.pos < files.len) {
        const [f, wt] = files.tag();
        if (f === 1) out.files.push(files.bytes());
        else files.skip(wt);
      }
    } else if (field === 7) {
      const e = new BinaryReader(r.bytes());
      while (e.pos < e.len) {
        const [f, wt] = e.tag();
        if (f === 2) out.error = e.string();
        else e.skip(wt);
      }
    } else r.skip(wire);
  }
  return out;
}

function reflection(c: Command): Promise<Record<string, unknown>> {
  const client = apiClient(c.address);
  return new Promise((resolve) => {
    const stream = client.makeBidiStreamRequest(REFLECTION_PATH, (b: Buffer) => b, (b: Buffer) => b, new Metadata(), { deadline: Date.now() + 10_000 });
    stream.on('data', (bytes: Buffer) => {
      const answer = reflectionResponse(bytes);
      stream.end();
      const files = answer.files.map((f) => fromBinary(FileDescriptorProtoSchema, f));
      resolve({
        ok: answer.error === undefined,
        services: answer.services,
        error: answer.error,
        files: files.map((f) => ({ name: f.name, package: f.package, services: f.service.map((s) => ({ name: s.name, methods: s.method.map((m) => m.name) })) })),
      });
    });
    stream.on('error', (err: ServiceError) => resolve(failure(err)));
    stream.write(reflectionRequest(c.symbol));
  });
}

async function run(command: Command): Promise<Record<string, unknown>> {
  try {
    switch (command.op) {
      case 'call':
        return await call(command);
      case 'subscribe':
        return await subscribe(command);
      case 'health':
        return await health(command);
      case 'reflection':
        return await reflection(command);
    }
    return { ok: false, error: `unknown op ${String(command.op)}` };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}


async function main(): Promise<void> {
  const arg = process.argv[2];
  if (arg) {
    const command = JSON.parse(arg) as Command;
    print(command.id, await run(command));
  } else {
    const lines = createInterface({ input: process.stdin });
    const pending: Promise<void>[] = [];
    for await (const line of lines) {
      if (!line.trim()) continue;
      const command = JSON.parse(line) as Command;
      pending.push(
        run(command).then((result) => {
          print(command.id, result);
        }),
      );
    }
    await Promise.all(pending);
  }
  for (const client of clients.values()) client.close();
}

void main().then(() => process.exit(0));
