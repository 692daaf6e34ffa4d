import { IntakeService, type ScreenOfficerTextRequest } from '@pengaduan/contracts';
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

/**
 * intake's `ScreenOfficerText` for the tests of the services that call it before they decide
 * a command (disposition, analysis, team-decree, notification; docs/adr/0023): a real gRPC
 * server that records every request and refuses, as intake does, with `COMPLAINT.PERSONAL_DATA`
 * naming every field whose text contains one of {@link REPORTER_GIVEAWAYS}.
 */
export class IntakeScreenStandIn {
  readonly requests: ScreenOfficerTextRequest[] = [];
  private server?: GrpcMicroservice;
  address = '';

  async start(): Promise<this> {
    // Only the method under test: any other is refused as unavailable.
    const controller = grpcServiceController(IntakeService, { useFactory: () => ({ screenOfficerText: (request: ScreenOfficerTextRequest) => this.screen(request) }) });
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
