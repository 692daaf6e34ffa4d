// An open load on the SOP: complaints arrive at a rate whatever the platform's pace (Poisson or
// evenly spaced), and each walks the follow-up branch by sending its next command the moment the
// previous one answered, without If-Match, as docs/adr/0033 lets a client do: no polling of views,
// so the bench adds no load of its own beyond the commands. A step's latency is its command's answer
// time. Once a walk has answered its last command, one view request with ?minVersion= confirms the
// gateway's read model shows it (the time from the last answer until then is recorded apart).
// Every answer but the expected one is kept as a refusal with its body: during the walk any is a
// platform defect (docs/adr/0033), NOT_CAUGHT_UP included, though that one is retried as it asks.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { OfficeClient, Reply, WalkStep } from '../follow-up-branch';
import { slope, summary, type WindowStats } from './window-stats';

/** An answer the walk did not expect: any refusal (409/412/404 …), a wrong status, or no answer at all. */
export interface Refusal {
  step: string;
  complaintId: string | null;
  httpStatus: number | null;
  body: unknown;
  at: string;
}

interface Walk {
  scheduledAt: number;
  startedAt: number;
  lastAnswerAt?: number;
  ok?: boolean;
  visibleMs?: number;
  notCaughtUp: number;
  commandRetries: number;
}

export class OpenLoad {
  private readonly walks: Walk[] = [];
  private readonly answers: { step: number; at: number; ms: number }[] = [];
  private readonly pending = new Map<number, { sentAt: number }>();
  private readonly samples: { t: number; n: number }[] = [];
  private readonly unansweredAtEnd = new Map<number, number[]>();
  readonly refusals: Refusal[] = [];
  /** Views that answered ?minVersion= with the version but not yet the state it stands for. */
  readonly viewAnomalies: Refusal[] = [];
  private requests = 0;
  private inFlight = 0;
  private confirming = 0;
  private dropped: number[] = [];
  private readonly sampler: NodeJS.Timeout;

  constructor(
    private readonly client: OfficeClient,
    private readonly steps: readonly WalkStep[],
    private readonly opts: { arrivals: 'poisson' | 'fixed'; confirmVisible: boolean; maxInFlight: number },
  ) {
    this.sampler = setInterval(() => this.samples.push({ t: performance.now(), n: this.inFlight }), 1000);
  }

  get walking(): number {
    return this.inFlight;
  }

  /** One complaint through every step, not in any window; throws when the platform refuses it. */
  async walkOnce(): Promise<void> {
    const before = this.refusals.length;
    this.inFlight++;
    await this.walk({ scheduledAt: performance.now(), startedAt: performance.now(), notCaughtUp: 0, commandRetries: 0 });
    if (this.refusals.length > before) throw new Error(`the first walk was refused: ${JSON.stringify(this.refusals.slice(before))}`);
  }

  /** Arrivals at `rate` per second for `seconds`; resolves when the last is due (walks go on). */
  async arrive(rate: number, seconds: number): Promise<{ from: number; to: number; rate: number }> {
    const gap = () => (this.opts.arrivals === 'fixed' ? 1000 / rate : (-Math.log(1 - Math.random()) * 1000) / rate);
    const from = performance.now();
    const end = from + seconds * 1000;
    let next = from + (this.opts.arrivals === 'fixed' ? 0 : gap());
    while (next < end) {
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // Every arrival that is due goes now, however late the timer fired: an open load does not slow down.
      while (next <= performance.now() && next < end) {
        this.start(next);
        next += gap();
      }
    }
    const rest = end - performance.now();
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    const to = performance.now();
    this.unansweredAtEnd.set(to, [...this.pending.values()].map((p) => to - p.sentAt));
    return { from, to, rate };
  }

