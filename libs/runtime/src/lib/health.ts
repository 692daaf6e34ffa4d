import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';

/** One dependency's answer to "can you serve?". Throws (or rejects) when it cannot. */
export type HealthCheck = () => Promise<void> | void;

export interface HealthReport {
  status: 'ready' | 'not-ready';
  checks: Record<string, { ok: boolean; error?: string }>;
}

/**
 * The readiness of a service is the readiness of every dependency it registered here
 * (database, broker, relay, consumers). Checks run with a timeout so a hung dependency
 * reports not-ready instead of hanging the probe.
 */
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  constructor(private readonly timeoutMs = 2_000) {}

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          await withTimeout(Promise.resolve().then(check), this.timeoutMs);
          return [name, { ok: true }] as const;
        } catch (err) {
          return [name, { ok: false, error: (err as Error).message }] as const;
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    const ok = entries.every(([, r]) => r.ok);
    return { status: ok ? 'ready' : 'not-ready', checks };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `/health/live`: the process runs. `/health/ready`: every registered dependency answers
 * (503 with the failing checks otherwise).
 */
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.registry.report();
    res.status(report.status === 'ready' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
