import { AnalysisService, ComplaintDocumentsService, DispositionService, IntakeService, NotificationService, TeamDecreeService } from '@pengaduan/contracts';
import { allowedCallers, INTERNAL_GRPC_CALLERS } from './grpc-callers';

const INTERNAL = [IntakeService, DispositionService, AnalysisService, TeamDecreeService, NotificationService, ComplaintDocumentsService];
const SERVICES = ['intake', 'disposition', 'analysis', 'team-decree', 'notification', 'sla-monitor', 'gateway'];

describe('who may call which internal gRPC method (INTERNAL_GRPC_CALLERS)', () => {
  it('names callers for every method of every internal API, and only the platform services', () => {
    for (const service of INTERNAL) {
      for (const method of service.methods) {
        const callers = allowedCallers(INTERNAL_GRPC_CALLERS, service.typeName, method.name);
        expect({ method: `${service.typeName}/${method.name}`, listed: callers.length > 0 }).toEqual({ method: `${service.typeName}/${method.name}`, listed: true });
        for (const c of callers) expect(SERVICES).toContain(c);
      }
    }
  });

  it('keeps the contact with intake: only notification resolves an address, only the gateway verifies a reporter', () => {
    expect(allowedCallers(INTERNAL_GRPC_CALLERS, IntakeService.typeName, 'ResolveReporterAddress')).toEqual(['notification']);
    expect(allowedCallers(INTERNAL_GRPC_CALLERS, IntakeService.typeName, 'VerifyReporter')).toEqual(['gateway']);
    expect([...allowedCallers(INTERNAL_GRPC_CALLERS, IntakeService.typeName, 'ScreenOfficerText')].sort()).toEqual(['analysis', 'disposition', 'gateway', 'notification', 'team-decree']);
    expect(allowedCallers(INTERNAL_GRPC_CALLERS, IntakeService.typeName, 'NoSuchMethod')).toEqual([]);
    expect(allowedCallers(INTERNAL_GRPC_CALLERS, 'pengaduan.v1.PublicService', 'GetComplaint')).toEqual([]);
  });
});
