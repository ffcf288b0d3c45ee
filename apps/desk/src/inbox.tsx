import { useEffect, useState } from 'preact/hooks';
import { AnyOfSelect } from './any-of-select';
import { type ComplaintSummary, CHANNELS, COMPLAINT_STATES, DUE_FILTERS, type DueFilter } from './api-types';
import { problemText, useDesk } from './desk-context';
import { DeadlineLeft } from './deadline-left';
import { nameOf } from './i18n';
import { navigate, pathOf } from './route';
import { seesAll } from './session';
import { useStaff } from './staff';

const PAGE = 20;

type View = 'mine' | 'queue' | 'all';

/** What the inbox shows, remembered for the tab so that the way back from a complaint lands here. */
interface Filters {
  view: View;
  /** In the "all" view (supervisors): '' anyone, "none", "me" or an agent's id. */
  assignee: string;
  state: string;
  channel: string;
  q: string;
  /** The earliest running deadline: passed, or ending today in the company's time zone. */
  due: '' | DueFilter;
  offset: number;
}

const isDue = (value: string): value is DueFilter => (DUE_FILTERS as readonly string[]).includes(value);

const KEY = 'plaint.desk.inbox';

function rememberedFilters(): Filters {
  const fallback: Filters = { view: 'mine', assignee: '', state: '', channel: '', q: '', due: '', offset: 0 };
  try {
    return { ...fallback, ...(JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as Partial<Filters>) };
  } catch {
    return fallback;
  }
}

const ASSIGNEE: Record<View, 'me' | 'none' | undefined> = { mine: 'me', queue: 'none', all: undefined };

/** My complaints, the unassigned queue and (supervisors) all, filtered, searched and paged. */
export function Inbox() {
  const { api, agent, t, language, changes } = useDesk();
  const [filters, setFilters] = useState<Filters>(rememberedFilters);
  const [typed, setTyped] = useState(filters.q);
  const [page, setPage] = useState<{ items: ComplaintSummary[]; total: number; searched: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const views: View[] = seesAll(agent) ? ['mine', 'queue', 'all'] : ['mine', 'queue'];
  const staff = useStaff();
  const assignee = filters.view === 'all' ? filters.assignee || undefined : ASSIGNEE[filters.view];

  const change = (next: Partial<Filters>) => {
    const merged = { ...filters, offset: 0, ...next };
    sessionStorage.setItem(KEY, JSON.stringify(merged));
    setFilters(merged);
  };

  useEffect(() => {
    let current = true;
    api
      .complaints({ assignee, state: filters.state, channel: filters.channel, q: filters.q.trim(), due: filters.due || undefined, limit: PAGE, offset: filters.offset })
      .then((answer) => {
        if (!current) return;
        setPage(answer);
        setProblem(null);
      })
      .catch((error: unknown) => current && setProblem(problemText(error, t)));
    return () => {
      current = false;
    };
  }, [api, filters, changes.count]);

  const open = (event: MouseEvent, complaint: ComplaintSummary) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    navigate({ screen: 'complaint', id: complaint.id });
  };

  return (
    <main class="inbox" data-testid="inbox">
      <h1>{t('inbox.title')}</h1>
      <div class="views" role="group" aria-label={t('inbox.title')}>
        {views.map((view) => (
          <button type="button" key={view} aria-pressed={filters.view === view} onClick={() => change({ view })} data-testid={`view-${view}`}>
            {t(`inbox.${view}`)}
          </button>
        ))}
      </div>
      {filters.view === 'all' && (
        <label class="assignee">
          {t('inbox.assignee')}
          <select value={filters.assignee} onChange={(e) => change({ assignee: e.currentTarget.value })} data-testid="filter-assignee">
            <option value="">{t('inbox.any')}</option>
            <option value="none">{t('inbox.queue')}</option>
            <option value="me">{t('inbox.assigneeMe')}</option>
            {staff.filter((member) => member.id !== agent.id).map((member) => (
              <option key={member.id} value={member.id}>
                {member.displayName}
              </option>
            ))}
          </select>
        </label>
      )}
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          change({ q: typed });
        }}
      >
        <AnyOfSelect
          label={t('inbox.state')}
          anyLabel={t('inbox.any')}
          value={filters.state}
          values={COMPLAINT_STATES}
          nameOf={(state) => nameOf(t, 'state', state)}
          onChange={(state) => change({ state })}
          testId="filter-state"
        />
        <AnyOfSelect
          label={t('inbox.channel')}
          anyLabel={t('inbox.any')}
          value={filters.channel}
          values={CHANNELS}
          nameOf={(channel) => nameOf(t, 'channel', channel)}
          onChange={(channel) => change({ channel })}
          testId="filter-channel"
        />
        <label>
          {t('inbox.due')}
          <select value={filters.due} onChange={(e) => change({ due: isDue(e.currentTarget.value) ? e.currentTarget.value : '' })} data-testid="filter-due">
            <option value="">{t('inbox.any')}</option>
            <option value="today">{t('inbox.dueToday')}</option>
            <option value="overdue">{t('inbox.dueOverdue')}</option>
          </select>
        </label>
        <label class="search">
          {t('inbox.search')}
          <input type="search" value={typed} placeholder={t('inbox.searchHint')} onInput={(e) => setTyped(e.currentTarget.value)} data-testid="search" />
        </label>
        <button type="submit" data-testid="search-submit">
          {t('inbox.search')}
        </button>
      </form>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {page && filters.q.trim() && !page.searched && <p class="caution" role="status">{t('inbox.searchUnavailable')}</p>}
      {!page && !problem && <p aria-busy="true">{t('inbox.loading')}</p>}
      {page && page.items.length === 0 && <p data-testid="inbox-empty">{t('inbox.empty')}</p>}
      {page && page.items.length > 0 && (
        <ul class="complaints" data-testid="complaint-list">
          {page.items.map((complaint) => (
            <li key={complaint.id} data-testid="complaint-row" data-reference={complaint.reference}>
              <a href={pathOf({ screen: 'complaint', id: complaint.id })} onClick={(event) => open(event, complaint)}>
                <span class="reference">{complaint.reference}</span>
                <span class={`state state-${complaint.state}`}>{nameOf(t, 'state', complaint.state)}</span>
                <span class="channel">{nameOf(t, 'channel', complaint.channel)}</span>
                <span class="name">{complaint.customer.name ?? t('complaint.noName')}</span>
                <span class="essence">{complaint.essence}</span>
                <DeadlineLeft next={complaint.deadlines.next} t={t} language={language} />
                {!complaint.assigneeId && <span class="tag">{t('inbox.unassigned')}</span>}
              </a>
            </li>
          ))}
        </ul>
      )}
      {page && page.total > PAGE && (
        <nav class="pager" aria-label={t('inbox.title')}>
          <button type="button" disabled={filters.offset === 0} onClick={() => change({ offset: Math.max(0, filters.offset - PAGE) })}>
            {t('inbox.previous')}
          </button>
          <span>{t('inbox.page', { from: filters.offset + 1, to: Math.min(filters.offset + PAGE, page.total), total: page.total })}</span>
          <button type="button" disabled={filters.offset + PAGE >= page.total} onClick={() => change({ offset: filters.offset + PAGE })}>
            {t('inbox.next')}
          </button>
        </nav>
      )}
    </main>
  );
}
