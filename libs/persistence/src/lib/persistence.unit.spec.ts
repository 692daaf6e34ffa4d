import { createServiceDataSource } from './data-source';
import { SnakeNamingStrategy } from './naming';

describe('persistence', () => {
  it('names tables and columns in snake_case', () => {
    const naming = new SnakeNamingStrategy();
    expect(naming.tableName('TrackingNumberCounter', undefined)).toBe('tracking_number_counter');
    expect(naming.columnName('publishedAt', undefined, [])).toBe('published_at');
    expect(naming.columnName('sopState', 'custom_name', [])).toBe('custom_name');
  });

  it('binds a data source to the service schema, never synchronising', () => {
    const ds = createServiceDataSource({ url: 'postgres://x@127.0.0.1/db', schema: 'intake', applicationName: 'intake', entities: [], migrations: [] });
    expect(ds.options).toMatchObject({ schema: 'intake', synchronize: false, migrationsRun: false });
    expect((ds.options as { extra: { options: string } }).extra.options).toContain('search_path=intake');
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => createServiceDataSource({ url: 'postgres://x@h/db', schema: 'intake; DROP', applicationName: 'x', entities: [], migrations: [] })).toThrow(
      /not a lowercase SQL identifier/,
    );
  });
});
