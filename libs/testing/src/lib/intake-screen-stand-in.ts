import type { MessageInitShape } from '@bufbuild/protobuf';
import { IntakeService, type GetOfficeProfileRequest, type OfficeProfileSchema, type ScreenOfficerTextRequest } from '@pengaduan/contracts';
import { createLogger, grpcServiceController, ServiceError, startGrpcMicroservice, type GrpcMicroservice } from '@pengaduan/runtime';

/**
 * How an officer's text may give away the reporter the {@link IntakeScreenStandIn} screens for
 * (`+6281234567890`, Budi Santoso, …), in the writings intake recognises; intake's own tests
 * cover the recognising itself.
 */
export const REPORTER_GIVEAWAYS = {
  phone: '0812 3456 7890',
  name: 'BUDI santoso',
  email: 'budi.santoso@example.com',
  handle: '@budisantoso',
} as const;

/** An office's profile on the wire (`pengaduan.intake.v1.OfficeProfile`). */
export type WireOfficeProfile = MessageInitShape<typeof OfficeProfileSchema>;

/** What the stand-in answers for an office no test set a profile of: the shape intake answers from its file's template. */
export function standInOfficeProfile(code: string): WireOfficeProfile {
  return {
    code,
    name: `Kantor Imigrasi ${code}`,
    ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia',
    parentUnits: ['Direktorat Jenderal Imigrasi'],
    address: '',
    city: '',
    legalBasis: ['Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik'],
  };
}

/**
 * intake's API as the services that render documents and screen officers' texts call it
 * (disposition, analysis, team-decree, notification), for their tests: a real gRPC server.
 * `ScreenOfficerText` (docs/adr/0023) records every request and refuses, as intake does, with
 * `COMPLAINT.PERSONAL_DATA` naming every field whose text contains one of
 * {@link REPORTER_GIVEAWAYS}. `GetOfficeProfile` (docs/adr/0048) answers the profile a test set
 * with {@link IntakeScreenStandIn.setOfficeProfile}, else {@link standInOfficeProfile}, and
 * records which offices were asked.
 */
export class IntakeScreenStandIn {
  readonly requests: ScreenOfficerTextRequest[] = [];
  /** The offices whose profile was asked, in order. */
  readonly profilesAsked: string[] = [];
  private readonly profiles = new Map<string, { profile: WireOfficeProfile; version: number }>();
  private server?: GrpcMicroservice;
  address = '';

  /** From now on, the office's profile in force is `profile` (a new version of it), as after its head of office changed it. */
  setOfficeProfile(profile: WireOfficeProfile & { code: string }): void {
    this.profiles.set(profile.code, { profile, version: (this.profiles.get(profile.code)?.version ?? 0) + 1 });
  }

  async start(): Promise<this> {
    // Only the methods of the callers' tests: any other is refused as unavailable.
    const controller = grpcServiceController(IntakeService, {
      useFactory: () => ({
        screenOfficerText: (request: ScreenOfficerTextRequest) => this.screen(request),
        getOfficeProfile: (request: GetOfficeProfileRequest) => this.officeProfile(request),
      }),
    });
    this.server = await startGrpcMicroservice({ address: '127.0.0.1:0', services: [IntakeService] }, createLogger('intake-stand-in', 'silent'), [controller]);
    this.address = this.server.address;
    return this;
  }

  /** The texts screened for a complaint, field by field, one record a request. */
  screenedFor(complaintId: string): Record<string, string>[] {
    return this.requests.filter((r) => r.complaintId === complaintId).map((r) => Object.fromEntries(r.texts.map((t) => [t.field, t.text])));
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }

  private officeProfile(request: GetOfficeProfileRequest): object {
    this.profilesAsked.push(request.officeCode);
    const set = this.profiles.get(request.officeCode);
    return set ? { profile: set.profile, version: set.version, source: 'office' } : { profile: standInOfficeProfile(request.officeCode), version: 0, source: 'file' };
  }

  private screen(request: ScreenOfficerTextRequest): object {
    this.requests.push(request);
    const fieldViolations = request.texts.flatMap(({ field, text }) => {
      const part = Object.entries(REPORTER_GIVEAWAYS).find(([, giveaway]) => text.toLowerCase().includes(giveaway.toLowerCase()));
      return part ? [{ field, description: `must not contain the reporter's ${part[0]}` }] : [];
    });
    if (fieldViolations.length > 0) throw new ServiceError('invalid', 'COMPLAINT.PERSONAL_DATA', 'the texts give away the reporter', { fieldViolations });
    return {};
  }
}
