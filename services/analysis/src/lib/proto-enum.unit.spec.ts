import {
  FollowUpDecision as FollowUpDecisionPb,
  followUpDecisionMapping,
  Severity as SeverityPb,
  severityMapping,
  Substantiation as SubstantiationPb,
  substantiationMapping,
} from '@pengaduan/contracts';
import { sopValueOf } from './proto-enum';

describe('proto enums of a request as libs/sop values', () => {
  it('maps every value of the contract to the libs/sop value of the same meaning', () => {
    expect([SubstantiationPb.YES, SubstantiationPb.PARTLY, SubstantiationPb.NO].map((v) => sopValueOf(substantiationMapping, v))).toEqual(['YES', 'PARTLY', 'NO']);
    expect([SeverityPb.LOW, SeverityPb.MEDIUM, SeverityPb.HIGH].map((v) => sopValueOf(severityMapping, v))).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect([FollowUpDecisionPb.FOLLOW_UP, FollowUpDecisionPb.NO_FOLLOW_UP].map((v) => sopValueOf(followUpDecisionMapping, v))).toEqual(['FOLLOW_UP', 'NO_FOLLOW_UP']);
  });

  it('leaves UNSPECIFIED and numbers the contract does not know unmapped, for the handler to refuse by name', () => {
    expect(sopValueOf(substantiationMapping, SubstantiationPb.UNSPECIFIED)).toBeUndefined();
    expect(sopValueOf(followUpDecisionMapping, FollowUpDecisionPb.UNSPECIFIED)).toBeUndefined();
    expect(sopValueOf(severityMapping, 42 as SeverityPb)).toBeUndefined();
  });
});
