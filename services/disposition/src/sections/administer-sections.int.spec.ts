import { refusal } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { kepalaKantor, startDispositionTestKit, type DispositionTestKit } from '../__fixtures__/disposition-test-kit';
import { AdministerSectionsHandler } from './administer-sections.handler';

// The head of office's section commands (ADR 0042) on the real Postgres: add, rename, retire;
// a retired section is offered for no new disposition and stays on the sheets made before.

let kit: DispositionTestKit;
let sections: AdministerSectionsHandler;

beforeAll(async () => {
  kit = await startDispositionTestKit();
  sections = new AdministerSectionsHandler(kit.runtime);
});

afterAll(async () => {
  await kit?.stop();
});

const disposeTo = (complaintId: string, office: string, sectionCode: string) =>
  kit.dispose.execute({
    requestId: randomUUID(),
    complaintId,
    actor: kepalaKantor,
    actorOffice: office,
    lines: [{ sectionCode, instructions: ['TINDAK_LANJUTI'] }],
    correlationId: randomUUID(),
  });

describe("the head of office's section commands", () => {
  it('add a section after the others, idempotently; a code already used is refused', async () => {
    const office = await kit.newOffice();
    expect(await sections.add(office, 'TIKKIM', ' Seksi Tikim ')).toEqual({ section: { code: 'TIKKIM', name: 'Seksi Tikim', retired: false }, changed: true });
    expect(await sections.add(office, 'TIKKIM', 'Seksi Tikim')).toMatchObject({ changed: false });
    expect((await kit.listSections.execute(office)).map((s) => s.code).at(-1)).toBe('TIKKIM');
    await expect(sections.add(office, 'TIKKIM', 'Seksi Lain')).rejects.toMatchObject({ kind: 'conflict', code: 'SECTION.CODE_TAKEN' });
  });

  it('rename a section, telling the name before; a retired or unknown one is refused', async () => {
    const office = await kit.newOffice();
    expect(await sections.rename(office, 'INTELDAKIM', 'Seksi Intelijen dan Penindakan Keimigrasian')).toEqual({
      section: { code: 'INTELDAKIM', name: 'Seksi Intelijen dan Penindakan Keimigrasian', retired: false },
      changed: true,
      previousName: 'Seksi Inteldakim',
    });
    expect(await sections.rename(office, 'INTELDAKIM', 'Seksi Intelijen dan Penindakan Keimigrasian')).toMatchObject({ changed: false });
    await expect(sections.rename(office, 'NOPE', 'X')).rejects.toMatchObject({ kind: 'not-found', code: 'SECTION.NOT_FOUND' });
    await sections.retire(office, 'LANTASKIM');
    await expect(sections.rename(office, 'LANTASKIM', 'X')).rejects.toMatchObject({ kind: 'conflict', code: 'SECTION.RETIRED' });
    await expect(sections.add(office, 'LANTASKIM', 'Seksi Lalu Lintas Keimigrasian')).rejects.toMatchObject({ code: 'SECTION.CODE_TAKEN' });
  });

  it('retire a section: no longer listed nor accepted for a disposition, listed retired on request, the older sheet untouched', async () => {
    const office = await kit.newOffice();
    const before = await disposeTo(await kit.confirmedComplaint(office), office, 'INTALTUSKIM');
    expect(await sections.retire(office, 'INTALTUSKIM')).toEqual({ section: { code: 'INTALTUSKIM', name: 'Seksi Izin Tinggal dan Status Keimigrasian', retired: true }, changed: true });
    expect(await sections.retire(office, 'INTALTUSKIM')).toMatchObject({ changed: false });
    expect((await kit.listSections.execute(office)).map((s) => s.code)).not.toContain('INTALTUSKIM');
    expect(await kit.listSections.execute(office, true)).toContainEqual({ code: 'INTALTUSKIM', name: 'Seksi Izin Tinggal dan Status Keimigrasian', retired: true });
    expect(await refusal(disposeTo(await kit.confirmedComplaint(office), office, 'INTALTUSKIM'))).toMatchObject({ code: 'DISPOSITION.UNKNOWN_SECTION' });
    const [sheet] = (await kit.runtime.dataSource.query('SELECT lines FROM disposition_sheet WHERE number = $1', [before.sheetNumber])) as { lines: { sectionCode: string }[] }[];
    expect(sheet?.lines.map((l) => l.sectionCode)).toEqual(['INTALTUSKIM']);
  });

  it('refuse a malformed office, code or name, naming each field', async () => {
    const error = await refusal(sections.add('b', 'seksi x', 'x'.repeat(10_000)));
    expect(error.details.fieldViolations?.map((v) => v.field)).toEqual(['officeCode', 'code', 'name']);
    expect((await refusal(sections.retire('BLP', ''))).details.fieldViolations?.map((v) => v.field)).toEqual(['code']);
  });
});
