import { validateDisposition, validateTeamDecree, validateWebForm, type TeamDecreeInput } from './validation';

const member = (over: Partial<TeamDecreeInput['members'][number]> = {}) => ({ name: 'Andi Wijaya', nip: '198001012005011001', position: 'Kepala Seksi Inteldakim', teamRole: 'KETUA', ...over });
const decree = (over: Partial<TeamDecreeInput> = {}): TeamDecreeInput => ({
  decreeDate: '2026-11-27',
  members: [member(), member({ name: 'Sri Mulyani', nip: '198502022010012002', teamRole: 'SEKRETARIS' })],
  mandate: 'Menelusuri dugaan pungutan liar.',
  periodStartDate: '2026-11-27',
  periodEndDate: '2026-12-27',
  ...over,
});
const keys = (errors: Record<string, { key: string }>) => Object.fromEntries(Object.entries(errors).map(([f, m]) => [f, m.key]));

describe('the team decree form', () => {
  it('accepts the decree the SOP fixture issues', () => {
    expect(validateTeamDecree(decree())).toEqual({});
  });

  it('wants a NIP of exactly 18 digits, none twice', () => {
    const errors = validateTeamDecree(
      decree({
        members: [member(), member({ nip: '19800101200501100', teamRole: 'ANGGOTA' }), member({ nip: '19800101200501100a', teamRole: 'ANGGOTA' }), member({ teamRole: 'ANGGOTA' })],
      }),
    );
    expect(keys(errors)).toEqual({ 'members.1.nip': 'validation.nip', 'members.2.nip': 'validation.nip', 'members.3.nip': 'validation.nipTwice' });
    expect(errors['members.3.nip']?.params).toEqual({ row: 1 });
  });

  it('wants exactly one KETUA', () => {
    expect(keys(validateTeamDecree(decree({ members: [member({ teamRole: 'ANGGOTA' })] })))).toEqual({ members: 'validation.teamNoChair' });
    const two = validateTeamDecree(decree({ members: [member(), member({ nip: '198502022010012002' })] }));
    expect(keys(two)).toEqual({ members: 'validation.teamManyChairs' });
    expect(two['members']?.params).toEqual({ count: 2 });
  });

  it('wants a term that does not end before it starts, and real dates', () => {
    expect(keys(validateTeamDecree(decree({ periodEndDate: '2026-11-26' })))).toEqual({ periodEndDate: 'validation.periodEndBeforeStart' });
    expect(keys(validateTeamDecree(decree({ decreeDate: '2026-02-30', mandate: '  ' })))).toEqual({ decreeDate: 'validation.date', mandate: 'validation.required' });
  });
});

describe('the disposition form', () => {
  it('wants a section, and an instruction for each chosen one', () => {
    expect(keys(validateDisposition([{ sectionCode: 'INTELDAKIM', chosen: false, instructions: [], note: '' }], ''))).toEqual({ sections: 'validation.noSection' });
    expect(
      keys(
        validateDisposition(
          [
            { sectionCode: 'INTELDAKIM', chosen: true, instructions: ['TINDAK_LANJUTI'], note: '' },
            { sectionCode: 'LANTASKIM', chosen: true, instructions: [], note: 'x'.repeat(2001) },
          ],
          '',
        ),
      ),
    ).toEqual({ 'section.LANTASKIM.instructions': 'validation.noInstruction', 'section.LANTASKIM.note': 'validation.tooLong' });
  });
});

describe('the public web form', () => {
  const form = { office: 'BLP', text: 'Ada pungutan di loket.', name: '', phone: '', email: '' };

  it('needs an office and a text of at most 20 000 characters', () => {
    expect(validateWebForm(form)).toEqual({});
    expect(keys(validateWebForm({ ...form, office: '', text: ' ' }))).toEqual({ office: 'validation.choose', text: 'validation.required' });
    expect(keys(validateWebForm({ ...form, text: 'x'.repeat(20_001) }))).toEqual({ text: 'validation.tooLong' });
    expect(validateWebForm({ ...form, text: 'x'.repeat(20_000) })).toEqual({});
  });

  it('checks a phone number and an e-mail address as intake does', () => {
    expect(validateWebForm({ ...form, phone: '+62 812-3456-7890', email: 'siti@example.id' })).toEqual({});
    expect(keys(validateWebForm({ ...form, phone: '0812abc', email: 'siti@' }))).toEqual({ phone: 'validation.phone', email: 'validation.email' });
  });
});
