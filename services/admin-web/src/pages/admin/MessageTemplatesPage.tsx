import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { ApiError } from '../../api/client';
import { pageProblem } from '../../api/problem-message';
import { useAuth } from '../../app/auth';
import { useLoadable } from '../../api/use-loadable';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { TextArea } from '../../components/fields';
import { PageHeading } from '../../components/PageHeading';
import { StackedTable } from '../../components/StackedTable';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { ErrorMsg, Msg } from '../../i18n/translate';
import { administersAccounts } from '../../lib/accounts';
import { draftIssues, messageTemplatePath, preview, templateKindKey, type MessageTemplate, type MessageTemplateList } from '../../lib/message-templates';
import { channelLabel } from '../../lib/sop-labels';
import { newUuid } from '../../lib/uuid';
import { AdminTabs } from './AdminTabs';
import { AppealWindowSection } from './AppealWindowSection';
import { RetentionPolicySection } from './RetentionPolicySection';
import { StatusMessagesSection } from './StatusMessagesSection';

type Outcome = { kind: 'saved' | 'reset'; message: string; channel: string } | { kind: 'error'; message: Msg | ErrorMsg };

/** The text being edited: which one, at which version, the draft, and the key of this edit (kept for a retry). */
interface Editing {
  readonly template: MessageTemplate;
  readonly draft: string;
  readonly key: string;
  /** What the server refused the text for, until it changes. */
  readonly serverErrors: readonly string[];
}

/**
 * `/administrasi/templat`: the office's texts of the messages to reporters, per message and
 * channel (docs/adr/0050). The head of office edits one with its placeholders listed, a preview
 * with sample values and, for SMS, its length in segments; saves it or goes back to the
 * built-in text. Admin Tikkim reads them.
 */
