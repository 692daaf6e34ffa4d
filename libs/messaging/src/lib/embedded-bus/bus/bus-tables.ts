import type { PoolClient } from 'pg';

/** The bus's tables. */
export type BusTable = 'topics' | 'partitions' | 'records' | 'group_offsets';

/**
 * Creates the schema and its tables when missing, in the caller's transaction, behind an advisory
 * lock so that several processes may do it at once. `t` names a table with its schema.
 */
export async function createBusTables(c: PoolClient, schema: string, t: (table: BusTable) => string): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`embedded-bus:${schema}`]);
  await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await c.query(`CREATE TABLE IF NOT EXISTS ${t('topics')} (
    name text PRIMARY KEY,
    partitions integer NOT NULL CHECK (partitions > 0),
    config jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now())`);
  await c.query(`CREATE TABLE IF NOT EXISTS ${t('partitions')} (
    topic text NOT NULL REFERENCES ${t('topics')} (name) ON DELETE CASCADE,
    partition integer NOT NULL,
    next_offset bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (topic, partition))`);
  await c.query(`CREATE TABLE IF NOT EXISTS ${t('records')} (
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" bigint NOT NULL,
    key bytea,
    value bytea,
    headers jsonb NOT NULL DEFAULT '[]',
    "timestamp" bigint NOT NULL,
    PRIMARY KEY (topic, partition, "offset"),
    FOREIGN KEY (topic, partition) REFERENCES ${t('partitions')} (topic, partition) ON DELETE CASCADE)`);
  await c.query(`CREATE TABLE IF NOT EXISTS ${t('group_offsets')} (
    group_id text NOT NULL,
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" bigint NOT NULL,
    metadata text,
    committed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, topic, partition))`);
}
