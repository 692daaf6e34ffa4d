import { FIELD_RULES, type DataRequestStanding } from '@pengaduan/sop';
import { useState } from 'react';
import { pageProblem } from '../../api/problem-message';
import { useAuth } from '../../app/auth';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { SelectField, TextField } from '../../components/fields';
import { CommandForm, fieldId } from '../../complaint/CommandForm';
import { useCommand } from '../../complaint/use-command';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { ErrorMsg, Msg } from '../../i18n/translate';
import { formatWib } from '../../lib/format';
import { saveFile } from '../../lib/save-file';
import { checkText, type FieldErrors } from '../../lib/validation';
import { WORK_QUEUES } from '../../lib/work-queues';
import { QueuePage } from './QueuePage';

/** One access request as the gateway lists it (docs/adr/0056). */
interface DataRequest {
  id: string;
  trackingNumber: string;
  verification: 'CHANNEL' | 'IN_PERSON';
  identityDocumentKind: string | null;
  registeredAt: string;
  dueAt: string;
  handedOverAt: string | null;
  handedOverHow: string | null;
  standing: DataRequestStanding;
}

const API = WORK_QUEUES.dataRequests.api;
const DOCUMENT_KINDS = ['KTP', 'PASPOR', 'SIM', 'KITAS', 'LAINNYA'] as const;
const BADGE: Record<DataRequest['standing'], string> = { OPEN: '', DUE_SOON: 'badge--warning', OVERDUE: 'badge--danger', ANSWERED: '', ANSWERED_LATE: 'badge--late' };

/**
 * `/hak-subjek-data`: complainants' requests for their personal data (UU 27/2022), each due
 * 3 × 24 hours after it was registered. Admin Tikkim registers one (the person verified in person
 * or by what their channel gave them), downloads the export as PDF, JSON or a ZIP with the attachments, and records its
 * hand-over; the head of office reads the list.
 */
export function DataRequestsPage() {
  const { t, lang } = useI18n();
  const { session } = useAuth();
  const works = session?.user.role === 'ADMIN_TIKKIM';
  const [registering, setRegistering] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <QueuePage<DataRequest>
      queue="dataRequests"
      title={t('dataRequests.title')}
      lead={t('dataRequests.lead')}
      guide="hak-subjek-data"
      emptyTitle={t('dataRequests.emptyTitle')}
      emptyText={t('dataRequests.emptyText')}
      listLabel={t('dataRequests.listLabel')}
      itemKey={(r) => r.id}
      actions={(_, reload) =>
        works && !registering ? (
          <button type="button" className="button" onClick={() => setRegistering(true)}>
            {t('dataRequests.register')}
          </button>
        ) : registering ? (
          <RegisterForm
            onCancel={() => setRegistering(false)}
            onDone={(r) => {
              setRegistering(false);
              setNotice(t('dataRequests.registered', { number: r.trackingNumber, due: formatWib(r.dueAt, lang) }));
              void reload();
            }}
          />
        ) : null
      }
      notice={notice ? <StatusMessage tone="success">{notice}</StatusMessage> : !works ? <p className="muted">{t('dataRequests.readOnly')}</p> : null}
      renderItem={(r, reload) => (
        <>
          <div className="item__head">
            <h2 className="item__title">{t('dataRequests.itemTitle', { number: r.trackingNumber })}</h2>
            <span className={`badge ${BADGE[r.standing]}`}>{t(`dataRequests.standing.${r.standing}` as MessageKey)}</span>
          </div>
          <dl className="item__facts">
            <div>
              <dt>{t('dataRequests.registeredAt')}</dt>
              <dd>{formatWib(r.registeredAt, lang)}</dd>
            </div>
            <div>
              <dt>{t('dataRequests.dueAt')}</dt>
              <dd>{formatWib(r.dueAt, lang)}</dd>
            </div>
            <div>
              <dt>{t('dataRequests.verification')}</dt>
              <dd>{r.verification === 'IN_PERSON' ? t('dataRequests.inPersonWith', { kind: r.identityDocumentKind ?? '' }) : t('dataRequests.byChannel')}</dd>
            </div>
            {r.handedOverAt ? (
              <div>
                <dt>{t('dataRequests.handedOverAt')}</dt>
                <dd>{`${formatWib(r.handedOverAt, lang)} — ${r.handedOverHow ?? ''}`}</dd>
              </div>
            ) : null}
          </dl>
          {works ? <RequestActions request={r} onHandedOver={() => void reload()} /> : null}
        </>
      )}
    />
  );
}

