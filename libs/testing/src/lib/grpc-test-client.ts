import type { DescMessage, Message, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { toGrpcServiceDefinition } from '@pengaduan/contracts';
import { CORRELATION_ID_METADATA_KEY, fromGrpcError, ServiceError } from '@pengaduan/runtime';
import { credentials, makeGenericClientConstructor, Metadata, status, type Client, type MethodDefinition, type ServiceDefinition, type ServiceError as GrpcError } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';

/** The methods of a generated service, for typing a client of it. */
export type MethodsOf<S> = S extends GenService<infer M> ? M : never;

/** The plain-object init of a message (not the message itself), so tests can spread and override it. */
export type Init<S extends DescMessage> = Exclude<MessageInitShape<S>, Message>;

/**
 * A refused call as the gateway would see it: the service's ServiceError (its kind, code and
 * details, as `fromGrpcError` reads them), plus the gRPC status it travelled as.
 */
export class GrpcRefusal extends ServiceError {
  constructor(
    readonly grpcStatus: status,
    readonly statusName: string,
    answer: ServiceError,
  ) {
    super(answer.kind, answer.code, answer.message, answer.details);
    this.name = 'GrpcRefusal';
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

/** The refusal of a failed call; a failure that carries no service error (no code) as grpc-js gave it. */
function toRefusal(err: GrpcError): Error {
  try {
    return new GrpcRefusal(err.code, status[err.code] ?? String(err.code), fromGrpcError(err));
  } catch {
    return err;
  }
}
