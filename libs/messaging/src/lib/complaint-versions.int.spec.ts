import { AnalysisService } from '@pengaduan/contracts';
import { createServiceDataSource, initializeServiceDataSource } from '@pengaduan/persistence';
import { createLogger, grpcServiceController, ServiceError, startGrpcMicroservice } from '@pengaduan/runtime';
import { versionAfter, type AnalyzeCommand } from '@pengaduan/sop';
import { actors, asConsumed, dropSchema, GrpcTestClient, historyUntil, testInfrastructure, uniqueSchemaName, type ComplaintHistory } from '@pengaduan/testing';
import { DataSource } from 'typeorm';
import type { VersionCondition } from './command-context';
import { ComplaintCommandExecutor, outcomeMessage } from './complaint-state/command-executor';
import { COMPLAINT_STATE_MIGRATIONS } from './complaint-state/migrations';
import { applyComplaintEvent } from './complaint-state/state-consumer';
import { MESSAGING_ENTITIES } from './entities';
import { MESSAGING_MIGRATIONS } from './migrations';
import type { ServiceRuntime } from './service-runtime';

/**
 * docs/adr/0033 on a real Postgres: the state consumer counts a complaint's version, and a
 * command waits for the version its caller names, is refused (412) when the complaint moved
 * past it, and answers the version it leaves the complaint at.
 */
const infra = testInfrastructure();
let schema: string;
let ds: DataSource;

beforeEach(async () => {
  schema = uniqueSchemaName('versions');
  ds = createServiceDataSource({
    url: infra.databaseUrl,
    schema,
    applicationName: 'versions-test',
    entities: MESSAGING_ENTITIES,
    migrations: [...MESSAGING_MIGRATIONS, ...COMPLAINT_STATE_MIGRATIONS],
    poolSize: 4,
  });
  await initializeServiceDataSource(ds);
});

afterEach(async () => {
  await ds.destroy();
  await dropSchema(schema);
});

function executor(catchUpMs = 3_000, dataSource = ds): ComplaintCommandExecutor {
  const runtime = { dataSource } as unknown as ServiceRuntime;
  return new ComplaintCommandExecutor({ runtime, source: 'pengaduan/analysis', stateConsumerGroup: 'analysis-state', now: () => new Date('2026-03-03T00:00:00Z'), catchUpMs });
}

/** What the state consumer does with each event (its handler, in a transaction of its own). */
async function consume(history: ComplaintHistory, from = 0, to = history.envelopes.length): Promise<void> {
  for (const envelope of history.envelopes.slice(from, to)) await ds.transaction((tx) => applyComplaintEvent(asConsumed(envelope), tx));
}

async function versionOf(complaintId: string): Promise<number | null> {
  const [row] = (await ds.query('SELECT version FROM complaint_state WHERE complaint_id = $1', [complaintId])) as { version: number | null }[];
  return row.version;
}

function analyze(history: ComplaintHistory, requestId: string, versions?: VersionCondition, catchUpMs = 3_000, dataSource = ds) {
  const command: AnalyzeCommand = { type: 'analyze', actor: actors.adminTikkim, findings: 'f', substantiated: 'YES', classification: '03', severity: 'LOW', recommendation: 'r' };
  return executor(catchUpMs, dataSource).execute({
    operation: 'AnalyzeComplaint',
    context: { requestId, complaintId: history.complaintId, actor: command.actor, correlationId: requestId, versions },
    request: { complaintId: history.complaintId },
    command: () => command,
  });
}