function RequestActions({ request, onHandedOver }: { request: DataRequest; onHandedOver: () => void }) {
  const { t, msg } = useI18n();
  const { api } = useAuth();
  const [problem, setProblem] = useState<Msg | ErrorMsg | null>(null);
  const [handingOver, setHandingOver] = useState(false);

  const download = async (format: 'pdf' | 'json' | 'zip') => {
    setProblem(null);
    try {
      saveFile(await api.blob(`${API}/${encodeURIComponent(request.id)}/export.${format}`), `data-pribadi-${request.trackingNumber}.${format}`);
    } catch (err) {
      setProblem(pageProblem(err));
    }
  };

  if (handingOver) return <HandOverForm request={request} onCancel={() => setHandingOver(false)} onDone={onHandedOver} />;
  return (
    <div className="form-actions">
      {problem ? <ErrorMessage>{msg(problem)}</ErrorMessage> : null}
      <button type="button" className="button button--secondary" onClick={() => void download('pdf')}>
        {t('dataRequests.downloadPdf')}
      </button>
      <button type="button" className="button button--secondary" onClick={() => void download('json')}>
        {t('dataRequests.downloadJson')}
      </button>
      <button type="button" className="button button--secondary" onClick={() => void download('zip')}>
        {t('dataRequests.downloadZip')}
      </button>
      {request.handedOverAt ? null : (
        <button type="button" className="button" onClick={() => setHandingOver(true)}>
          {t('dataRequests.handOver')}
        </button>
      )}
    </div>
  );
}

function HandOverForm({ request, onDone, onCancel }: { request: DataRequest; onDone: () => void; onCancel: () => void }) {
  const { t, msg } = useI18n();
  const form = `hand-over-${request.id}`;
  const [how, setHow] = useState('');
  const labels = { how: t('dataRequests.how') };
  const command = useCommand<DataRequest>(`${API}/${encodeURIComponent(request.id)}/handed-over`, { knownFields: Object.keys(labels) });
  const submit = async () => {
    const found: FieldErrors = {};
    checkText(found, 'how', how, FIELD_RULES.dataRequestHandOver.maxLength);
    if (!command.check(found)) return;
    if (await command.submit({ how: how.trim() })) onDone();
  };
  return (
    <CommandForm formId={form} title={t('dataRequests.handOverTitle')} submitLabel={t('dataRequests.handOver')} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <TextField
        id={fieldId(form, 'how')}
        label={labels.how}
        hint={t('dataRequests.howHint')}
        required
        maxLength={FIELD_RULES.dataRequestHandOver.maxLength}
        value={how}
        onValue={setHow}
        error={command.errors['how'] ? msg(command.errors['how']) : undefined}
      />
    </CommandForm>
  );
}

function RegisterForm({ onDone, onCancel }: { onDone: (r: DataRequest) => void; onCancel: () => void }) {
  const { t, msg } = useI18n();
  const form = 'register-data-request';
  const [trackingNumber, setTrackingNumber] = useState('');
  const [verification, setVerification] = useState<'IN_PERSON' | 'CHANNEL'>('IN_PERSON');
  const [kind, setKind] = useState('');
  const [verifier, setVerifier] = useState('');
  const labels = { trackingNumber: t('dataRequests.trackingNumber'), verification: t('dataRequests.verification'), identityDocumentKind: t('dataRequests.documentKind'), verifier: t('dataRequests.verifier') };
  const command = useCommand<DataRequest>(API, { knownFields: Object.keys(labels) });
  const submit = async () => {
    const found: FieldErrors = {};
    checkText(found, 'trackingNumber', trackingNumber, 40);
    if (verification === 'IN_PERSON' && !kind) found['identityDocumentKind'] = { key: 'validation.choose' };
    if (verification === 'CHANNEL') checkText(found, 'verifier', verifier, 254);
    if (!command.check(found)) return;
    const answer = await command.submit({
      trackingNumber: trackingNumber.trim().toUpperCase(),
      verification,
      ...(verification === 'IN_PERSON' ? { identityDocumentKind: kind } : { verifier: verifier.trim() }),
    });
    if (answer) onDone(answer);
  };
  return (
    <CommandForm formId={form} title={t('dataRequests.registerTitle')} submitLabel={t('dataRequests.register')} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <TextField id={fieldId(form, 'trackingNumber')} label={labels.trackingNumber} hint={t('dataRequests.trackingNumberHint')} required value={trackingNumber} onValue={setTrackingNumber} error={command.errors['trackingNumber'] ? msg(command.errors['trackingNumber']) : undefined} />
      <SelectField
        id={fieldId(form, 'verification')}
        label={labels.verification}
        required
        value={verification}
        onValue={(v) => setVerification(v === 'CHANNEL' ? 'CHANNEL' : 'IN_PERSON')}
        options={[
          { value: 'IN_PERSON', label: t('dataRequests.inPerson') },
          { value: 'CHANNEL', label: t('dataRequests.byChannel') },
        ]}
      />
      {verification === 'IN_PERSON' ? (
        <SelectField
          id={fieldId(form, 'identityDocumentKind')}
          label={labels.identityDocumentKind}
          hint={t('dataRequests.documentKindHint')}
          required
          value={kind}
          onValue={setKind}
          placeholder={t('dataRequests.choose')}
          options={DOCUMENT_KINDS.map((k) => ({ value: k, label: k }))}
          error={command.errors['identityDocumentKind'] ? msg(command.errors['identityDocumentKind']) : undefined}
        />
      ) : (
        <TextField id={fieldId(form, 'verifier')} label={labels.verifier} hint={t('dataRequests.verifierHint')} required autoComplete="off" value={verifier} onValue={setVerifier} error={command.errors['verifier'] ? msg(command.errors['verifier']) : undefined} />
      )}
    </CommandForm>
  );
}
