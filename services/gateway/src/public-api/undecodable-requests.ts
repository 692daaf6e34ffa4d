import { ServiceError } from '@pengaduan/runtime';
import type { MethodDefinition } from '@grpc/grpc-js';

/** What a method of the public API receives instead of a request whose bytes are not its message. */
export class UndecodableRequest {
  constructor(readonly messageName: string) {}
}

/**
 * The service's methods, their requests decoded without ever throwing: grpc-js answers a
 * deserializer's exception with INTERNAL ("the server's fault"), where bytes that are not the
 * request's message are the caller's. Such a request reaches the method as an
 * {@link UndecodableRequest}, which {@link decodedOrRefused} turns into INVALID_ARGUMENT.
 */
export function withUndecodableRequests<D extends Record<string, MethodDefinition<unknown, unknown>>>(definition: D): D {
  const out: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(definition)) {
    const decode = method.requestDeserialize;
    const messageName = `${method.originalName ?? name} request`;
    out[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return decode(bytes);
        } catch {
          return new UndecodableRequest(messageName);
        }
      },
    };
  }
  return out as D;
}

/** The request, or a 400-kind refusal naming it when its bytes were not the message. */
export function decodedOrRefused<Req>(request: Req | UndecodableRequest): Req {
  if (request instanceof UndecodableRequest) {
    throw new ServiceError('invalid', 'REQUEST.UNDECODABLE', `the bytes sent are not a valid ${request.messageName} message`, {
      fieldViolations: [{ field: '(request)', description: 'is not a valid protobuf encoding of the method\'s request message' }],
    });
  }
  return request;
}
