import { FIELD_RULES, type FieldRuleName } from '@pengaduan/sop';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../../..');
const GATEWAY = join(ROOT, 'services/gateway/src');

/**
 * Each REST field a FIELD_RULES rule governs. A DTO property with a length, pattern or list-size
 * constraint must be here or in GATEWAY_ONLY, so a new field cannot slip in with a limit of its own.
 */
const GOVERNED: Readonly<Record<string, FieldRuleName>> = {
  'RegisterComplaintBody.officeCode': 'officeCode',
  'RegisterComplaintBody.text': 'reporterText',
  'RegisterComplaintBody.laporReportNumber': 'laporReportNumber',
  // A later message of the reporter: the rule of the report's own text (intake's MAX_MESSAGE_TEXT).
  'AppendMessageBody.text': 'reporterText',
  'ReporterContactDto.name': 'reporterName',
  'ReporterContactDto.phone': 'reporterPhone',
  'ReporterContactDto.email': 'reporterEmail',
  'ReporterContactDto.handle': 'reporterHandle',
  'ConfirmComplaintBody.summary': 'summary',
  'DismissComplaintBody.belongsTo': 'belongsTo',
  'DismissComplaintBody.note': 'note',
  'DisposeComplaintBody.lines': 'dispositionLines',
  'DisposeComplaintBody.note': 'note',
  'DispositionLineDto.sectionCode': 'sectionCode',
  'DispositionLineDto.note': 'note',
  'RespondAsSectionBody.response': 'sectionResponse',
  'AnalyzeComplaintBody.findings': 'analysisText',
  'AnalyzeComplaintBody.recommendation': 'analysisText',
  'DecideFollowUpBody.reason': 'followUpReason',
  'IssueTeamDecreeBody.members': 'teamMembers',
  'IssueTeamDecreeBody.mandate': 'mandate',
  'TeamMemberDto.name': 'officerName',
  'TeamMemberDto.nip': 'nip',
  'TeamMemberDto.position': 'officerPosition',
  'WriteFollowUpInformationBody.text': 'followUpInformation',
  'ConfirmDeliveryBody.note': 'note',
  'AddNoteBody.text': 'internalNote',
  'RecordCallAttemptBody.reason': 'callGiveUpReason',
  // After closing (docs/adr/0053): intake and libs/sop check them too.
  'RateComplaintBody.comment': 'ratingComment',
  'PublicRatingBody.comment': 'ratingComment',
  'PublicAppealBody.reason': 'appealReason',
  'AppealComplaintBody.reason': 'appealReason',
  'ReviewAppealBody.reason': 'appealReviewReason',
  'ContactReadBody.reason': 'breakGlassReason',
  'DiscardProblemMessageBody.reason': 'problemMessageDiscardReason',
  // The data subject's rights (docs/adr/0056): intake checks them too.
  'HandOverDataRequestBody.how': 'dataRequestHandOver',
  'ContactRestrictionBody.reason': 'contactRightsReason',
  'RegisterDataRequestBody.trackingNumber': 'trackingNumber',
  'ComplaintFilters.trackingNumber': 'trackingNumber',
  'ComplaintFilters.section': 'sectionCode',
  'ComplaintFilters.q': 'searchWords',
  'TrackComplaintBody.trackingNumber': 'trackingNumber',
  // The office's administration (docs/adr/0042): an officer as the team form names one, a section as dispositions do.
  'AddOfficerBody.displayName': 'officerName',
  'AddOfficerBody.nip': 'nip',
  'AddOfficerBody.position': 'officerPosition',
  'AddOfficerBody.sectionCode': 'sectionCode',
  'ChangeOfficerBody.position': 'officerPosition',
  'ChangeOfficerBody.sectionCode': 'sectionCode',
  'AddSectionBody.code': 'sectionCode',
  'AddSectionBody.name': 'sectionName',
  'RenameSectionBody.name': 'sectionName',
  // The office's profile, its documents' letterhead (docs/adr/0048): intake checks it too.
  'OfficeProfileBody.ministry': 'officeMinistry',
  'OfficeProfileBody.parentUnits': 'officeParentUnits',
  'OfficeProfileBody.name': 'officeName',
  'OfficeProfileBody.address': 'officeAddress',
  'OfficeProfileBody.city': 'officeCity',
  'OfficeProfileBody.phone': 'officePhone',
  'OfficeProfileBody.email': 'officeEmail',
  'OfficeProfileBody.website': 'officeWebsite',
  // The office's SLA policy and working calendar (docs/adr/0049): libs/sop's checkOfficeSlaPolicy checks them too.
  ...Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((day) => [`WorkingHoursBody.${day}`, 'workingPeriods' as const])),
  'SlaPolicyBody.extraNonWorkingDays': 'officeDaysOff',
  'OfficeDayOffBody.name': 'officeDayOffName',
};

