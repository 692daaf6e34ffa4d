import { CHANNELS, COMPLAINT_CLASSIFICATIONS, COMPLAINT_STATUSES } from '@pengaduan/sop';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, queryString } from '../api/client';
import type { ComplaintList, SectionList } from '../api/types';
import { useAuth } from '../app/auth';
import { complaintPath, ROUTES } from '../app/routes';
import { ListDownloads } from '../complaint/ListDownloads';
import { Link, useQuery, useRouter } from '../app/router';
import { ErrorMessage, StatusMessage } from '../components/Alerts';
import { Countdown } from '../components/Countdown';
import { SelectField, TextField } from '../components/fields';
import { PageHeading } from '../components/PageHeading';
import { StackedTable } from '../components/StackedTable';
import { useI18n } from '../i18n/i18n';
import { mostUrgentClock } from '../lib/countdown';
import { formatNumber, formatWib, isCalendarDate, wibDayEnd, wibDayStart } from '../lib/format';
import { LOADING, type Loadable } from '../lib/loadable';
import { channelLabel, classificationLabel, statusLabel } from '../lib/sop-labels';
import { useNow } from '../lib/use-now';

/** Complaints per page. */
export const LIST_PAGE_SIZE = 25;

const FILTERS = ['status', 'channel', 'classificationCode', 'section', 'q', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Filters;
}

/** The filters as the list and its export take them (docs/adr/0045): the days of the form as WIB times. */
function apiFiltersOf(f: Filters): Record<string, string | undefined> {
  const from = isCalendarDate(f.from) ? wibDayStart(f.from)?.toISOString() : undefined;
  const to = isCalendarDate(f.to) ? wibDayEnd(f.to)?.toISOString() : undefined;
  return { status: f.status, channel: f.channel, classificationCode: f.classificationCode, section: f.section, q: f.q.trim(), from, to };
}

