import type { MessageInitShape } from '@bufbuild/protobuf';
import type { IntakeService, OfficeProfile as OfficeProfileMessage, OfficeProfileSchema } from '@pengaduan/contracts';
import { ServiceError, type MethodsOf, type UpstreamClient } from '@pengaduan/runtime';
import type { OfficeProfile } from '../document-types';

/** A profile on the wire (`pengaduan.intake.v1.OfficeProfile`): an absent phone, e-mail or website as an empty text. */
export function officeProfileToWire(p: OfficeProfile): MessageInitShape<typeof OfficeProfileSchema> {
  return {
    code: p.code,
    name: p.name,
    ministry: p.ministry,
    parentUnits: [...p.parentUnits],
    address: p.address,
    city: p.city,
    phone: p.phone ?? '',
    email: p.email ?? '',
    website: p.website ?? '',
    legalBasis: [...p.legalBasis],
  };
}

/** The profile a wire message carries; an empty phone, e-mail or website is none. */
export function officeProfileFromWire(m: OfficeProfileMessage): OfficeProfile {
  return {
    code: m.code,
    name: m.name,
    ministry: m.ministry,
    parentUnits: [...m.parentUnits],
    address: m.address,
    city: m.city,
    ...(m.phone ? { phone: m.phone } : {}),
    ...(m.email ? { email: m.email } : {}),
    ...(m.website ? { website: m.website } : {}),
    legalBasis: [...m.legalBasis],
  };
}

/**
 * The office's profile in force, for a service that renders a document: asked of intake, which
 * owns it (`GetOfficeProfile`, docs/adr/0048), for every command that renders one and never kept, so a document
 * made after the head of office changed the profile carries the change; a document made before
 * keeps the letterhead it was stored with. intake unreachable: the command fails (503), as its
 * screening of the officer's texts would.
 */
export class OfficeProfileClient {
  constructor(private readonly intake: UpstreamClient<MethodsOf<typeof IntakeService>>) {}

  async profileOf(officeCode: string, correlationId: string): Promise<OfficeProfile> {
    const { profile } = await this.intake.call('getOfficeProfile', { officeCode }, correlationId);
    if (!profile) throw new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', `intake answered no office profile for ${officeCode}`);
    return officeProfileFromWire(profile);
  }

  /**
   * The letterhead of a command's document: asked of intake for the office the officer acts in
   * before the command's transaction, never inside one (a call out that holds a transaction would
   * stall the embedded platform, whose Postgres runs one transaction at a time, docs/adr/0020);
   * answered inside for the complaint's office, which the command executor has made sure is the
   * officer's (another office's complaint is not found).
   */
  async forCommand(command: { actorOffice?: string; correlationId: string }): Promise<(officeCode: string) => OfficeProfile> {
    if (!command.actorOffice) throw new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'the request names no acting officer with an office');
    const profile = await this.profileOf(command.actorOffice, command.correlationId);
    return (officeCode) => {
      if (officeCode !== profile.code) throw new Error(`the letterhead of office ${profile.code} was asked for, not of ${officeCode}`);
      return profile;
    };
  }
}
