import { CLOCK_IDS, type ClockId } from '@pengaduan/sop';
import type { AuditLists, AuditReport, AuditSummary, ClockAudit, ComplaintAudit, RefusedEvent, SlaOutcome } from '../audit-core/report';

/** Clocks that run (untimed steps have none), in the SOP's order: the CSV's and HTML's columns. */
const TIMED_CLOCKS: readonly ClockId[] = CLOCK_IDS.filter((id) => id !== 'REPORT' && id !== 'INFORM_REPORTER');
const HOUR = 3_600_000;
const hours = (ms: number) => Math.round((ms / HOUR) * 100) / 100;
const WORST: readonly SlaOutcome[] = ['overdue', 'late', 'open', 'on-time'];

/** A complaint's clocks of one id (several for a section response): the longest, and the worst outcome. */
function clockCell(c: ComplaintAudit, id: ClockId): { hours: number; outcome: SlaOutcome; whatIf: SlaOutcome | null } | null {
  const clocks = c.clocks.filter((k) => k.clockId === id);
  if (clocks.length === 0) return null;
  const worst = (pick: (k: ClockAudit) => SlaOutcome | undefined) => WORST.find((o) => clocks.some((k) => pick(k) === o)) ?? null;
  return {
    hours: hours(Math.max(...clocks.map((k) => k.durationMs))),
    outcome: worst((k) => k.asRecorded.outcome) ?? 'open',
    whatIf: worst((k) => k.whatIf?.outcome),
  };
}

/** A report in memory as the summary and lists every format is written from. */
export function partsOf(report: AuditReport): [AuditSummary, AuditLists] {
  const { complaints, violations, refused, notices, asOf, ...rest } = report;
  return [
    { ...rest, asOf: asOf && { at: asOf.at, byStatus: asOf.byStatus }, totals: { complaints: complaints.length, violations: violations.length, refused: refused.length, notices: notices.length } },
    { complaints, violations, refused, notices, asOfComplaints: asOf?.complaints ?? [] },
  ];
}

const collect = (chunks: Iterable<string>) => [...chunks].join('');

function* jsonArray(items: Iterable<unknown>, indent: string): Generator<string> {
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}\n${indent}  ${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? '[]' : `\n${indent}]`;
}

/** Everything, as JSON (the shape of `AuditReport`), written piece by piece: one line per list item. */
export function* jsonChunks(summary: AuditSummary, lists: AuditLists): Generator<string> {
  const { totals: _totals, asOf, clean, ...head } = summary;
  yield '{\n';
  for (const [key, value] of Object.entries(head)) yield `  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`;
  for (const key of ['complaints', 'violations', 'refused', 'notices'] as const) {
    yield `  "${key}": `;
    yield* jsonArray(lists[key], '  ');
    yield ',\n';
  }
  if (asOf) {
    yield `  "asOf": {\n    "at": ${JSON.stringify(asOf.at)},\n    "complaints": `;
    yield* jsonArray(lists.asOfComplaints, '    ');
    yield `,\n    "byStatus": ${JSON.stringify(asOf.byStatus)}\n  },\n`;
  } else yield '  "asOf": null,\n';
  yield `  "clean": ${JSON.stringify(clean)}\n}\n`;
}

/** Everything, as JSON. */
export function toJson(report: AuditReport): string {
  return collect(jsonChunks(...partsOf(report)));
}

function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  // Quote always; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

const csvLine = (row: readonly (string | number | null)[]) => `${row.map(csvField).join(',')}\r\n`;

/** One row per complaint: status, violations, and per clock its duration in hours and outcome (and the what-if's). */
export function* csvChunks(summary: AuditSummary, lists: AuditLists): Generator<string> {
  const whatIf = summary.whatIfPolicy !== null;
  const header = ['complaint_id', 'office', 'tracking_number', 'received_at', 'status', 'events', 'violations'];
  for (const id of TIMED_CLOCKS) header.push(`${id}_hours`, `${id}_outcome`, ...(whatIf ? [`${id}_what_if`] : []));
  yield csvLine(header);
  for (const c of lists.complaints) {
    const row: (string | number | null)[] = [c.complaintId, c.officeCode, c.trackingNumber, c.receivedAt, c.status, c.events, c.violations];
    for (const id of TIMED_CLOCKS) {
      const cell = clockCell(c, id);
      row.push(cell?.hours ?? null, cell?.outcome ?? null, ...(whatIf ? [cell?.whatIf ?? null] : []));
    }
    yield csvLine(row);
  }
}

/** One row per complaint (see {@link csvChunks}). */
export function toCsv(report: AuditReport): string {
  return collect(csvChunks(...partsOf(report)));
}

/** The refused events, one row each, with the genuine event each contradicts: the CSV report's second file. */
export function* refusedCsvChunks(refused: Iterable<RefusedEvent>): Generator<string> {
  yield csvLine(['complaint_id', 'office', 'event_id', 'event_type', 'at', 'partition', 'offset', 'code', 'reason', 'contradicts_relation', 'contradicts_event_id', 'contradicts_event_type', 'contradicts_at', 'contradicts_partition', 'contradicts_offset']);
  for (const r of refused) {
    const g = r.contradicts;
    yield csvLine([r.complaintId, r.officeCode, r.eventId, r.eventType, r.at, r.partition, r.offset, r.code, r.reason, g?.relation ?? null, g?.eventId ?? null, g?.eventType ?? null, g?.at ?? null, g?.partition ?? null, g?.offset ?? null]);
  }
}

