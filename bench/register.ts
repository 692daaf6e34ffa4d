// npm run bench:register -- [--count 500] [--in-flight 8] [--embedded] [--idle 10]
//
// Registration alone (SOP step 1, POST /api/v1/complaints), against every service as its own
// process on real Kafka and Postgres or, with `--embedded`, the embedded default: `--count`
// registrations one at a time (answer time p50/p95/p99, rate), then `--count` with `--in-flight`
// requests in flight (rate, answer times); for each, CPU ms per registration per process, and how
// long after the last answer the gateway's read model has every registered complaint ("caught
// up": the office list's total reaches the count, and the last ones answer GET ?minVersion=1).
// Targets to compare with, not tuned for: >= 60/s with 8 in flight, p50 <= 40 ms one at a time,
// caught up within 1 s. Also the floor (one commit, one acks=all produce) of the same run.
// Writes bench/results/register-<when>.json. Not part of the tests.
import { performance } from 'node:perf_hooks';
import { arg, benchLog, flag, numberArg, writeResult } from './lib/bench-io';
import { registrationBody, type OfficeClient } from './lib/follow-up-branch';
import { summary, type Summary } from './lib/open-load';
import { ProcessMeter } from './lib/process-meter';
import { machine, machineBusySeconds } from './lib/proc-stats';
import { keyValues, perUnit, table } from './lib/report';
import { startTarget } from './lib/targets';

const COUNT = arg('count', 500);
const IN_FLIGHT = arg('in-flight', 8);
const EMBEDDED = flag('embedded');
const IDLE = numberArg('idle', 10, 0);
const TARGETS = { perSecondInFlight: 60, p50OneAtATimeMs: 40, caughtUpMs: 1000 };
const log = benchLog('bench:register');

interface Phase {
  inFlight: number;
  count: number;
  refused: number;
  seconds: number;
  perSecond: number;
  answerMs: Summary;
  /** Last answer → the list's total has every registration. */
  caughtUpMs: number;
  /** Last answer → GET ?minVersion=1 answered 200 for the last `inFlight` (at least 8) registered. */
  lastOnesVisibleMs: number;
  cpuSeconds: Record<string, number>;
  cpuMsPerRegistration: Record<string, number>;
  cpuMsPerRegistrationAboveIdle: Record<string, number>;
  /** Cores the whole machine kept busy meanwhile (the bench's processes and everyone else's), and its load. */
  machineCoresBusy: number;
  loadAverage1m: { atStart: number; atEnd: number };
}

async function officeTotal(client: OfficeClient): Promise<number> {
  const r = await client.call('GET', '/complaints?limit=1', 'admin');
  if (r.status !== 200) throw new Error(`the complaint list answered ${r.status}: ${JSON.stringify(r.body)}`);
  return Number(r.body['total']);
}

