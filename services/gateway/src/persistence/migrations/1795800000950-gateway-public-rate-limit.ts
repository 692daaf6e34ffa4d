import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public endpoints' rate limits (public tracking, the web form), shared by every replica:
 * one row per limit, counted key and fixed window. The key is an HMAC of the client address or
 * tracking number (public-rate-limits/), never the value itself. Ended windows are deleted by
 * bucket and window start.
 */
export class GatewayPublicRateLimit1795800000950 implements MigrationInterface {
  name = 'GatewayPublicRateLimit1795800000950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public_rate_limit (
        bucket text NOT NULL,
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        count int NOT NULL,
        PRIMARY KEY (bucket, key, window_start)
      )`);
    await q.query('CREATE INDEX public_rate_limit_window ON public_rate_limit (bucket, window_start)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE public_rate_limit');
  }
}