/** `/aduan`: the office's complaints, filtered; the filters live in the address so it can be shared and reloaded. */
export function ComplaintListPage() {
  const { t, lang } = useI18n();
  const { api } = useAuth();
  const { navigate } = useRouter();
  const query = useQuery();
  const now = useNow();
  const applied = filtersOf(query);
  const offset = Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);
  const [draft, setDraft] = useState<Filters>(applied);
  const [list, setList] = useState<Loadable<ComplaintList>>(LOADING);
  const [sections, setSections] = useState<SectionList['items']>([]);
  const search = query.toString();

  useEffect(() => setDraft(filtersOf(new URLSearchParams(search))), [search]);

  useEffect(() => {
    let cancelled = false;
    // Without the office's sections the filter offers "all" alone.
    api
      .get<SectionList>('/api/v1/sections')
      .then((value) => !cancelled && setSections(value.items))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(() => {
    const f = filtersOf(new URLSearchParams(search));
    let cancelled = false;
    setList(LOADING);
    api
      .get<ComplaintList>(`/api/v1/complaints${queryString({ ...apiFiltersOf(f), limit: LIST_PAGE_SIZE, offset })}`)
      .then((value) => !cancelled && setList({ state: 'ok', value }))
      .catch((err: unknown) => !cancelled && setList({ state: 'error', status: err instanceof ApiError ? err.status : 0 }));
    return () => {
      cancelled = true;
    };
  }, [api, search, offset]);

  const go = (filters: Filters, nextOffset: number) => {
    const params = new URLSearchParams();
    for (const f of FILTERS) if (filters[f].trim() !== '') params.set(f, filters[f].trim());
    if (nextOffset > 0) params.set('offset', String(nextOffset));
    const s = params.toString();
    navigate(s ? `${ROUTES.complaints}?${s}` : ROUTES.complaints, { keepFocus: true });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    go(draft, 0);
  };
  const set = (f: Filter) => (v: string) => setDraft((d) => ({ ...d, [f]: v }));
  const value = list.state === 'ok' ? list.value : null;

  return (
    <div className="page">
      <PageHeading title={t('list.title')}>{t('list.title')}</PageHeading>
      <form className="filters" onSubmit={submit} role="search" aria-label={t('list.filters')}>
        <TextField id="filter-q" className="filters__wide" label={t('list.q')} hint={t('list.qHint')} type="search" maxLength={200} value={draft.q} onValue={set('q')} />
        <SelectField
          id="filter-status"
          label={t('complaint.status')}
          value={draft.status}
          onValue={set('status')}
          placeholder={t('list.all')}
          options={COMPLAINT_STATUSES.filter((s) => s !== 'NEW').map((s) => ({ value: s, label: statusLabel(s, lang) }))}
        />
        <SelectField id="filter-channel" label={t('complaint.channel')} value={draft.channel} onValue={set('channel')} placeholder={t('list.all')} options={CHANNELS.map((c) => ({ value: c, label: channelLabel(c, lang) }))} />
        <SelectField
          id="filter-classification"
          label={t('field.classification')}
          value={draft.classificationCode}
          onValue={set('classificationCode')}
          placeholder={t('list.all')}
          options={COMPLAINT_CLASSIFICATIONS.map((c) => ({ value: c.code, label: classificationLabel(c.code, lang) }))}
        />
        <SelectField id="filter-section" label={t('list.section')} value={draft.section} onValue={set('section')} placeholder={t('list.all')} options={sections.map((x) => ({ value: x.code, label: x.name }))} />
        <TextField id="filter-from" label={t('list.from')} type="date" value={draft.from} onValue={set('from')} />
        <TextField id="filter-to" label={t('list.to')} type="date" value={draft.to} onValue={set('to')} />
        <div className="filters__actions">
          <button type="submit" className="button">
            {t('list.apply')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => go({ status: '', channel: '', classificationCode: '', section: '', q: '', from: '', to: '' }, 0)}>
            {t('list.reset')}
          </button>
        </div>
      </form>
      <ListDownloads filters={queryString(apiFiltersOf(applied)).slice(1)} />
      {list.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
      {list.state === 'error' ? <ErrorMessage>{list.status === 400 ? t('list.badFilter') : list.status === 0 ? t('error.network') : t('error.unavailable')}</ErrorMessage> : null}
      {value ? (
        <>
          <p className="muted" role="status">
            {value.total === 0
              ? t('list.none')
              : t('list.showing', { from: formatNumber(value.offset + 1, lang), to: formatNumber(value.offset + value.items.length, lang), total: formatNumber(value.total, lang) })}
          </p>
          {value.items.length > 0 ? (
            <StackedTable
              caption={t('list.title')}
              rows={value.items}
              rowKey={(c) => c.id}
              columns={[
                {
                  label: t('complaint.trackingNumber'),
                  rowHeader: true,
                  cell: (c) => (
                    <>
                      <Link to={complaintPath(c.id)}>{c.trackingNumber}</Link>
                      {c.summary ? <span className="table__sub">{c.summary}</span> : null}
                    </>
                  ),
                },
                { label: t('complaint.status'), cell: (c) => statusLabel(c.status, lang) },
                { label: t('complaint.channel'), cell: (c) => channelLabel(c.channel, lang) },
                { label: t('field.classification'), cell: (c) => classificationLabel(c.classificationCode, lang) },
                { label: t('complaint.receivedAt'), cell: (c) => formatWib(c.receivedAt, lang) },
                {
                  label: t('list.deadline'),
                  cell: (c) => {
                    const clock = mostUrgentClock(c);
                    return clock ? <Countdown clock={clock} now={now} /> : '—';
                  },
                },
              ]}
            />
          ) : null}
          {value.total > LIST_PAGE_SIZE ? (
            <nav className="pager" aria-label={t('list.pages')}>
              <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => go(applied, Math.max(0, offset - LIST_PAGE_SIZE))}>
                {t('list.previous')}
              </button>
              <span>{t('list.page', { n: Math.floor(offset / LIST_PAGE_SIZE) + 1, of: Math.ceil(value.total / LIST_PAGE_SIZE) })}</span>
              <button type="button" className="button button--secondary" disabled={offset + LIST_PAGE_SIZE >= value.total} onClick={() => go(applied, offset + LIST_PAGE_SIZE)}>
                {t('list.next')}
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
