import {
  FollowUpDecision as FollowUpDecisionPb,
  Severity as SeverityPb,
  Substantiation as SubstantiationPb,
  TeamRole,
} from '../../gen/pengaduan/events/v1/complaint_events_pb';
import { followUpDecisionMapping, severityMapping, sopValueOf, substantiationMapping, teamMemberRoleMapping } from './enum-mappings';

describe('proto enums of a request as libs/sop values', () => {
  it('maps every value of the contract to the libs/sop value of the same meaning', () => {
    expect([SubstantiationPb.YES, SubstantiationPb.PARTLY, SubstantiationPb.NO].map((v) => sopValueOf(substantiationMapping, v))).toEqual(['YES', 'PARTLY', 'NO']);
    expect([SeverityPb.LOW, SeverityPb.MEDIUM, SeverityPb.HIGH].map((v) => sopValueOf(severityMapping, v))).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect([FollowUpDecisionPb.FOLLOW_UP, FollowUpDecisionPb.NO_FOLLOW_UP].map((v) => sopValueOf(followUpDecisionMapping, v))).toEqual(['FOLLOW_UP', 'NO_FOLLOW_UP']);
    expect([TeamRole.KETUA, TeamRole.SEKRETARIS, TeamRole.ANGGOTA].map((r) => sopValueOf(teamMemberRoleMapping, r))).toEqual(['KETUA', 'SEKRETARIS', 'ANGGOTA']);
  });

  it('leaves UNSPECIFIED and numbers the contract does not know unmapped, for the handler to refuse by name', () => {
    expect(sopValueOf(substantiationMapping, SubstantiationPb.UNSPECIFIED)).toBeUndefined();
    expect(sopValueOf(followUpDecisionMapping, FollowUpDecisionPb.UNSPECIFIED)).toBeUndefined();
    expect(sopValueOf(severityMapping, 42 as SeverityPb)).toBeUndefined();
    expect(sopValueOf(teamMemberRoleMapping, TeamRole.UNSPECIFIED)).toBeUndefined();
    expect(sopValueOf(teamMemberRoleMapping, 9 as TeamRole)).toBeUndefined();
  });
});
