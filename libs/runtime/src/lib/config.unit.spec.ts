import { ConfigError, loadConfig, parse, planned, plannedPort, SERVICE_PORTS, type ConfigSpec } from './config';

// PORT_OFFSET: one setting moves every default of the port plan — a service's own ports and its
// addresses of the others together — while a variable that is set stays as it is.

interface Settings {
  httpPort: number;
  grpcAddress: string;
  intakeGrpcUrl: string;
  intakeWebhooksUrl: string;
  schema: string;
}

const SPEC: ConfigSpec<Settings> = {
  httpPort: { env: 'GATEWAY_HTTP_PORT', ...planned.port(SERVICE_PORTS.gateway.http), parse: parse.port, description: 'port' },
  grpcAddress: { env: 'GATEWAY_GRPC_ADDRESS', ...planned.address(SERVICE_PORTS.gateway.grpc), parse: parse.string, description: 'binds' },
  intakeGrpcUrl: { env: 'INTAKE_GRPC_URL', ...planned.address(SERVICE_PORTS.intake.grpc), parse: parse.string, description: "intake's gRPC" },
  intakeWebhooksUrl: { env: 'INTAKE_WEBHOOKS_URL', ...planned.httpUrl(SERVICE_PORTS.intake.http), parse: parse.url(['http:']), description: "intake's HTTP" },
  schema: { env: 'GATEWAY_DB_SCHEMA', default: 'gateway', parse: parse.identifier, description: 'schema' },
};

describe('the port plan and PORT_OFFSET', () => {
  it('gives the standard ports without an offset', () => {
    expect(loadConfig(SPEC, {})).toEqual({ httpPort: 3000, grpcAddress: '127.0.0.1:50050', intakeGrpcUrl: '127.0.0.1:50051', intakeWebhooksUrl: 'http://127.0.0.1:3101', schema: 'gateway' });
  });

  it('moves a service’s own ports and its addresses of the others by the offset, and nothing else', () => {
    expect(loadConfig(SPEC, { PORT_OFFSET: '1000' })).toEqual({
      httpPort: 4000,
      grpcAddress: '127.0.0.1:51050',
      intakeGrpcUrl: '127.0.0.1:51051',
      intakeWebhooksUrl: 'http://127.0.0.1:4101',
      schema: 'gateway',
    });
    expect(plannedPort(SERVICE_PORTS['sla-monitor'].http, { PORT_OFFSET: '1000' })).toBe(4106);
  });

  it('takes a variable that is set as it is', () => {
    expect(loadConfig(SPEC, { PORT_OFFSET: '1000', GATEWAY_HTTP_PORT: '8080', INTAKE_GRPC_URL: 'intake:50051' })).toMatchObject({ httpPort: 8080, grpcAddress: '127.0.0.1:51050', intakeGrpcUrl: 'intake:50051' });
  });

  it('refuses an offset that is not a whole number from 0 to 15000, naming it once', () => {
    const problemsOf = (offset: string): string[] => {
      try {
        loadConfig(SPEC, { PORT_OFFSET: offset });
        return [];
      } catch (err) {
        return err instanceof ConfigError ? err.problems : [(err as Error).message];
      }
    };
    for (const bad of ['-1', '1.5', 'ten', '15001']) expect(problemsOf(bad)).toEqual([expect.stringMatching(/^PORT_OFFSET: ".+" is not a whole number from 0 to 15000/)]);
    expect(loadConfig(SPEC, { PORT_OFFSET: '15000' }).grpcAddress).toBe('127.0.0.1:65050');
  });

  it('is not read by a configuration without planned ports', () => {
    expect(loadConfig({ schema: SPEC.schema }, { PORT_OFFSET: 'ten' })).toEqual({ schema: 'gateway' });
  });
});