export function MessageTemplatesPage() {
  const { t, msg, lang } = useI18n();
  const { api, session } = useAuth();
  const editor = administersAccounts(session?.user);
  const read = useCallback(async () => (await api.get<MessageTemplateList>('/api/v1/message-templates')).items, [api]);
  const [templates, load] = useLoadable(read);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  // The editor's heading takes the focus when a text is opened (not on every keystroke).
  const opened = editing ? `${editing.template.purpose}:${editing.template.variant}:${editing.template.channel}` : null;
  useEffect(() => {
    if (opened) editorRef.current?.focus();
  }, [opened]);

  const kindName = (tpl: Pick<MessageTemplate, 'purpose' | 'variant'>) => {
    const key = templateKindKey(tpl);
    return key ? t(key) : `${tpl.purpose} ${tpl.variant}`;
  };
  const names = (tpl: MessageTemplate) => ({ message: kindName(tpl), channel: channelLabel(tpl.channel, lang) });

  const run = async (work: () => Promise<Outcome>) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await work());
      setEditing(null);
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.problem.errors.some((e) => e.field === 'body') && editing) {
        setEditing({ ...editing, serverErrors: err.problem.errors.filter((e) => e.field === 'body').map((e) => e.message) });
      } else {
        setOutcome({ kind: 'error', message: pageProblem(err) });
        // A text changed by someone else meanwhile: show it as it is now.
        if (err instanceof ApiError && err.status === 409) {
          setEditing(null);
          await load();
        }
      }
    } finally {
      setBusy(false);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!editing || draftIssues(editing.template, editing.draft).length > 0) return;
    const { template, draft, key } = editing;
    void run(async () => {
      await api.put<MessageTemplate>(messageTemplatePath(template), { variant: template.variant, body: draft }, { idempotencyKey: key, ifMatch: template.version });
      return { kind: 'saved', ...names(template) };
    });
  };
  const reset = () => {
    if (!editing) return;
    const { template, key } = editing;
    if (!window.confirm(t('templates.confirmReset', names(template)))) return;
    void run(async () => {
      await api.post<MessageTemplate>(messageTemplatePath(template, true), { variant: template.variant }, { idempotencyKey: key, ifMatch: template.version });
      return { kind: 'reset', ...names(template) };
    });
  };

  const items = templates.state === 'ok' ? templates.value : [];
  return (
    <div className="page">
      <PageHeading title={t('templates.title')}>{t('templates.title')}</PageHeading>
      {editor ? <AdminTabs current="adminTemplates" /> : null}
      <p className="lead">{t('templates.lead')}</p>
      {editor ? null : <p>{t('templates.readOnly')}</p>}
      <StatusMessagesSection editor={editor} />
      <AppealWindowSection editor={editor} />
      <RetentionPolicySection editor={editor} />
      {outcome?.kind === 'error' ? <ErrorMessage ref={outcomeRef}>{msg(outcome.message)}</ErrorMessage> : null}
      {outcome && outcome.kind !== 'error' ? (
        <StatusMessage ref={outcomeRef} tone="success">
          {t(outcome.kind === 'saved' ? 'templates.saved' : 'templates.wasReset', { message: outcome.message, channel: outcome.channel })}
        </StatusMessage>
      ) : null}
      {templates.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
      {templates.state === 'error' ? <ErrorMessage>{templates.status === 403 ? t('accounts.forbidden') : templates.status === 0 ? t('error.network') : t('error.unavailable')}</ErrorMessage> : null}
      {editing ? (
        <TemplateEditor
          editing={editing}
          busy={busy}
          titleRef={editorRef}
          title={t('templates.editorTitle', names(editing.template))}
          onDraft={(draft) => setEditing({ ...editing, draft, serverErrors: [] })}
          onSave={save}
          onReset={reset}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {items.length > 0 ? (
        <StackedTable
          caption={t('templates.tableCaption')}
          rows={items}
          rowKey={(tpl) => `${tpl.purpose}:${tpl.variant}:${tpl.channel}`}
          columns={[
            { label: t('templates.colMessage'), rowHeader: true, cell: (tpl) => kindName(tpl) },
            { label: t('templates.colChannel'), cell: (tpl) => channelLabel(tpl.channel, lang) },
            {
              label: t('templates.colText'),
              cell: (tpl) => (
                <>
                  <span className={`badge${tpl.builtIn ? '' : ' badge--warning'}`}>{tpl.builtIn ? t('templates.builtIn') : t('templates.ownVersion', { version: tpl.version })}</span>
                  <div className="preserve-lines">{tpl.body}</div>
                </>
              ),
            },
            ...(editor
              ? [
                  {
                    label: t('accounts.actions'),
                    cell: (tpl: MessageTemplate) => (
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-label={t('templates.editFor', names(tpl))}
                        disabled={busy}
                        onClick={() => {
                          setOutcome(null);
                          setEditing({ template: tpl, draft: tpl.body, key: newUuid(), serverErrors: [] });
                        }}
                      >
                        {t('templates.edit')}
                      </button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
    </div>
  );
}

const PLACEHOLDER_KEYS: Readonly<Record<string, MessageKey>> = {
  nomor: 'templates.placeholder.nomor',
  pin: 'templates.placeholder.pin',
  informasi: 'templates.placeholder.informasi',
  alasan: 'templates.placeholder.alasan',
};

/** The editor of one text: placeholders, the draft, what is wrong with it, the preview and its length, the WhatsApp note. */
function TemplateEditor(props: {
  editing: Editing;
  busy: boolean;
  title: string;
  titleRef: RefObject<HTMLHeadingElement | null>;
  onDraft: (draft: string) => void;
  onSave: (e: FormEvent) => void;
  onReset: () => void;
  onCancel: () => void;
}) {
  const { t, msg } = useI18n();
  const { template, draft, serverErrors } = props.editing;
  const issues = useMemo(() => draftIssues(template, draft), [template, draft]);
  const shown = useMemo(() => preview(template, draft), [template, draft]);
  const placeholders = [
    ...template.requiredPlaceholders.map((p) => ({ p, required: true })),
    ...template.optionalPlaceholders.map((p) => ({ p, required: false })),
  ];
  const error = issues.length > 0 ? issues.map((i) => msg(i)).join(' ') : serverErrors.length > 0 ? serverErrors.join(' ') : undefined;
  return (
    <form className="form section" noValidate onSubmit={props.onSave} aria-labelledby="template-editor-title">
      <h2 id="template-editor-title" tabIndex={-1} ref={props.titleRef}>
        {props.title}
      </h2>
      <h3>{t('templates.placeholdersTitle')}</h3>
      <ul className="template-placeholders">
        {placeholders.map(({ p, required }) => (
          <li key={p}>
            <code className="mono">{`{${p}}`}</code> ({required ? t('templates.placeholderRequired') : t('templates.placeholderOptional')}): {PLACEHOLDER_KEYS[p] ? t(PLACEHOLDER_KEYS[p] as MessageKey) : p}
          </li>
        ))}
      </ul>
      <TextArea id="template-body" label={t('templates.body')} required rows={8} value={draft} onValue={props.onDraft} error={error} />
      <section aria-labelledby="template-preview-title">
        <h3 id="template-preview-title">{t('templates.preview')}</h3>
        <div className="preserve-lines template-preview" data-testid="template-preview">
          {shown.text}
        </div>
        <p className="muted" data-testid="template-length">
          {msg(shown.length)}
        </p>
        {shown.ucs2 ? <p className="muted">{t('templates.smsUcs2')}</p> : null}
      </section>
      {template.channel === 'WHATSAPP' ? <StatusMessage>{t('templates.whatsappNote')}</StatusMessage> : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={props.busy || issues.length > 0}>
          {t('templates.save')}
        </button>
        <button type="button" className="button button--secondary" disabled={props.busy || template.builtIn} onClick={props.onReset}>
          {t('templates.resetToBuiltIn')}
        </button>
        <button type="button" className="button button--ghost" onClick={props.onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
