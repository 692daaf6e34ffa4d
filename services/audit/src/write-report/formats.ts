import { CLOCK_IDS, type ClockId } from '@pengaduan/sop';
import type { AuditReport, ClockAudit, ComplaintAudit, SlaOutcome } from '../audit-core/report';

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

/** Everything, as JSON. */
export function toJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  // Quote always; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One row per complaint: status, violations, and per clock its duration in hours and outcome (and the what-if's). */
export function toCsv(report: AuditReport): string {
  const whatIf = report.whatIfPolicy !== null;
  const header = ['complaint_id', 'office', 'tracking_number', 'received_at', 'status', 'events', 'violations'];
  for (const id of TIMED_CLOCKS) header.push(`${id}_hours`, `${id}_outcome`, ...(whatIf ? [`${id}_what_if`] : []));
  const rows = report.complaints.map((c) => {
    const row: (string | number | null)[] = [c.complaintId, c.officeCode, c.trackingNumber, c.receivedAt, c.status, c.events, c.violations];
    for (const id of TIMED_CLOCKS) {
      const cell = clockCell(c, id);
      row.push(cell?.hours ?? null, cell?.outcome ?? null, ...(whatIf ? [cell?.whatIf ?? null] : []));
    }
    return row;
  });
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Text for HTML: every character that means something in markup escaped. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
.late,.overdue{background:#fde2e2}.on-time{background:#e4f6e4}.open{background:#fff6d6}.bad{color:#a00;font-weight:bold}.ok{color:#070;font-weight:bold}
code{font-size:12px}`;

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  return `<table>${head}${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</table>`;
}
const td = (value: unknown, cls?: string) => `<td${cls ? ` class="${escapeHtml(cls)}"` : ''}>${escapeHtml(value)}</td>`;

/** A self-contained HTML report: inline CSS, no script, no external resource, every text escaped. */
export function toHtml(report: AuditReport, title = 'Audit replay of the complaint topic'): string {
  const whatIf = report.whatIfPolicy !== null;
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(
    `<p>Audit time ${escapeHtml(report.referenceTime)}. ${escapeHtml(report.records.read)} records read, ${escapeHtml(report.records.inScope)} in scope` +
      ` (filters: ${escapeHtml(JSON.stringify(report.filters))}). Signatures: ${report.signatures.checked ? `checked with ${escapeHtml(report.signatures.keyIds.join(', '))}: ${escapeHtml(report.signatures.verified)} verified, ${escapeHtml(report.signatures.failed)} failed` : '<span class="bad">not checked</span> (no published keys given)'}.</p>`,
  );
  parts.push(report.clean ? '<p class="ok">No violations found.</p>' : `<p class="bad">${escapeHtml(report.violations.length)} violation(s) found.</p>`);
  parts.push('<h2>By office</h2>');
  parts.push(
    table(
      ['Office', 'Complaints', 'Events', 'Closed', 'Open', 'With violations', 'Violations', 'Late clocks', ...(whatIf ? ['Late clocks (what-if)'] : [])],
      report.offices.map((o) => [td(o.officeCode), td(o.complaints), td(o.events), td(o.closed), td(o.open), td(o.complaintsWithViolations), td(o.violations, o.violations > 0 ? 'late' : undefined), td(o.lateClocks), ...(whatIf ? [td(o.lateClocksWhatIf)] : [])]),
    ),
  );
  parts.push('<h2>Violations</h2>');
  parts.push(
    report.violations.length === 0
      ? '<p>None.</p>'
      : table(
          ['Kind', 'Complaint', 'Office', 'Event', 'Type', 'Time', 'Partition/offset', 'Reason'],
          report.violations.map((v) => [td(v.kind), td(v.complaintId ?? '—'), td(v.officeCode ?? '—'), td(v.eventId ?? '—'), td(v.eventType ?? '—'), td(v.at ?? '—'), td(`${v.partition}/${v.offset}`), td(v.reason)]),
        ),
  );
  if (report.notices.length > 0) {
    parts.push('<h2>Notices</h2>');
    parts.push(table(['Kind', 'Complaint', 'Message'], report.notices.map((n) => [td(n.kind), td(n.complaintId ?? '—'), td(n.message)])));
  }
  if (report.asOf) {
    parts.push(`<h2>State as of ${escapeHtml(report.asOf.at)}</h2>`);
    parts.push(`<p>${escapeHtml(Object.entries(report.asOf.byStatus).map(([s, n]) => `${s}: ${n}`).join(', ') || 'no complaint yet')}</p>`);
    parts.push(table(['Complaint', 'Office', 'Status', 'Since'], report.asOf.complaints.map((c) => [td(c.complaintId), td(c.officeCode), td(c.status), td(c.since)])));
  }
  parts.push(`<h2>Complaints</h2><p>Hours per clock and outcome as recorded${whatIf ? ' / under the what-if policy' : ''}.</p>`);
  parts.push(
    table(
      ['Complaint', 'Office', 'Tracking number', 'Received', 'Status', 'Events', 'Violations', ...TIMED_CLOCKS],
      report.complaints.map((c) => [
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
    ),
  );
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>${parts.join('\n')}</body></html>\n`;
}

function pad(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

/** The terminal summary: counts by office, then the violations (the first `limit`). */
export function toTerminal(report: AuditReport, limit = 50): string {
  const whatIf = report.whatIfPolicy !== null;
  const lines: string[] = [];
  lines.push(`Audit replay: ${report.records.read} records read, ${report.records.inScope} in scope, ${report.complaints.length} complaints.`);
  lines.push(report.signatures.checked ? `Signatures: ${report.signatures.verified} verified, ${report.signatures.failed} failed (keys ${report.signatures.keyIds.join(', ')}).` : 'Signatures: NOT CHECKED (no published keys given: --keys <file> or EVENT_PUBLIC_KEYS).');
  const header = ['office', 'complaints', 'events', 'closed', 'open', 'with violations', 'violations', 'late clocks', ...(whatIf ? ['late (what-if)'] : [])];
  const rows = report.offices.map((o) => [o.officeCode, o.complaints, o.events, o.closed, o.open, o.complaintsWithViolations, o.violations, o.lateClocks, ...(whatIf ? [o.lateClocksWhatIf ?? 0] : [])].map(String));
  lines.push('', pad([header, ...rows]));
  if (report.asOf) {
    lines.push('', `As of ${report.asOf.at}: ${Object.entries(report.asOf.byStatus).map(([s, n]) => `${s} ${n}`).join(', ') || 'no complaint yet'}.`);
  }
  lines.push('');
  if (report.clean) lines.push('No violations found.');
  else {
    lines.push(`${report.violations.length} violation(s):`);
    for (const v of report.violations.slice(0, limit)) {
      const what = [`complaint ${v.complaintId ?? '(none)'}`, v.eventType, v.eventId, `at ${v.partition}/${v.offset}`].filter(Boolean).join(' ');
      lines.push(`  ${v.kind.padEnd(18)} ${what}: ${v.reason}`);
    }
    if (report.violations.length > limit) lines.push(`  … and ${report.violations.length - limit} more (see the JSON, CSV or HTML report).`);
  }
  const notices = report.notices.filter((n) => n.kind !== 'REDELIVERED');
  for (const n of notices.slice(0, 10)) lines.push(`note: ${n.message}`);
  if (report.records.redelivered > 0) lines.push(`note: ${report.records.redelivered} redelivered event(s) (same id, same bytes) counted once.`);
  return `${lines.join('\n')}\n`;
}
