import { sql, testInfrastructure, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceDataSource, initializeServiceDataSource } from './data-source';

// A service connects as its own role, which owns its schema and has no CREATE on the database
// (deploy/local/prepare-postgres.mjs, the compose and Kubernetes init jobs): it must still start.

class CreateNote1795800000001 implements MigrationInterface {
  name = 'CreateNote1795800000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE note (id int PRIMARY KEY)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE note');
  }
}

const schema = uniqueSchemaName('persistence');
const role = `pengaduan_test_${uniqueSuffix().replace(/[^a-z0-9_]/g, '_')}`;

afterAll(async () => {
  await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await sql(`DROP ROLE IF EXISTS "${role}"`);
});

it("migrates a schema its role owns, although the role may not create schemas in the database", async () => {
  const { databaseUrl } = testInfrastructure();
  const database = new URL(databaseUrl).pathname.slice(1);
  await sql(`CREATE ROLE "${role}" LOGIN`);
  await sql(`REVOKE CREATE ON DATABASE "${database}" FROM "${role}"`);
  await sql(`CREATE SCHEMA "${schema}" AUTHORIZATION "${role}"`);
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = '';
  const ds = createServiceDataSource({ url: url.toString(), schema, applicationName: 'persistence-test', entities: [], migrations: [CreateNote1795800000001] });
  try {
    await initializeServiceDataSource(ds);
    const [owner] = await sql<{ tableowner: string }>('SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [schema, 'note']);
    expect(owner).toEqual({ tableowner: role });
  } finally {
    if (ds.isInitialized) await ds.destroy();
  }
});
