import { newUuid } from './uuid';

describe('newUuid', () => {
  it('makes a version-4 UUID from random bytes where randomUUID is missing (plain HTTP)', () => {
    const id = newUuid((bytes) => bytes.fill(0xff));
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(newUuid((bytes) => bytes.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('makes different ones each time', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newUuid()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
