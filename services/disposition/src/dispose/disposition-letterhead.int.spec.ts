import { storedDocument } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { kepalaKantor, startDispositionTestKit, type DispositionTestKit } from '../__fixtures__/disposition-test-kit';
import type { DisposeComplaintCommand } from './dispose-complaint.command';

// docs/adr/0048: the Lembar Disposisi carries the office's profile in force when it is made,
// asked of intake (here its stand-in) at every disposition; a sheet made before keeps its own.
let kit: DispositionTestKit;

beforeAll(async () => {
  kit = await startDispositionTestKit();
});

afterAll(async () => {
  await kit?.stop();
});

function disposition(complaintId: string, office: string): DisposeComplaintCommand {
  return { requestId: randomUUID(), complaintId, actor: kepalaKantor, actorOffice: office, lines: [{ sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] }], correlationId: randomUUID() };
}

async function sheetOf(complaintId: string) {
  const sheet = await storedDocument(kit.runtime.dataSource, complaintId, 'LEMBAR_DISPOSISI');
  if (!sheet?.intact) throw new Error(`no intact disposition sheet for ${complaintId}`);
  return { sha256: sheet.sha256, letterhead: sheet.text().pages[0]?.slice(0, 5) ?? [] };
}

describe('the disposition sheet’s letterhead', () => {
  it('is the office profile in force when the head of office dispositions; a sheet made before keeps its own', async () => {
    const office = await kit.newOffice();
    const [early, late] = [await kit.confirmedComplaint(office), await kit.confirmedComplaint(office)];

    await kit.dispose.execute(disposition(early, office));
    const before = await sheetOf(early);
    expect(before.letterhead.slice(0, 3)).toEqual(['KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA', 'DIREKTORAT JENDERAL IMIGRASI', `KANTOR IMIGRASI ${office}`]);

    // The head of office changes the profile in the web app (intake keeps it).
    kit.intake.setOfficeProfile({
      code: office,
      ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia',
      parentUnits: ['Direktorat Jenderal Imigrasi', 'Kantor Wilayah Kepulauan Riau'],
      name: 'Kantor Imigrasi Kelas II TPI Belakang Padang',
      address: 'Jl. Hang Tuah No. 1, Belakang Padang',
      city: 'Belakang Padang',
      phone: '(0778) 311234',
      legalBasis: ['Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik'],
    });
    await kit.dispose.execute(disposition(late, office));

    expect((await sheetOf(late)).letterhead).toEqual([
      'KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA',
      'DIREKTORAT JENDERAL IMIGRASI',
      'KANTOR WILAYAH KEPULAUAN RIAU',
      'KANTOR IMIGRASI KELAS II TPI BELAKANG PADANG',
      'Jl. Hang Tuah No. 1, Belakang Padang; Telepon (0778) 311234',
    ]);
    expect(await sheetOf(early)).toEqual(before);
    // Asked at each disposition, never kept between them.
    expect(kit.intake.profilesAsked.filter((code) => code === office)).toEqual([office, office]);
  });
});