/** Where a refused event's genuine counterpart is, in words. */
export function describeContradiction(r: RefusedEvent): string {
  const g = r.contradicts;
  if (!g) return 'no genuine event of this complaint with its id or type';
  return `${g.relation === 'same-id' ? 'an altered copy of' : 'competes with'} genuine ${g.eventType} ${g.eventId} at ${g.partition}/${g.offset} (${g.at})`;
}

/** Text for HTML: every character that means something in markup escaped. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
.late,.overdue{background:#fde2e2}.on-time{background:#e4f6e4}.open{background:#fff6d6}.bad{color:#a00;font-weight:bold}.ok{color:#070;font-weight:bold}
code{font-size:12px}`;

function* table(headers: readonly string[], rows: Iterable<readonly string[]>): Generator<string> {
  yield `<table><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  for (const r of rows) yield `<tr>${r.join('')}</tr>`;
  yield '</table>\n';
}
const td = (value: unknown, cls?: string) => `<td${cls ? ` class="${escapeHtml(cls)}"` : ''}>${escapeHtml(value)}</td>`;

function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/** A self-contained HTML report (inline CSS, no script, no external resource, every text escaped), piece by piece. */
export function* htmlChunks(summary: AuditSummary, lists: AuditLists, title = 'Audit replay of the complaint topic'): Generator<string> {
  const whatIf = summary.whatIfPolicy !== null;
  const { totals, signatures } = summary;
  yield `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>`;
  yield `<h1>${escapeHtml(title)}</h1>\n`;
  yield (
    `<p>Audit time ${escapeHtml(summary.referenceTime)}. ${escapeHtml(summary.records.read)} records read, ${escapeHtml(summary.records.inScope)} in scope` +
    ` (filters: ${escapeHtml(JSON.stringify(summary.filters))}). Signatures: ${signatures.checked ? `checked with ${escapeHtml(signatures.keyIds.join(', '))}: ${escapeHtml(signatures.verified)} verified, ${escapeHtml(signatures.failed)} refused` : '<span class="bad">NOT CHECKED</span> (no published keys given): every event was folded into the replay as it is, a forged one too'}.</p>\n`
  );
  yield summary.clean ? '<p class="ok">No violations found.</p>\n' : `<p class="bad">${escapeHtml(totals.violations)} violation(s), ${escapeHtml(totals.refused)} refused event(s).</p>\n`;
  yield '<h2>By office</h2>\n';
  yield* table(
    ['Office', 'Complaints', 'Events', 'Closed', 'Open', 'With violations', 'Violations', 'Late clocks', ...(whatIf ? ['Late clocks (what-if)'] : [])],
    summary.offices.map((o) => [td(o.officeCode), td(o.complaints), td(o.events), td(o.closed), td(o.open), td(o.complaintsWithViolations), td(o.violations, o.violations > 0 ? 'late' : undefined), td(o.lateClocks), ...(whatIf ? [td(o.lateClocksWhatIf)] : [])]),
  );
  yield '<h2>Violations</h2>\n';
  if (totals.violations === 0) yield '<p>None.</p>\n';
  else {
    yield* table(
      ['Kind', 'Complaint', 'Office', 'Event', 'Type', 'Time', 'Partition/offset', 'Reason'],
      map(lists.violations, (v) => [td(v.kind), td(v.complaintId ?? '—'), td(v.officeCode ?? '—'), td(v.eventId ?? '—'), td(v.eventType ?? '—'), td(v.at ?? '—'), td(`${v.partition}/${v.offset}`), td(v.reason)]),
    );
  }
  yield '<h2>Refused events</h2>\n<p>Events that do not verify against a key published for their source: never folded into the replay (no state, SLA or finding of a complaint depends on them).</p>\n';
  if (!signatures.checked) yield '<p class="bad">Not checked: no published keys given.</p>\n';
  else if (totals.refused === 0) yield '<p>None.</p>\n';
  else {
    yield* table(
      ['Code', 'Complaint', 'Office', 'Event', 'Type', 'Time', 'Partition/offset', 'Reason', 'Contradicts'],
      map(lists.refused, (r) => [td(r.code), td(r.complaintId), td(r.officeCode), td(r.eventId), td(r.eventType), td(r.at), td(`${r.partition}/${r.offset}`), td(r.reason), td(describeContradiction(r))]),
    );
  }
  if (totals.notices > 0) {
    yield '<h2>Notices</h2>\n';
    yield* table(['Kind', 'Complaint', 'Message'], map(lists.notices, (n) => [td(n.kind), td(n.complaintId ?? '—'), td(n.message)]));
  }
  if (summary.asOf) {
    yield `<h2>State as of ${escapeHtml(summary.asOf.at)}</h2>\n`;
    yield `<p>${escapeHtml(Object.entries(summary.asOf.byStatus).map(([st, n]) => `${st}: ${n}`).join(', ') || 'no complaint yet')}</p>\n`;
    yield* table(['Complaint', 'Office', 'Status', 'Since'], map(lists.asOfComplaints, (c) => [td(c.complaintId), td(c.officeCode), td(c.status), td(c.since)]));
  }
  yield `<h2>Complaints</h2><p>Hours per clock and outcome as recorded${whatIf ? ' / under the what-if policy' : ''}.</p>\n`;
  yield* table(
    ['Complaint', 'Office', 'Tracking number', 'Received', 'Status', 'Events', 'Violations', ...TIMED_CLOCKS],
    map(lists.complaints, (c) => [
      td(c.complaintId),
      td(c.officeCode),
      td(c.trackingNumber ?? '—'),
      td(c.receivedAt),
      td(c.status),
      td(c.events),
      td(c.violations, c.violations > 0 ? 'late' : undefined),
      ...TIMED_CLOCKS.map((id) => {
        const cell = clockCell(c, id);
        return cell ? td(`${cell.hours} h ${cell.outcome}${whatIf ? ` / ${cell.whatIf ?? '—'}` : ''}`, cell.outcome) : td('');
      }),
    ]),
  );
  yield '</body></html>\n';
}

