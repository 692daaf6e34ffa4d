import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type StartOptions, type TestGateway, type TestOfficer } from '../../__fixtures__/gateway-app';

/** An officer with the access token of a login. */
export type LoggedInOfficer = TestOfficer & { token: string };

/** What the account-security suites share: their own gateway, and a head of office of BLP and of JKT, logged in. */
export interface AccountsSuite {
  gateway: TestGateway;
  /** KEPALA_KANTOR of BLP: the account administrator of the office most tests use. */
  head: LoggedInOfficer;
  /** KEPALA_KANTOR of JKT: the head of another office. */
  otherHead: LoggedInOfficer;
}

/**
 * Registers the suite's beforeAll/afterAll: a gateway on a schema and topic of its own (the
 * real Postgres and Kafka of the test run), with the two heads of office; call it at the top of
 * the spec and read the fields in the tests (or in a later beforeAll).
 */
export function accountsSuite(options: StartOptions = {}): AccountsSuite {
  const suite = {} as AccountsSuite;
  let isolation: GatewayIsolation | undefined;
  beforeAll(async () => {
    isolation = await isolate();
    suite.gateway = await startGateway({}, isolation, options);
    suite.head = await suite.gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'BLP' });
    suite.otherHead = await suite.gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'JKT' });
  });
  afterAll(async () => {
    await suite.gateway?.stop();
    await removeIsolation(isolation);
  });
  return suite;
}

/** `POST /api/v1/auth/login`, from `from` when given (a gateway that trusts the loopback proxy's X-Forwarded-For). */
export function loginAs(gateway: TestGateway, username: string, password: string, from?: string): Promise<Response> {
  return api(gateway, undefined).post('/auth/login', { username, password }, from ? { 'X-Forwarded-For': from } : undefined);
}
