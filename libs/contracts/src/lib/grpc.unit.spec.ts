import { create } from '@bufbuild/protobuf';
import { makeGenericClientConstructor } from '@grpc/grpc-js';
import { Channel, IntakeService, RegisterComplaintRequestSchema, RegisterComplaintResponseSchema, toGrpcServiceDefinition } from '../index';

const definition = toGrpcServiceDefinition(IntakeService);

describe('toGrpcServiceDefinition', () => {
  it('has one unary method per RPC at /<package>.<Service>/<Method>', () => {
    // One entry per RPC of the service (intake adds RPCs as it grows), among them these two.
    expect(Object.keys(definition).sort()).toEqual(IntakeService.methods.map((m) => m.localName).sort());
    expect(Object.keys(definition)).toEqual(expect.arrayContaining(['getComplaint', 'registerComplaint']));
    expect(definition.registerComplaint).toMatchObject({
      path: '/pengaduan.intake.v1.IntakeService/RegisterComplaint',
      requestStream: false,
      responseStream: false,
      originalName: 'RegisterComplaint',
    });
    expect(definition.getComplaint.path).toBe('/pengaduan.intake.v1.IntakeService/GetComplaint');
  });

  it('round-trips a request through protobuf binary', () => {
    const request = create(RegisterComplaintRequestSchema, {
      requestId: 'req-1',
      officeCode: 'BLP',
      channel: Channel.PHONE,
      text: 'Petugas loket tidak ramah.',
      contact: { phone: '+6281234567890' },
      anonymous: true,
      actor: { userId: 'u-1', role: 'ADMIN_TIKKIM' },
    });
    const bytes = definition.registerComplaint.requestSerialize(request);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(definition.registerComplaint.requestDeserialize(bytes)).toEqual(request);
  });

  it('round-trips a response, and serializes a plain init object too', () => {
    const init = { complaintId: 'c-1', trackingNumber: 'BLP-2026-000123', status: 'RECEIVED' };
    const bytes = definition.registerComplaint.responseSerialize(init as never);
    expect(definition.registerComplaint.responseDeserialize(bytes)).toEqual(create(RegisterComplaintResponseSchema, init));
  });

  it('gives grpc-js a usable client constructor', () => {
    const Client = makeGenericClientConstructor(definition, 'IntakeService');
    expect(typeof Client.prototype.registerComplaint).toBe('function');
    expect(typeof Client.prototype.getComplaint).toBe('function');
  });
});
