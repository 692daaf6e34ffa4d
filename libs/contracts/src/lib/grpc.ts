import { create, fromBinary, toBinary, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import type { MethodDefinition } from '@grpc/grpc-js';

/** A grpc-js service definition typed by the generated service: one method per RPC, keyed by its camelCase name. */
export type GrpcServiceDefinition<M extends GenServiceMethods> = {
  readonly [K in keyof M]: MethodDefinition<MessageShape<M[K]['input']>, MessageShape<M[K]['output']>>;
};

function codec<Desc extends DescMessage>(schema: Desc): { serialize: (value: MessageShape<Desc>) => Buffer; deserialize: (bytes: Buffer) => MessageShape<Desc> } {
  return {
    // create() returns a message unchanged and builds one from a plain init object, so a
    // client may pass either.
    serialize: (value) => {
      const bytes = toBinary(schema, create(schema, value as MessageInitShape<Desc>));
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    deserialize: (bytes) => fromBinary(schema, bytes),
  };
}

/**
 * Turns a generated protobuf-es service (e.g. `IntakeService`) into an `@grpc/grpc-js`
 * service definition, for `server.addService(def, impl)` and
 * `makeGenericClientConstructor(def, name)`, without proto-loader. Messages travel as
 * protobuf binary (`toBinary` / `fromBinary`); paths are `/<package>.<Service>/<Method>`.
 */
export function toGrpcServiceDefinition<M extends GenServiceMethods>(service: GenService<M>): GrpcServiceDefinition<M> {
  const definition: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const method of service.methods) {
    const request = codec(method.input);
    const response = codec(method.output);
    definition[method.localName] = {
      path: `/${service.typeName}/${method.name}`,
      requestStream: method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming',
      responseStream: method.methodKind === 'server_streaming' || method.methodKind === 'bidi_streaming',
      requestSerialize: request.serialize as (value: unknown) => Buffer,
      requestDeserialize: request.deserialize,
      responseSerialize: response.serialize as (value: unknown) => Buffer,
      responseDeserialize: response.deserialize,
      originalName: method.name,
    };
  }
  return definition as GrpcServiceDefinition<M>;
}