describe('a complaint’s version in a service (docs/adr/0033)', () => {
  it('is counted by the state consumer as libs/sop counts it', async () => {
    const history = historyUntil('SECTION_PROCESSED');
    await consume(history);
    expect(await versionOf(history.complaintId)).toBe(versionAfter(0, history.events));
  });

  it('waits for the version the caller needs, then decides and answers the version after', async () => {
    const history = historyUntil('SECTION_PROCESSED');
    const last = history.envelopes.length - 1;
    await consume(history, 0, last); // disposition-completed not read yet: the service sees DISPOSED
    const needed = versionAfter(0, history.events);
    const answer = analyze(history, 'r-wait', { atLeast: needed });
    // The answer cannot have come before the event it waits for is applied.
    let answered = false;
    void answer.then(() => (answered = true), () => (answered = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    await consume(history, last);
    expect(await answer).toMatchObject({ status: 'ANALYZED', version: needed + 1 });
    expect(await versionOf(history.complaintId)).toBe(needed + 1);
  });

  it('refuses with 412 when the complaint moved past If-Match, and takes the version it is at', async () => {
    const history = historyUntil('SECTION_PROCESSED');
    await consume(history);
    const now = versionAfter(0, history.events);
    const conflict = await analyze(history, 'r-old', { expected: now - 1 }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ServiceError);
    expect(conflict).toMatchObject({ kind: 'precondition-failed', code: 'COMPLAINT.VERSION_CONFLICT', details: { state: 'SECTION_PROCESSED', version: now } });
    expect(await versionOf(history.complaintId)).toBe(now);

    expect(await analyze(history, 'r-now', { expected: now })).toMatchObject({ status: 'ANALYZED', version: now + 1 });
    // A retry of the same request answers its first result, though the complaint is past its If-Match now.
    expect(await analyze(history, 'r-now', { expected: now })).toMatchObject({ status: 'ANALYZED', version: now + 1 });
  });

  it('answers COMPLAINT.NOT_CAUGHT_UP with Retry-After when the version does not come within the wait', async () => {
    const history = historyUntil('SECTION_PROCESSED');
    await consume(history);
    const err = await analyze(history, 'r-never', { atLeast: 99 }, 300).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.NOT_CAUGHT_UP', details: { version: versionAfter(0, history.events), retryAfterSeconds: 1 } });
  });

  it('has none for a complaint recorded before versions: nothing to wait for, no conflict, no version answered', async () => {
    const history = historyUntil('SECTION_PROCESSED');
    await consume(history);
    await ds.query('UPDATE complaint_state SET version = NULL WHERE complaint_id = $1', [history.complaintId]);
    const outcome = await analyze(history, 'r-legacy', { expected: 1, atLeast: 50 });
    expect(outcome.status).toBe('ANALYZED');
    expect(outcome.version).toBeUndefined();
    expect(await versionOf(history.complaintId)).toBeNull();
  });
});

describe('a complaint the service has not read at all yet', () => {
  it('is waited for when the caller names a version, and decided once its events arrive', async () => {
    const history = historyUntil('SECTION_PROCESSED');
    const needed = versionAfter(0, history.events);
    const answer = analyze(history, 'r-unread', { atLeast: needed });
    let answered = false;
    void answer.then(() => (answered = true), () => (answered = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    await consume(history);
    expect(await answer).toMatchObject({ status: 'ANALYZED', version: needed + 1 });
  });

  it('answers COMPLAINT.NOT_CAUGHT_UP with Retry-After, not NOT_FOUND, when the caller has seen a version of it and the wait expires', async () => {
    const history = historyUntil('SECTION_PROCESSED');
    for (const versions of [{ atLeast: 3 }, { expected: 3 }]) {
      const err = await analyze(history, `r-seen-${Object.keys(versions)[0]}`, versions, 300).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceError);
      expect(err).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.NOT_CAUGHT_UP', details: { retryAfterSeconds: 1 } });
      expect((err as ServiceError).details).not.toHaveProperty('state');
      expect((err as ServiceError).details).not.toHaveProperty('version');
    }
  });

  it('answers COMPLAINT.NOT_FOUND when the caller names no version', async () => {
    const history = historyUntil('SECTION_PROCESSED');
    for (const versions of [undefined, { atLeast: 0 }]) {
      const err = await analyze(history, 'r-unseen', versions, 300).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
    }
  });
});

describe('a database that does not give the command a connection in time', () => {
  it('answers gRPC UNAVAILABLE (503, retry with the same key), not INTERNAL, when the pool times out', async () => {
    const history = historyUntil('SECTION_PROCESSED');
    await consume(history);
    // A pool of one connection, held here: the command's connect times out in the pool, as under load.
    const starved = new DataSource({ type: 'postgres', url: infra.databaseUrl, poolSize: 1, extra: { options: `-c search_path=${schema}`, connectionTimeoutMillis: 50 } });
    await starved.initialize();
    const holder = starved.createQueryRunner();
    await holder.connect();
    // Only the method under test: any other is refused as unavailable.
    const analysis = grpcServiceController(AnalysisService, {
      useFactory: () => ({ analyzeComplaint: async () => ({ outcome: outcomeMessage(await analyze(history, 'r-starved', undefined, 3_000, starved)) }) }),
    });
    const server = await startGrpcMicroservice({ address: '127.0.0.1:0', services: [AnalysisService] }, createLogger('versions-test', 'silent'), [analysis]);
    const client = new GrpcTestClient(AnalysisService, server.address);
    try {
      const refusal = await client.call('analyzeComplaint', {}).catch((e: unknown) => e);
      expect(refusal).toMatchObject({ statusName: 'UNAVAILABLE', code: 'SERVICE.UNAVAILABLE' });
    } finally {
      client.close();
      await server.close();
      await holder.release();
      await starved.destroy();
    }
    // Nothing was decided: the retry finds the complaint as it was.
    expect(await versionOf(history.complaintId)).toBe(versionAfter(0, history.events));
  });
});
