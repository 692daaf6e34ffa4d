import type { MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { Controller, Inject, type InjectionToken, type Type } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { ServiceError } from './errors';
import { correlationIdOfCall } from './grpc-enhancers';

/** The handlers of a generated service's unary methods, by their local names: `getDocument(request, correlationId)`. */
export type GrpcHandlers<M extends GenServiceMethods> = {
  [K in keyof M]?: (request: MessageShape<M[K]['input']>, correlationId: string) => MessageInitShape<M[K]['output']> | Promise<MessageInitShape<M[K]['output']>>;
};

/**
 * A controller serving every method of `service` (one @GrpcMethod each) with an object of
 * handlers that `useFactory` builds from the providers `inject` names: for a service implemented
 * as one object rather than a controller per use case — ComplaintDocumentsService, which
 * libs/documents implements for every service that produces SOP documents, and the tests'
 * stand-ins of a service. A method the object has no handler for is refused as unavailable
 * (the handlers are known only once the controller is made, after its methods are declared).
 */
export function grpcServiceController<M extends GenServiceMethods>(
  service: GenService<M>,
  implementation: { inject?: readonly InjectionToken[]; useFactory: (...dependencies: never[]) => GrpcHandlers<M> },
): Type {
  class ServiceGrpcController {
    readonly handlers: GrpcHandlers<M>;
    constructor(...dependencies: never[]) {
      this.handlers = implementation.useFactory(...dependencies);
    }
  }
  Object.defineProperty(ServiceGrpcController, 'name', { value: `${service.name}GrpcController` });
  (implementation.inject ?? []).forEach((token, index) => Inject(token)(ServiceGrpcController, undefined, index));
  for (const method of service.methods) {
    const name = method.localName as keyof M & string;
    // Nest calls a gRPC handler with (request, metadata, call).
    const descriptor: PropertyDescriptor = {
      value(this: ServiceGrpcController, request: never, _metadata: unknown, call: Parameters<typeof correlationIdOfCall>[0]) {
        const handler = this.handlers[name];
        if (!handler) throw new ServiceError('unavailable', 'UPSTREAM.UNAVAILABLE', `${service.typeName}/${method.name} is not served here`);
        return handler(request, correlationIdOfCall(call));
      },
      writable: true,
      configurable: true,
    };
    Object.defineProperty(ServiceGrpcController.prototype, name, descriptor);
    GrpcMethod(service.name, method.name)(ServiceGrpcController.prototype, name, descriptor);
  }
  Controller()(ServiceGrpcController);
  return ServiceGrpcController;
}
