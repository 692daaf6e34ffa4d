import { useCallback, useEffect, useState } from 'react';
import type { AssignedOfficer, Assignment, AssignmentEntry } from '../api/types';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../components/Alerts';
import { SelectField } from '../components/fields';
import { useI18n } from '../i18n/i18n';
import { formatWib } from '../lib/format';
import { OFFICE_OFFICERS_PATH, officerOptionLabel, type OfficeOfficer } from '../lib/office-officers';
import { roleLabel } from '../lib/sop-labels';
import { useCommand, type Command } from './use-command';

/** Who assigns a complaint to an officer (the gateway's ASSIGNERS, docs/adr/0046). */
const ASSIGNER_ROLE = 'KEPALA_KANTOR';

/** `Nama (Peran · Seksi)`. */
function officerName(officer: AssignedOfficer, lang: 'id' | 'en'): string {
  return `${officer.displayName} (${roleLabel(officer.role, lang)}${officer.sectionCode ? ` · ${officer.sectionCode}` : ''})`;
}

/**
 * Who is on the complaint (docs/adr/0046): "Ambil" for an officer it waits on, "Lepaskan" for the
 * assignee and the head of office, and for the head of office a picker of the office's officers.
 */
export function AssignmentPanel({ complaintId, waitsOnMe }: { complaintId: string; waitsOnMe: boolean }) {
  const { t, lang, msg } = useI18n();
  const { api, session } = useAuth();
  const [assignment, setAssignment] = useState<Assignment | null>(null);
  const [officers, setOfficers] = useState<readonly OfficeOfficer[]>([]);
  const isAssigner = session?.user.role === ASSIGNER_ROLE;
  const path = `/api/v1/complaints/${encodeURIComponent(complaintId)}`;
  const load = useCallback(async () => {
    try {
      setAssignment(await api.get<Assignment>(`${path}/assignment`));
    } catch {
      setAssignment(null);
    }
  }, [api, path]);
  const options = { knownFields: ['userId'], onConflict: () => void load() };
  const claim = useCommand<Assignment>(`${path}/claim`, options);
  const release = useCommand<Assignment>(`${path}/release`, options);
  const assign = useCommand<Assignment>(`${path}/assignment`, options);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!isAssigner) return;
    api.get<{ items: OfficeOfficer[] }>(OFFICE_OFFICERS_PATH).then((r) => setOfficers(r.items), () => setOfficers([]));
  }, [api, isAssigner]);

  const run = async (command: typeof claim, body: unknown) => {
    const answer = await command.submit(body);
    if (answer) setAssignment(answer);
  };
  const assignee = assignment?.assignee;
  const mine = assignee !== undefined && assignee.id === session?.user.id;
  const problem = claim.problem ?? release.problem ?? assign.problem;

  return (
    <section className="section" aria-labelledby="complaint-assignment">
      <h2 id="complaint-assignment">{t('assignment.title')}</h2>
      <p role="status">
        {assignee
          ? t(mine ? 'assignment.mine' : 'assignment.onIt', { name: officerName(assignee, lang), since: formatWib(assignment?.since, lang) })
          : t('assignment.nobody')}
      </p>
      {problem ? <ErrorMessage>{msg(problem)}</ErrorMessage> : null}
      <div className="toolbar">
        {waitsOnMe && !mine ? (
          <button type="button" className="button" disabled={claim.sending} onClick={() => void run(claim, {})}>
            {t('assignment.claim')}
          </button>
        ) : null}
        {assignee && (mine || isAssigner) ? (
          <button type="button" className="button button--secondary" disabled={release.sending} onClick={() => void run(release, {})}>
            {t('assignment.release')}
          </button>
        ) : null}
      </div>
      {isAssigner ? <AssignPicker officers={officers} command={assign} onPick={(userId) => void run(assign, { userId })} /> : null}
      {assignment ? <AssignmentHistory history={assignment.history} /> : null}
    </section>
  );
}

/** The head of office's picker of the office's officers (the gateway refuses one the complaint does not wait on). */
function AssignPicker({ officers, command, onPick }: { officers: readonly OfficeOfficer[]; command: Command<Assignment>; onPick: (userId: string) => void }) {
  const { t, lang, msg } = useI18n();
  const [picked, setPicked] = useState('');
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (picked) onPick(picked);
      }}
    >
      <SelectField
        id="assign-officer"
        label={t('assignment.pick')}
        required
        value={picked}
        onValue={setPicked}
        placeholder={t('assignment.pickPlaceholder')}
        options={officers.map((o) => ({ value: o.id, label: `${officerOptionLabel(o)} — ${roleLabel(o.role, lang)}${o.sectionCode ? ` · ${o.sectionCode}` : ''}` }))}
        error={command.errors['userId'] ? msg(command.errors['userId']) : undefined}
      />
      <button type="submit" className="button" disabled={command.sending || !picked}>
        {t('assignment.assign')}
      </button>
    </form>
  );
}

/** Every claim, assignment and release, with who and when. */
function AssignmentHistory({ history }: { history: readonly AssignmentEntry[] }) {
  const { t, lang } = useI18n();
  if (history.length === 0) return null;
  return (
    <details>
      <summary>{t('assignment.history')}</summary>
      <ol>
        {history.map((h) => (
          <li key={`${h.at}-${h.kind}-${h.by.id}`}>
            {t(`assignment.kind.${h.kind}`, { by: h.by.displayName, name: h.assignee?.displayName ?? '' })} · {formatWib(h.at, lang)}
          </li>
        ))}
      </ol>
    </details>
  );
}