/** Constrained REST fields that no service, no gRPC handler and not libs/sop checks: the gateway's alone. */
const GATEWAY_ONLY = new Set([
  'DispositionLineDto.instructions', // at most one of each instruction: the SOP's list sets the size
  'SetStatusMessagesBody.items', // at most one switch per status message: libs/sop's list sets the size (docs/adr/0054)
  'Page.limit', // every list's PageQuery (http/page-query.ts)
  'RateComplaintBody.rating', // a whole number from libs/sop's RATING_MIN to RATING_MAX, which decide checks again (docs/adr/0053)
  'PublicRatingBody.rating', // as the officers' rating
  'SetAppealWindowBody.days', // a whole number from 0 to libs/sop's APPEAL_WINDOW_MAX_DAYS, which intake checks again (docs/adr/0053)
  'RetentionPeriodDto.days', // a whole number from libs/sop's RETENTION_MIN_DAYS to RETENTION_MAX_DAYS, which intake checks again (docs/adr/0057)
  'SetRetentionPolicyBody.policies', // at most one period per kind: libs/sop's RETENTION_KINDS sets the size (docs/adr/0057)
  'Page.offset',
  'ProcessingRecordQueryDto.limit',
  'ProcessingRecordQueryDto.pageToken',
  'SecurityLogQuery.username',
  'SecurityLogQuery.limit',
  'TrackComplaintBody.verifier',
  'RegisterDataRequestBody.verifier', // as the tracking's verifier (docs/adr/0056)
  'LoginBody.username',
  'LoginBody.password',
  'ChangePasswordBody.currentPassword',
  'ChangePasswordBody.newPassword',
  'ResetPasswordBody.password',
  'LoginSecondFactorBody.challenge',
  'LoginSecondFactorBody.code',
  'LoginSecondFactorBody.recoveryCode',
  'ConfirmTotpBody.code',
  'DisableTotpBody.password',
  'DisableTotpBody.code',
  'DisableTotpBody.recoveryCode',
  'AddOfficerBody.username', // the accounts' own rule (users/user-accounts.ts USERNAME), as the CLI's
  'AddOfficerBody.password',
  'ListDeadLettersQuery.group', // a consumer group's name (docs/adr/0043)
  'RedriveGroupBody.group',
]);

/** Every DTO of the REST API: the `*.dto.ts` files, and the bodies declared beside their controller. */
function loadDtos(): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.dto\.ts$|\.http\.controller\.ts$/.test(e.name) ? [join(dir, e.name)] : []));
  for (const file of walk(GATEWAY)) require(file);
}

type Limits = { min?: number; max?: number; pattern?: string; minItems?: number; maxItems?: number };

/** What class-validator checks of one property, as far as FIELD_RULES speaks of it. */
function limitsOf(metadatas: readonly ValidationMetadata[]): Limits {
  const limits: Limits = {};
  for (const m of metadatas) {
    const [a, b] = m.constraints ?? [];
    if (m.name === 'isLength') Object.assign(limits, { min: a, max: b });
    else if (m.name === 'maxLength') limits.max = a;
    else if (m.name === 'minLength') limits.min = a;
    else if (m.name === 'matches') limits.pattern = String(a instanceof RegExp ? a.source : a);
    else if (m.name === 'arrayMinSize') limits.minItems = a;
    else if (m.name === 'arrayMaxSize') limits.maxItems = a;
    else if (m.name === 'max' || m.name === 'min') limits[m.name === 'max' ? 'max' : 'min'] = a;
  }
  return limits;
}

/** What the rule says, in the same terms (a DTO may leave the minimum to libs/sop, as the break-glass reason's). */
function limitsOfRule(name: FieldRuleName, seen: Limits): Limits {
  const rule = FIELD_RULES[name] as Partial<{ minLength: number; maxLength: number; pattern: RegExp; minItems: number; maxItems: number }>;
  const expected: Limits = {};
  if (rule.pattern) expected.pattern = rule.pattern.source;
  if (rule.maxLength !== undefined) expected.max = rule.maxLength;
  if (rule.minLength !== undefined && seen.min !== undefined) expected.min = rule.minLength;
  if (rule.maxItems !== undefined) expected.maxItems = rule.maxItems;
  if (rule.minItems !== undefined && seen.minItems !== undefined) expected.minItems = rule.minItems;
  return expected;
}