/** A self-contained HTML report: inline CSS, no script, no external resource, every text escaped. */
export function toHtml(report: AuditReport, title?: string): string {
  return collect(htmlChunks(...partsOf(report), title));
}

function pad(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

function* first<T>(items: Iterable<T>, n: number, keep: (item: T) => boolean = () => true): Generator<T> {
  if (n <= 0) return;
  let taken = 0;
  for (const item of items) {
    if (!keep(item)) continue;
    yield item;
    if (++taken >= n) return;
  }
}

/** The terminal summary: counts by office, then the violations and the refused events (the first `limit` of each). */
export function terminalText(summary: AuditSummary, lists: AuditLists, limit = 50): string {
  const whatIf = summary.whatIfPolicy !== null;
  const { totals, signatures } = summary;
  const lines: string[] = [];
  lines.push(`Audit replay: ${summary.records.read} records read, ${summary.records.inScope} in scope, ${totals.complaints} complaints.`);
  lines.push(
    signatures.checked
      ? `Signatures: ${signatures.verified} verified, ${signatures.failed} refused (keys ${signatures.keyIds.join(', ')}); only verified events were replayed.`
      : 'Signatures: NOT CHECKED (no published keys given: --keys <file> or EVENT_PUBLIC_KEYS). NOTHING WAS VERIFIED: every event was replayed as it is, a forged one too.',
  );
  const header = ['office', 'complaints', 'events', 'closed', 'open', 'with violations', 'violations', 'late clocks', ...(whatIf ? ['late (what-if)'] : [])];
  const rows = summary.offices.map((o) => [o.officeCode, o.complaints, o.events, o.closed, o.open, o.complaintsWithViolations, o.violations, o.lateClocks, ...(whatIf ? [o.lateClocksWhatIf ?? 0] : [])].map(String));
  lines.push('', pad([header, ...rows]));
  if (summary.asOf) {
    lines.push('', `As of ${summary.asOf.at}: ${Object.entries(summary.asOf.byStatus).map(([st, n]) => `${st} ${n}`).join(', ') || 'no complaint yet'}.`);
  }
  lines.push('');
  if (totals.violations === 0) lines.push('No violations found.');
  else {
    lines.push(`${totals.violations} violation(s):`);
    for (const v of first(lists.violations, limit)) {
      const what = [`complaint ${v.complaintId ?? '(none)'}`, v.eventType, v.eventId, `at ${v.partition}/${v.offset}`].filter(Boolean).join(' ');
      lines.push(`  ${v.kind.padEnd(18)} ${what}: ${v.reason}`);
    }
    if (totals.violations > limit) lines.push(`  … and ${totals.violations - limit} more (see the JSON, CSV or HTML report).`);
  }
  if (totals.refused > 0) {
    lines.push('', `${totals.refused} refused event(s), not replayed (they do not verify against a key published for their source):`);
    for (const r of first(lists.refused, limit)) {
      lines.push(`  ${r.code.padEnd(22)} complaint ${r.complaintId} ${r.eventType} ${r.eventId} at ${r.partition}/${r.offset}: ${r.reason}; ${describeContradiction(r)}`);
    }
    if (totals.refused > limit) lines.push(`  … and ${totals.refused - limit} more (see the JSON, CSV or HTML report).`);
  }
  for (const n of first(lists.notices, 10, (x) => x.kind !== 'REDELIVERED')) lines.push(`note: ${n.message}`);
  if (summary.records.redelivered > 0) lines.push(`note: ${summary.records.redelivered} redelivered event(s) (same id, same bytes) counted once.`);
  return `${lines.join('\n')}\n`;
}

/** The terminal summary of a report in memory (see {@link terminalText}). */
export function toTerminal(report: AuditReport, limit = 50): string {
  return terminalText(...partsOf(report), limit);
}
