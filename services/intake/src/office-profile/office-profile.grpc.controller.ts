import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { GetOfficeProfileRequest, GetOfficeProfileResponseSchema, UpdateOfficeProfileRequest, UpdateOfficeProfileResponseSchema } from '@pengaduan/contracts';
import { officeProfileToWire } from '@pengaduan/documents';
import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { FIELD_RULES, isRole } from '@pengaduan/sop';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { OfficeProfileVersions, type OfficeProfileInForce } from './office-profile-versions';
import { UpdateOfficeProfileHandler } from './update-office-profile.handler';

/** `IntakeService.GetOfficeProfile`, `UpdateOfficeProfile` (docs/adr/0048): maps requests and answers; no rules here. */
@Controller()
export class OfficeProfileGrpcController {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly versions: OfficeProfileVersions,
    private readonly update: UpdateOfficeProfileHandler,
  ) {}

  @GrpcMethod('IntakeService', 'GetOfficeProfile')
  async getOfficeProfile(@Payload() request: GetOfficeProfileRequest): Promise<MessageInitShape<typeof GetOfficeProfileResponseSchema>> {
    if (!FIELD_RULES.officeCode.pattern.test(request.officeCode)) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the office code is not valid', { fieldViolations: [{ field: 'officeCode', description: `must be ${FIELD_RULES.officeCode.description}` }] });
    }
    return inForceMessage(await this.versions.inForce(this.runtime.dataSource.manager, request.officeCode));
  }

  @GrpcMethod('IntakeService', 'UpdateOfficeProfile')
  async updateOfficeProfile(@Payload() request: UpdateOfficeProfileRequest): Promise<MessageInitShape<typeof UpdateOfficeProfileResponseSchema>> {
    const actor = request.actor;
    if (!actor?.userId || !isRole(actor.role) || !actor.officeCode) throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no valid acting officer with an office');
    const f = request.fields;
    const result = await this.update.execute({
      requestId: request.requestId,
      userId: actor.userId,
      role: actor.role,
      officeCode: actor.officeCode,
      expectedVersion: request.expectedVersion,
      fields: { ministry: f?.ministry ?? '', parentUnits: f?.parentUnits ?? [], name: f?.name ?? '', address: f?.address ?? '', city: f?.city ?? '', phone: f?.phone, email: f?.email, website: f?.website },
    });
    return { ...inForceMessage(result.inForce), changed: result.changed, previous: officeProfileToWire(result.previous) };
  }
}

/** The fields GetOfficeProfileResponse and UpdateOfficeProfileResponse share. */
function inForceMessage(p: OfficeProfileInForce) {
  return { profile: officeProfileToWire(p.profile), version: p.version, source: p.source, ...(p.changedAt ? { changedAt: timestampFromDate(p.changedAt) } : {}) };
}
