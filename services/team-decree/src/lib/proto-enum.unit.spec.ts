import { TeamRole, teamMemberRoleMapping } from '@pengaduan/contracts';
import { sopValueOf } from './proto-enum';

describe("a team member's proto role as the libs/sop role", () => {
  it('maps KETUA, SEKRETARIS and ANGGOTA to the libs/sop roles of the same name', () => {
    expect([TeamRole.KETUA, TeamRole.SEKRETARIS, TeamRole.ANGGOTA].map((r) => sopValueOf(teamMemberRoleMapping, r))).toEqual(['KETUA', 'SEKRETARIS', 'ANGGOTA']);
  });

  it('leaves UNSPECIFIED and numbers the contract does not know unmapped, for the handler to refuse by name', () => {
    expect(sopValueOf(teamMemberRoleMapping, TeamRole.UNSPECIFIED)).toBeUndefined();
    expect(sopValueOf(teamMemberRoleMapping, 9 as TeamRole)).toBeUndefined();
  });
});
