import { create, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { IntakeService, RegisterComplaintResponseSchema, toGrpcServiceDefinition, GetComplaintResponseSchema } from '@pengaduan/contracts';
import { bindGrpcServer, CORRELATION_ID_METADATA_KEY, shutdownGrpcServer, toGrpcError, withLogContext, type Logger } from '@pengaduan/runtime';
import { Server, status, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { RegisterComplaintGrpcController } from '../register-complaint/register-complaint.grpc.controller';

/** intake's internal gRPC server: one method per use case, each delegating to its controller. */
export class IntakeGrpcServer {
  private readonly server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
  port = 0;

  constructor(
    private readonly address: string,
    private readonly logger: Logger,
    registerComplaint: RegisterComplaintGrpcController,
  ) {
    const impl: UntypedServiceImplementation = {
      registerComplaint: this.unary(RegisterComplaintResponseSchema, (req, cid) => registerComplaint.registerComplaint(req, cid)),
      getComplaint: (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<MessageShape<typeof GetComplaintResponseSchema>>) =>
        callback({ code: status.UNIMPLEMENTED, details: 'GetComplaint comes with the complaint views' }),
    };
    this.server.addService(toGrpcServiceDefinition(IntakeService), impl);
  }

  async start(): Promise<number> {
    this.port = await bindGrpcServer(this.server, this.address);
    this.logger.info({ address: this.address, port: this.port }, 'gRPC server listening');
    return this.port;
  }

  stop(): Promise<void> {
    return shutdownGrpcServer(this.server);
  }

  private unary<Req, Res extends DescMessage>(
    responseSchema: Res,
    fn: (request: Req, correlationId: string) => Promise<MessageInitShape<Res>>,
  ) {
    return (call: ServerUnaryCall<Req, MessageShape<Res>>, callback: sendUnaryData<MessageShape<Res>>) => {
      const correlationId = call.metadata.get(CORRELATION_ID_METADATA_KEY)[0]?.toString() || randomUUID();
      void withLogContext({ correlationId }, async () => {
        try {
          const result = await fn(call.request, correlationId);
          callback(null, create(responseSchema, result));
        } catch (err) {
          callback(toGrpcError(err, this.logger));
        }
      });
    };
  }
}
