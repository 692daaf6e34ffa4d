import type { DescMessage, Message, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { toGrpcServiceDefinition } from '@pengaduan/contracts';
import { CORRELATION_ID_METADATA_KEY, fromGrpcError, type FieldViolation } from '@pengaduan/runtime';
import { credentials, makeGenericClientConstructor, Metadata, status, type Client, type MethodDefinition, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';

/** The methods of a generated service, for typing a client of it. */
export type MethodsOf<S> = S extends GenService<infer M> ? M : never;

/** The plain-object init of a message (not the message itself), so tests can spread and override it. */
export type Init<S extends DescMessage> = Exclude<MessageInitShape<S>, Message>;

/** A refused call as the gateway would see it: the gRPC status and the service's error code and details. */
export class GrpcRefusal extends Error {
  constructor(
    readonly grpcStatus: status,
    readonly statusName: string,
    readonly code: string,
    readonly details: { fieldViolations?: FieldViolation[]; state?: string; availableActions?: string[]; [key: string]: unknown },
  ) {
    super(`${statusName} ${code}: ${details ? JSON.stringify(details) : ''}`);
  }
}

/** A real gRPC client of a service's internal API, over the network, as the gateway calls it. */
export class GrpcTestClient<M extends GenServiceMethods> {
  private readonly definition;
  private readonly client: Client;

  constructor(service: GenService<M>, address: string) {
    this.definition = toGrpcServiceDefinition(service);
    const Ctor = makeGenericClientConstructor(this.definition as unknown as ServiceDefinition, service.name);
    this.client = new Ctor(address, credentials.createInsecure());
  }

  call<K extends keyof M & string>(method: K, request: MessageInitShape<M[K]['input']>, correlationId = randomUUID()): Promise<MessageShape<M[K]['output']>> {
    const def = this.definition[method] as unknown as MethodDefinition<MessageInitShape<M[K]['input']>, MessageShape<M[K]['output']>>;
    const metadata = new Metadata();
    metadata.set(CORRELATION_ID_METADATA_KEY, correlationId);
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, request, metadata, { deadline: Date.now() + 30_000 }, (err, response) => {
        if (err) reject(toRefusal(err));
        else if (response) resolve(response);
        else reject(new Error('no response'));
      });
    });
  }

  close(): void {
    this.client.close();
  }
}

function toRefusal(err: ServiceError): Error {
  const statusName = status[err.code] ?? String(err.code);
  try {
    const mapped = fromGrpcError(err);
    return new GrpcRefusal(err.code, statusName, mapped.code, mapped.details);
  } catch {
    return err;
  }
}
