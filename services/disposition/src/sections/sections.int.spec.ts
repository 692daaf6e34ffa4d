import { ServiceError } from '@pengaduan/runtime';
import { randomOfficeCode } from '@pengaduan/testing';
import { startDispositionTestKit, type DispositionTestKit } from '../__fixtures__/disposition-test-kit';
import { addSection } from './section-list';

let kit: DispositionTestKit;

beforeAll(async () => {
  kit = await startDispositionTestKit();
});

afterAll(async () => {
  await kit?.stop();
});

describe('the sections of an office, to disposition to', () => {
  it('lists the sections of Kantor Imigrasi Kelas II TPI Belakang Padang (BLP) from the migration, in order', async () => {
    expect(await kit.listSections.execute('BLP')).toEqual([
      { code: 'TATA_USAHA', name: 'Subbagian Tata Usaha' },
      { code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' },
      { code: 'INTELDAKIM', name: 'Seksi Inteldakim' },
      { code: 'INTALTUSKIM', name: 'Seksi Izin Tinggal dan Status Keimigrasian' },
      { code: 'TIKKIM', name: 'Seksi Teknologi Informasi dan Komunikasi Keimigrasian' },
    ]);
  });

  it('gives another office no sections until they are added', async () => {
    const office = randomOfficeCode();
    expect(await kit.listSections.execute(office)).toEqual([]);

    const db = kit.runtime.dataSource.manager;
    await addSection(db, { officeCode: office, code: 'INTELDAKIM', name: 'Seksi Inteldakim' });
    await addSection(db, { officeCode: office, code: 'TATA_USAHA', name: 'Subbagian Tata Usaha', sortOrder: 1 });
    await addSection(db, { officeCode: office, code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' });

    expect((await kit.listSections.execute(office)).map((s) => s.code)).toEqual(['TATA_USAHA', 'INTELDAKIM', 'LANTASKIM']);
    expect(await kit.listSections.execute('BLP')).toHaveLength(5);
  });

  it('leaves out a section no longer in use, and renames one added again', async () => {
    const office = randomOfficeCode();
    const db = kit.runtime.dataSource.manager;
    await addSection(db, { officeCode: office, code: 'INTELDAKIM', name: 'Seksi Intelijen' });
    await addSection(db, { officeCode: office, code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian' });
    await addSection(db, { officeCode: office, code: 'INTELDAKIM', name: 'Seksi Inteldakim' });
    await addSection(db, { officeCode: office, code: 'LANTASKIM', name: 'Seksi Lalu Lintas Keimigrasian', active: false });

    expect(await kit.listSections.execute(office)).toEqual([{ code: 'INTELDAKIM', name: 'Seksi Inteldakim' }]);
  });

  it('refuses a malformed office code (400) and a malformed section', async () => {
    await expect(kit.listSections.execute('blp')).rejects.toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'officeCode' }] } });
    const error = await addSection(kit.runtime.dataSource.manager, { officeCode: 'B', code: 'seksi x', name: ' ' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).details.fieldViolations?.map((v) => v.field)).toEqual(['officeCode', 'code', 'name']);
  });
});
