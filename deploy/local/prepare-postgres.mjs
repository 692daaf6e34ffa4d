#!/usr/bin/env node
// Prepares Postgres for the platform: the database named in DATABASE_URL (created when
// missing), one login role and one schema per service (the role owns its schema and what is in it,
// and no other service role may use it). Idempotent: safe to run before every start or test run.
// DATABASE_URL is the administrative URL (a superuser, or a role with CREATEROLE and CREATEDB);
// the services connect as their own roles (scripts/service-env.cjs, docs/adr/0024).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/pengaduan node deploy/local/prepare-postgres.mjs
//
// Service role passwords come from PG_PASSWORD_<SERVICE> (e.g. PG_PASSWORD_INTAKE); without one
// the role gets no password, which only works where the server trusts local connections.
import pg from 'pg';

export const SERVICE_SCHEMAS = ['gateway', 'intake', 'disposition', 'analysis', 'team_decree', 'notification', 'sla_monitor'];

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pengaduan';
const target = new URL(url);
const database = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
  console.error(`prepare-postgres: database name "${database}" must be a lowercase SQL identifier`);
  process.exit(2);
}

async function withClient(dbName, fn) {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: u.toString() });
    try {
      await client.connect();
    } catch (err) {
      if (attempt >= 30) throw err;
      console.error(`prepare-postgres: Postgres not answering (${err.message}); retry ${attempt}/30`);
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }
}

/**
 * Whatever in the schema another role owns becomes the service role's: a database whose services
 * once ran as the administrative user (before docs/adr/0024) keeps working under the service roles.
 * Sequences owned by a table follow it; so do indexes.
 */
async function giveOwnership(c, schema, role) {
  const { rows } = await c.query(
    `SELECT format('ALTER %s %I.%I OWNER TO %I', kind, $1::text, name, $2::text) AS sql FROM (
       SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                             WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind, c.relname AS name, c.relowner AS owner
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
       UNION ALL
       SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.typname, t.typowner
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = $1 AND t.typtype IN ('e', 'd')
     ) o WHERE o.owner <> $2::regrole
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $2::text)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proowner <> $2::regrole`,
    [schema, role],
  );
  for (const { sql } of rows) await c.query(sql);
  if (rows.length > 0) console.error(`prepare-postgres: gave ${role} ${rows.length} object(s) of schema ${schema} another role owned`);
}

await withClient('postgres', async (c) => {
  const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (rowCount === 0) {
    try {
      await c.query(`CREATE DATABASE "${database}"`);
      console.error(`prepare-postgres: created database ${database}`);
    } catch (err) {
      if (err.code !== '42P04') throw err; // created concurrently
    }
  }
});

await withClient(database, async (c) => {
  for (const schema of SERVICE_SCHEMAS) {
    const role = `pengaduan_${schema}`;
    const password = process.env[`PG_PASSWORD_${schema.toUpperCase()}`];
    // Serialise concurrent runs (parallel test workers) on the catalog changes.
    await c.query('SELECT pg_advisory_lock(hashtext($1))', [`prepare:${role}`]);
    try {
      const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (rowCount === 0) await c.query(`CREATE ROLE "${role}" LOGIN`);
      if (password) await c.query(`ALTER ROLE "${role}" PASSWORD ${pg.escapeLiteral(password)}`);
      await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}" AUTHORIZATION "${role}"`);
      await c.query(`REVOKE ALL ON SCHEMA "${schema}" FROM PUBLIC`);
      await giveOwnership(c, schema, role);
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', [`prepare:${role}`]);
    }
  }
  await c.query(`GRANT CONNECT ON DATABASE "${database}" TO ${SERVICE_SCHEMAS.map((s) => `"pengaduan_${s}"`).join(', ')}`);
});
console.error(`prepare-postgres: database ${database} ready with schemas ${SERVICE_SCHEMAS.join(', ')}`);