/** Registers `count` complaints with `inFlight` requests at a time; answers ids in answer order and the times. */
async function register(client: OfficeClient, count: number, inFlight: number, refusals: unknown[]): Promise<{ ids: string[]; times: number[]; lastAnswerAt: number; seconds: number }> {
  const ids: string[] = [];
  const times: number[] = [];
  let started = 0;
  const t0 = performance.now();
  let lastAnswerAt = t0;
  const worker = async () => {
    while (started < count) {
      started++;
      const r = await client.call('POST', '/complaints', 'admin', registrationBody(client.office));
      lastAnswerAt = performance.now();
      times.push(r.ms);
      if (r.status === 201 && r.body['version'] === 1) ids.push(String(r.body['id']));
      else refusals.push({ httpStatus: r.status, body: r.body, etag: r.headers.get('etag'), at: new Date().toISOString() });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { ids, times, lastAnswerAt, seconds: (lastAnswerAt - t0) / 1000 };
}

/** Time from `since` until the read model has `expected` complaints in the office and shows the last ones. */
async function caughtUp(client: OfficeClient, expected: number, lastIds: readonly string[], since: number): Promise<{ caughtUpMs: number; lastOnesVisibleMs: number }> {
  const visible = Promise.all(
    lastIds.map(async (id) => {
      for (;;) {
        const r = await client.call('GET', `/complaints/${id}?minVersion=1`, 'admin');
        if (r.status === 200) return;
        if (r.status !== 409 && r.status !== 404) throw new Error(`GET ?minVersion=1 of ${id} answered ${r.status}: ${JSON.stringify(r.body)}`);
        await new Promise((res) => setTimeout(res, 100));
      }
    }),
  ).then(
    () => performance.now() - since,
    (err: Error) => err,
  );
  const deadline = performance.now() + 120_000;
  while ((await officeTotal(client)) < expected) {
    if (performance.now() > deadline) throw new Error(`the read model did not reach ${expected} complaints within 120 s`);
    await new Promise((res) => setTimeout(res, 20));
  }
  const caughtUpMs = performance.now() - since;
  const visibleMs = await visible;
  if (visibleMs instanceof Error) throw visibleMs;
  return { caughtUpMs: Math.round(Math.max(caughtUpMs, visibleMs)), lastOnesVisibleMs: Math.round(visibleMs) };
}

async function main(): Promise<void> {
  const atStart = machine();
  log(`machine: ${atStart.cpus} cpus, node ${atStart.node}, load average ${keyValues(atStart.loadAverage)}`);
  const target = await startTarget(EMBEDDED, log);
  const meter = new ProcessMeter(target.groups).start();
  const refusals: unknown[] = [];
  try {
    log('measuring the floor (one commit, one produce)');
    const floor = await target.floor();
    const client = target.client;
    // Not measured: connections open, code paths warm, consumers caught up.
    const warm = await register(client, 20, 1, refusals);
    await caughtUp(client, await officeTotal(client), warm.ids.slice(-1), performance.now());
    let idlePerSecond: Record<string, number> = {};
    if (IDLE > 0) {
      const before = await meter.mark();
      await new Promise((r) => setTimeout(r, IDLE * 1000));
      idlePerSecond = perUnit(meter.cpuBetween(before, await meter.mark()), IDLE, 1, 4);
    }
    const phases: Phase[] = [];
    for (const inFlight of [1, IN_FLIGHT]) {
      const totalBefore = await officeTotal(client);
      log(`${COUNT} registrations, ${inFlight} in flight`);
      const before = await meter.mark();
      const [busyBefore, loadBefore] = [machineBusySeconds(), machine().loadAverage['1m']];
      const refusedBefore = refusals.length;
      const run = await register(client, COUNT, inFlight, refusals);
      const up = await caughtUp(client, totalBefore + run.ids.length, run.ids.slice(-Math.max(8, inFlight)), run.lastAnswerAt);
      const after = await meter.mark();
      const cpu = meter.cpuBetween(before, after);
      const wallSeconds = after.at - before.at;
      const aboveIdle = Object.fromEntries(Object.entries(cpu).map(([g, v]) => [g, Math.max(0, v - (idlePerSecond[g] ?? 0) * wallSeconds)]));
      const phase: Phase = {
        inFlight,
        count: COUNT,
        refused: refusals.length - refusedBefore,
        seconds: Number(run.seconds.toFixed(2)),
        perSecond: Number((run.ids.length / run.seconds).toFixed(1)),
        answerMs: summary(run.times),
        ...up,
        cpuSeconds: cpu,
        cpuMsPerRegistration: perUnit(cpu, COUNT, 1000, 1),
        cpuMsPerRegistrationAboveIdle: perUnit(aboveIdle, COUNT, 1000, 1),
        machineCoresBusy: Number(((machineBusySeconds() - busyBefore) / wallSeconds).toFixed(2)),
        loadAverage1m: { atStart: loadBefore, atEnd: machine().loadAverage['1m'] },
      };
      phases.push(phase);
      log(`${inFlight} in flight: ${phase.perSecond}/s, answer p50 ${phase.answerMs.p50} ms p99 ${phase.answerMs.p99} ms, caught up ${phase.caughtUpMs} ms after the last answer`);
    }
    await meter.sample();
    const atEnd = machine();
    const [one, many] = phases;
    const result = {
      when: new Date().toISOString(),
      mode: target.mode,
      options: { count: COUNT, inFlight: IN_FLIGHT, idleSeconds: IDLE },
      machine: { cpus: atStart.cpus, cpuModel: atStart.cpuModel, node: atStart.node, loadAverageAtStart: atStart.loadAverage, loadAverageAtEnd: atEnd.loadAverage },
      infrastructure: target.infrastructure,
      floor,
      idleCpuSecondsPerSecond: idlePerSecond,
      phases,
      targets: {
        ...TARGETS,
        met: { perSecondInFlight: many.perSecond >= TARGETS.perSecondInFlight, p50OneAtATimeMs: one.answerMs.p50 <= TARGETS.p50OneAtATimeMs, caughtUpMs: Math.max(one.caughtUpMs, many.caughtUpMs) <= TARGETS.caughtUpMs },
      },
      peakRssMiB: meter.peakRss(),
      meterNotes: meter.notes(),
      refusalCount: refusals.length,
      refusals: refusals.slice(0, 50),
    };
    const out = (s: string) => process.stdout.write(`${s}\n`);
    out(`\nfloor: ${JSON.stringify(floor)}\n`);
    out(
      table([
        ['in flight', 'count', 'refused', 'per s', 'p50 ms', 'p95 ms', 'p99 ms', 'caught up ms', 'last ones visible ms', 'machine cores busy', 'load 1m'],
        ...phases.map((p) => [p.inFlight, p.count, p.refused, p.perSecond, p.answerMs.p50, p.answerMs.p95, p.answerMs.p99, p.caughtUpMs, p.lastOnesVisibleMs, p.machineCoresBusy, `${p.loadAverage1m.atStart} → ${p.loadAverage1m.atEnd}`]),
      ]),
    );
    out(`\n${table([['process', ...phases.flatMap((p) => [`CPU ms/reg (${p.inFlight})`, 'above idle']), 'peak RSS MiB'], ...Object.keys(one.cpuSeconds).map((g) => [g, ...phases.flatMap((p) => [p.cpuMsPerRegistration[g], p.cpuMsPerRegistrationAboveIdle[g]]), result.peakRssMiB[g]?.peakMiB ?? ''])])}`);
    out(`\ntargets: ${keyValues(result.targets.met)}`);
    if (refusals.length > 0) out(`\n${refusals.length} refused:\n${refusals.slice(0, 10).map((r) => JSON.stringify(r)).join('\n')}`);
    out(`\nload average at start ${keyValues(atStart.loadAverage)}, at end ${keyValues(atEnd.loadAverage)}\nwritten to ${writeResult('register', result)}`);
  } finally {
    meter.stop();
    await target.stop();
  }
}

// Exits once done: idle keep-alive sockets would hold the process a few seconds more.
main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`[bench:register] failed: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
