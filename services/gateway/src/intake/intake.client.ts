import { IntakeService, toGrpcServiceDefinition, type RegisterComplaintRequest, type RegisterComplaintResponse } from '@pengaduan/contracts';
import { CORRELATION_ID_METADATA_KEY, fromGrpcError, ServiceError, type Logger } from '@pengaduan/runtime';
import { credentials, makeGenericClientConstructor, Metadata, type Client, type MethodDefinition, type ServiceError as GrpcServiceError } from '@grpc/grpc-js';

/** How long the gateway waits for intake before it answers 503. */
export const INTAKE_DEADLINE_MS = 10_000;

const INTAKE_SERVICE = toGrpcServiceDefinition(IntakeService);
const IntakeServiceClient = makeGenericClientConstructor(INTAKE_SERVICE, 'IntakeService');

/**
 * The gateway's side of intake's internal gRPC API. Every call carries the correlation id and
 * a deadline; intake's errors come back as the ServiceErrors intake threw (kind, code, field
 * violations, state), and an unreachable or silent intake as `unavailable`.
 */
export class IntakeClient {
  private readonly client: Client;

  constructor(
    address: string,
    private readonly logger: Logger,
  ) {
    // Connects lazily, on the first call, and reconnects by itself.
    this.client = new IntakeServiceClient(address, credentials.createInsecure());
  }

  registerComplaint(request: RegisterComplaintRequest, correlationId: string): Promise<RegisterComplaintResponse> {
    return this.unary(INTAKE_SERVICE.registerComplaint, request, correlationId);
  }

  close(): void {
    this.client.close();
  }

  private unary<Req, Res>(method: MethodDefinition<Req, Res>, request: Req, correlationId: string): Promise<Res> {
    const metadata = new Metadata();
    metadata.set(CORRELATION_ID_METADATA_KEY, correlationId);
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        metadata,
        { deadline: Date.now() + INTAKE_DEADLINE_MS },
        (err, response) => (err ? reject(this.toServiceError(method.path, err)) : resolve(response as Res)),
      );
    });
  }

  /** intake's ServiceError; anything it does not map stays as it is (the REST API answers 500). */
  private toServiceError(path: string, err: GrpcServiceError): unknown {
    let mapped: ServiceError;
    try {
      mapped = fromGrpcError(err);
    } catch {
      return err;
    }
    if (mapped.code === 'UPSTREAM.UNAVAILABLE') {
      // The transport's details (addresses, socket errors) go to the log, not to the client.
      this.logger.warn({ method: path, grpcCode: err.code, details: err.details }, 'intake did not answer');
      return new ServiceError('unavailable', 'UPSTREAM.UNAVAILABLE', 'intake is not reachable right now; try again shortly (with the same Idempotency-Key)');
    }
    return mapped;
  }
}