  /** Waits until every walk answered its last command and was confirmed (at most `timeoutMs`). */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.inFlight + this.confirming > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    return this.inFlight + this.confirming === 0;
  }

  stop(): void {
    clearInterval(this.sampler);
  }

  private start(scheduledAt: number): void {
    if (this.inFlight >= this.opts.maxInFlight) {
      this.dropped.push(scheduledAt);
      return;
    }
    this.inFlight++;
    void this.walk({ scheduledAt, startedAt: performance.now(), notCaughtUp: 0, commandRetries: 0 });
  }

  private async walk(walk: Walk): Promise<void> {
    this.walks.push(walk);
    let id = '';
    let version = 0;
    let current = 0;
    try {
      for (const [i, step] of this.steps.entries()) {
        current = i;
        const key = ++this.requests;
        const sentAt = performance.now();
        this.pending.set(key, { sentAt });
        const r = await this.send(walk, step, id).finally(() => this.pending.delete(key));
        this.answers.push({ step: i, at: performance.now(), ms: performance.now() - sentAt });
        if (r.status !== step.httpStatus || r.body['status'] !== step.status) return this.refuse(walk, step.name, id, r.status, r.body);
        if (!id) id = String(r.body['id']);
        const answered = Number(r.body['version']);
        if (!(answered > version) || r.headers.get('etag') !== `"${answered}"`) {
          return this.refuse(walk, step.name, id, r.status, { unexpectedVersion: { before: version, body: r.body['version'], etag: r.headers.get('etag') } });
        }
        version = answered;
      }
      walk.lastAnswerAt = performance.now();
      walk.ok = true;
    } catch (err) {
      return this.refuse(walk, this.steps[current].name, id, null, { error: (err as Error).message });
    } finally {
      this.inFlight--;
    }
    if (this.opts.confirmVisible) await this.confirmVisible(walk, id, version);
  }

  /**
   * The step's command. A 409 COMPLAINT.NOT_CAUGHT_UP is recorded as a refusal and then retried with
   * the same Idempotency-Key after its Retry-After, as the answer asks (at most 5 times), so the walk
   * goes on and the step's latency is what the client lived through.
   */
  private async send(walk: Walk, step: WalkStep, id: string): Promise<Reply> {
    const key = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const r = await this.client.call('POST', step.path(id), step.who, step.body(), key);
      if (r.status !== 409 || r.body['code'] !== 'COMPLAINT.NOT_CAUGHT_UP' || attempt > 5) return r;
      this.refusals.push(this.refusal(step.name, id || String(r.body['id'] ?? ''), r.status, r.body));
      walk.commandRetries++;
      await new Promise((res) => setTimeout(res, Number(r.headers.get('retry-after') ?? 1) * 1000));
    }
  }

  private async confirmVisible(walk: Walk, id: string, version: number): Promise<void> {
    this.confirming++;
    try {
      const deadline = performance.now() + 60_000;
      let anomaly = false;
      let notFound = false;
      while (performance.now() < deadline) {
        const r = await this.client.call('GET', `/complaints/${id}?minVersion=${version}`, 'admin');
        if (r.status === 200 && r.body['status'] === 'CLOSED') {
          walk.visibleMs = performance.now() - (walk.lastAnswerAt as number);
          return;
        }
        if (r.status === 200) {
          // The view claims the version but does not show its state yet: recorded once, then asked again shortly.
          if (!anomaly) this.viewAnomalies.push(this.refusal('view ?minVersion', id, r.status, { asked: version, ...pick(r.body, ['version', 'status', 'lastEventType', 'updatedAt']) }));
          anomaly = true;
          await new Promise((res) => setTimeout(res, 50));
          continue;
        }
        if (r.status === 404 && r.body['code'] === 'COMPLAINT.NOT_FOUND') {
          // The view has not the complaint at all after its wait, though the gateway answered on it:
          // a refusal (it should be NOT_CAUGHT_UP), recorded once; asked again so the visibility is still measured.
          if (!notFound) this.refusals.push(this.refusal('view ?minVersion', id, r.status, r.body));
          notFound = true;
          await new Promise((res) => setTimeout(res, 1000));
          continue;
        }
        if (r.status !== 409 || r.body['code'] !== 'COMPLAINT.NOT_CAUGHT_UP') return void this.refusals.push(this.refusal('view ?minVersion', id, r.status, r.body));
        walk.notCaughtUp++;
        await new Promise((res) => setTimeout(res, Number(r.headers.get('retry-after') ?? 1) * 1000));
      }
      this.refusals.push(this.refusal('view ?minVersion', id, null, { error: 'not visible within 60 s' }));
    } catch (err) {
      this.refusals.push(this.refusal('view ?minVersion', id, null, { error: (err as Error).message }));
    } finally {
      this.confirming--;
    }
  }

  private refuse(walk: Walk, step: string, id: string, httpStatus: number | null, body: unknown): void {
    walk.ok = false;
    walk.lastAnswerAt = performance.now();
    this.refusals.push(this.refusal(step, id, httpStatus, body));
  }

  private refusal(step: string, id: string, httpStatus: number | null, body: unknown): Refusal {
    return { step, complaintId: id || null, httpStatus, body, at: new Date().toISOString() };
  }

  /** What happened to the arrivals of a window (`arrive`'s answer). */
  stats(w: { from: number; to: number; rate: number }): WindowStats {
    const inWindow = (t: number | undefined) => t !== undefined && t >= w.from && t < w.to;
    const seconds = (w.to - w.from) / 1000;
    const arrived = this.walks.filter((x) => inWindow(x.scheduledAt));
    const finished = this.walks.filter((x) => inWindow(x.lastAnswerAt));
    const completed = finished.filter((x) => x.ok);
    const answers = this.answers.filter((a) => inWindow(a.at));
    const samples = this.samples.filter((s) => inWindow(s.t));
    const middle = (w.from + w.to) / 2;
    const half = samples.filter((s) => s.t >= middle);
    return {
      rate: w.rate,
      seconds: Number(seconds.toFixed(1)),
      arrivals: arrived.length,
      completed: completed.length,
      complaintsPerSecond: Number((completed.length / seconds).toFixed(2)),
      failed: finished.length - completed.length,
      dropped: this.dropped.filter(inWindow).length,
      inFlight: {
        atStart: samples[0]?.n ?? 0,
        atEnd: samples[samples.length - 1]?.n ?? 0,
        max: Math.max(0, ...samples.map((s) => s.n)),
        mean: Number((samples.reduce((a, s) => a + s.n, 0) / Math.max(1, samples.length)).toFixed(1)),
        growthPerSecondSecondHalf: Number(slope(half.map((s) => [(s.t - w.from) / 1000, s.n])).toFixed(3)),
      },
      secondHalf: { arrivals: arrived.filter((x) => x.scheduledAt >= middle).length, completed: completed.filter((x) => (x.lastAnswerAt as number) >= middle).length },
      stepLatencyMs: this.steps.map((s, i) => ({ step: s.name, ...summary(answers.filter((a) => a.step === i).map((a) => a.ms)) })),
      allStepsMs: summary([...answers.map((a) => a.ms), ...(this.unansweredAtEnd.get(w.to) ?? [])]),
      walkMs: summary(completed.map((x) => (x.lastAnswerAt as number) - x.startedAt)),
      visibleAfterLastAnswerMs: summary(completed.flatMap((x) => (x.visibleMs === undefined ? [] : [x.visibleMs]))),
      notCaughtUpAnswers: finished.reduce((a, x) => a + x.notCaughtUp, 0),
      commandRetries: finished.reduce((a, x) => a + x.commandRetries, 0),
      arrivalLagMs: summary(arrived.map((x) => x.startedAt - x.scheduledAt)),
    };
  }
}

function pick(body: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, body[k]]));
}
