import type { AnalyzeCommand, DecideFollowUpCommand, FormTeamCommand } from '../commands';
import { FIELD_RULES } from '../field-rules';
import type { TeamMember } from '../reference-data';
import { FOLLOW_UP_DECISIONS, SEVERITIES, SUBSTANTIATION_LEVELS, TEAM_MEMBER_ROLES } from '../reference-data';
import { firstDuplicate, firstProblem, optionalText, requireNonEmptyArray, requireObject, requireOneOf, requireText } from '../validation';
import { CLASSIFICATION_CODES } from './intake-steps';
import type { Outcome } from './step-outcome';

// SOP steps 4-6: the analysis, the follow-up decision, the team decree.

export function analyze(c: AnalyzeCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireText(c.findings, 'findings'),
    () => requireOneOf(c.substantiated, SUBSTANTIATION_LEVELS, 'substantiated'),
    () => requireOneOf(c.classification, CLASSIFICATION_CODES, 'classification'),
    () => requireOneOf(c.severity, SEVERITIES, 'severity'),
    () => requireText(c.recommendation, 'recommendation'),
  );
  if (problem) return { problem };
  return {
    events: [
      {
        type: 'complaint.analyzed',
        at,
        actor: c.actor,
        data: {
          findings: c.findings,
          substantiated: c.substantiated,
          classification: c.classification,
          severity: c.severity,
          recommendation: c.recommendation,
        },
      },
    ],
  };
}

export function decideFollowUp(c: DecideFollowUpCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireOneOf(c.decision, FOLLOW_UP_DECISIONS, 'decision'),
    () => requireText(c.reason, 'reason'),
  );
  if (problem) return { problem };
  return {
    events: [
      { type: 'complaint.follow-up-decided', at, actor: c.actor, data: { decision: c.decision, reason: c.reason } },
    ],
  };
}

export function formTeam(c: FormTeamCommand, at: string): Outcome {
  const listProblem = firstProblem(
    () => requireText(c.decreeNumber, 'decreeNumber'),
    () => requireNonEmptyArray(c.members, 'members'),
  );
  if (listProblem) return { problem: listProblem };
  const members: TeamMember[] = [];
  for (const [i, member] of c.members.entries()) {
    const field = `members[${i}]`;
    const problem = firstProblem(
      () => requireObject(member, field),
      () => requireText(member.nip, `${field}.nip`),
      () =>
        FIELD_RULES.nip.pattern.test(member.nip) ? null : { field: `${field}.nip`, message: `${field}.nip must be the 18 digits of a NIP` },
      () => requireText(member.name, `${field}.name`),
      () => requireText(member.position, `${field}.position`),
      () => requireOneOf(member.role, TEAM_MEMBER_ROLES, `${field}.role`),
      () => optionalText(member.userId, `${field}.userId`),
    );
    if (problem) return { problem };
    members.push({
      nip: member.nip,
      name: member.name,
      position: member.position,
      role: member.role,
      ...(member.userId === undefined ? {} : { userId: member.userId }),
    });
  }
  const problem = firstProblem(
    () => {
      const twice = firstDuplicate(members.map((m) => m.nip));
      return twice === undefined ? null : { field: 'members', message: `members lists the officer with NIP ${twice} twice` };
    },
    () => {
      const leaders = members.filter((m) => m.role === 'KETUA').length;
      return leaders === 1
        ? null
        : { field: 'members', message: `members must have exactly one KETUA; the decree names ${leaders}` };
    },
  );
  if (problem) return { problem };
  return {
    events: [{ type: 'complaint.team-formed', at, actor: c.actor, data: { decreeNumber: c.decreeNumber, members } }],
  };
}