const LIMIT_NAMES = new Set(['isLength', 'maxLength', 'minLength', 'matches', 'arrayMinSize', 'arrayMaxSize', 'max', 'min']);

describe('one rule per field (libs/sop FIELD_RULES)', () => {
  loadDtos();
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<{ name: string }, ValidationMetadata[]> };
  const properties = new Map<string, ValidationMetadata[]>();
  for (const [target, metadatas] of storage.validationMetadatas) {
    for (const m of metadatas) {
      if (!m.name || !LIMIT_NAMES.has(m.name)) continue;
      const key = `${target.name}.${m.propertyName}`;
      properties.set(key, [...(properties.get(key) ?? []), m]);
    }
  }

  it('finds the DTOs it walks', () => {
    expect(properties.size).toBeGreaterThan(Object.keys(GOVERNED).length);
    for (const key of [...Object.keys(GOVERNED), ...GATEWAY_ONLY]) expect([key, properties.has(key)]).toEqual([key, true]);
  });

  it("gives every REST field the limit or pattern of its rule, and no constrained field a rule of the gateway's own unless it is the gateway's alone", () => {
    const disagreements: string[] = [];
    for (const [key, metadatas] of properties) {
      const rule = GOVERNED[key];
      if (!rule) {
        if (!GATEWAY_ONLY.has(key)) disagreements.push(`${key}: constrained, but neither governed by a FIELD_RULES rule nor listed as the gateway's alone`);
        continue;
      }
      const seen = limitsOf(metadatas);
      const expected = limitsOfRule(rule, seen);
      for (const [limit, value] of Object.entries(expected)) {
        const got = seen[limit as keyof Limits];
        if (got !== value) disagreements.push(`${key}: ${limit} ${String(got)}, FIELD_RULES.${rule} says ${String(value)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  /**
   * The services' and the gateway's gRPC checks read the table too: a copy of a rule's pattern, a
   * text compared with a number of its own, or a MAX_/MIN_ constant with a number of its own in
   * the code that checks requests is a second definition waiting to drift.
   */
  it("finds no copy of a rule in the services' request checks, the public gRPC API, libs/messaging's command context or libs/sop", () => {
    const dirs = ['services/intake/src', 'services/disposition/src', 'services/analysis/src', 'services/team-decree/src', 'services/notification/src', 'services/gateway/src/public-api/office-complaints.api.ts', 'services/gateway/src/users', 'libs/sop/src', 'libs/messaging/src/lib/command-context.ts'];
    const patterns = Object.values(FIELD_RULES).flatMap((r) => ('pattern' in r ? [r.pattern.source] : []));
    // What the drifted copies looked like, besides the rules' own patterns.
    const copies = [...patterns, '^[A-Z][A-Z0-9_]{1,39}$', '^[0-9]{18}$'];
    /** Limits that are not a field's: page sizes, batch sizes, counts of things. */
    const notFieldLimits = /MAX_(PAGE|PAGE_SIZE|LIST_LIMIT|DAYS_SCANNED|BATCH|ATTEMPTS|RETRIES|IN_FLIGHT|WAIT|AGE)\b/;
    const problems: string[] = [];
    const files = dirs.flatMap((d) => {
      const path = join(ROOT, d);
      if (d.endsWith('.ts')) return [path];
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? (['__fixtures__', 'dist', 'persistence'].includes(e.name) ? [] : walk(join(dir, e.name))) : /\.ts$/.test(e.name) && !/\.spec\.ts$|\.d\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
        );
      return walk(path);
    });
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const where = relative(ROOT, file);
      if (where === 'libs/sop/src/lib/field-rules.ts') continue;
      for (const [, source] of text.matchAll(/\/(\^[^/\n]*\$)\/[a-z]*/g)) {
        if (copies.includes(source)) problems.push(`${where}: the pattern /${source}/ (read it from FIELD_RULES)`);
      }
      for (const [line] of text.matchAll(/^.*\.length\s*[<>]=?\s*\d{3,}.*$/gm)) problems.push(`${where}: a length compared with a number of its own: ${line.trim().slice(0, 120)}`);
      for (const [line, name] of text.matchAll(/^.*const ((?:MAX|MIN)_[A-Z_]+)\s*(?::\s*\w+\s*)?=\s*[\d_]+\s*;.*$/gm)) {
        if (!notFieldLimits.test(name)) problems.push(`${where}: ${line.trim()}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
