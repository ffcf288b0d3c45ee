import { useEffect, useState } from 'preact/hooks';
import { CHANNELS, type ComplaintSummary, type ComplianceReport, type ComplianceWeek, type Dashboard as DashboardFigures } from './api-types';
import { AnyOfSelect } from './any-of-select';
import { type Bar, BarChart, BarTable } from './bar-chart';
import { DeadlineLeft } from './deadline-left';
import { problemText, useDesk } from './desk-context';
import { nameOf, type Translate } from './i18n';
import { navigate, pathOf } from './route';
import { addDays, companyToday } from './time';

const DEADLINE_BUCKETS = ['overdue', 'today', 'week', 'later'] as const;
/** A week's label is its Monday, YYYY-MM-DD: narrower than a state's or a channel's name. */
const WEEK_LABEL_WIDTH = 90;

/** The period shown at first: this month up to and including today, in the company's time zone. */
function thisMonth(): { from: string; to: string } {
  const today = companyToday();
  return { from: `${today.slice(0, 8)}01`, to: addDays(today, 1) };
}

/** A file handed to the browser to save, from a Blob fetched with the agent's token. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const OUTCOMES = ['met', 'missed', 'pending'] as const;

/**
 * Shows a fetched document in the window opened for it. The window is opened at the click, while
 * the browser still counts it as the agent's doing (a window opened after the fetch may be
 * blocked as a pop-up), and cut from the desk: the document has no script, and needs no opener.
 */
function show(view: Window, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  view.opener = null;
  view.location.replace(url);
  // The window has read the document by then; it keeps it, and printing does not fetch again.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function ComplaintLinks({ items, t, testId, empty }: { items: ComplaintSummary[]; t: Translate; testId: string; empty: string }) {
  const { language } = useDesk();
  if (items.length === 0) return <p data-testid={`${testId}-empty`}>{empty}</p>;
  const open = (event: MouseEvent, complaint: ComplaintSummary) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    navigate({ screen: 'complaint', id: complaint.id });
  };
  return (
    <ul class="complaints" data-testid={testId}>
      {items.map((complaint) => (
        <li key={complaint.id} data-testid={`${testId}-row`} data-reference={complaint.reference}>
          <a href={pathOf({ screen: 'complaint', id: complaint.id })} onClick={(event) => open(event, complaint)}>
            <span class="reference">{complaint.reference}</span>
            <span class={`state state-${complaint.state}`}>{nameOf(t, 'state', complaint.state)}</span>
            <span class="channel">{nameOf(t, 'channel', complaint.channel)}</span>
            <span class="name">{complaint.customer.name ?? t('complaint.noName')}</span>
            <DeadlineLeft next={complaint.deadlines.next} t={t} language={language} />
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A chart and the table of the same figures, side by side (one above the other on a phone). */
function Figures({ title, head, bars, testId }: { title: string; head: [string, string]; bars: Bar[]; testId: string }) {
  return (
    <section class="card" aria-label={title}>
      <h2>{title}</h2>
      <div class="chart-pair">
        <BarChart title={title} bars={bars} testId={`${testId}-chart`} />
        <BarTable caption={title} head={head} bars={bars} testId={`${testId}-table`} />
      </div>
    </section>
  );
}

function SummaryTable({ report, t }: { report: ComplianceReport; t: Translate }) {
  const rows: [string, number][] = [
    [t('report.complaints'), report.complaints],
    [t('report.acceptedWithin', { days: report.policy.acceptWithinBusinessDays }), report.accepted.withinDeadline],
    [t('report.acceptedLate'), report.accepted.late],
    [t('report.acceptPending'), report.accepted.pending],
    [t('report.resolvedWithin', { days: report.policy.resolveWithinBusinessDays }), report.resolved.withinDeadline],
    [t('report.resolvedExtended'), report.resolved.withinExtendedDeadline],
    [t('report.resolvedLate'), report.resolved.late],
    [t('report.resolvePending'), report.resolved.pending],
    [t('report.extended'), report.extended],
    [t('report.breached'), report.breached],
  ];
  return (
    <table class="figures" data-testid="report-table">
      <caption>{t('report.summary')}</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The policy's three measures a chart each, week by week, then every weekly figure in a table. */
function WeekFigures({ report, t }: { report: ComplianceReport; t: Translate }) {
  const weeks = report.byWeek;
  const measures: { key: string; name: string; value: (week: ComplianceWeek) => number }[] = [
    { key: 'accepted', name: t('report.acceptedWithin', { days: report.policy.acceptWithinBusinessDays }), value: (week) => week.acceptedWithinDeadline },
    { key: 'resolved', name: t('report.resolvedWithin', { days: report.policy.resolveWithinBusinessDays }), value: (week) => week.resolvedWithinDeadline },
    { key: 'extended', name: t('report.extended'), value: (week) => week.extended },
  ];
  // One scale for all three, the busiest week's complaints: a full bar is every complaint of that week.
  const busiest = Math.max(1, ...weeks.map((week) => week.complaints));
  return (
    <>
      <h3>{t('report.byWeek')}</h3>
      <div class="week-charts">
        {measures.map((measure) => {
          const title = t('report.perWeek', { measure: measure.name });
          const bars: Bar[] = weeks.map((week) => ({ key: week.week, label: week.week, value: measure.value(week) }));
          const description = weeks
            .map((week) => t('report.weekFigure', { week: week.week, value: measure.value(week), complaints: week.complaints }))
            .join('; ');
          return (
            <figure key={measure.key}>
              <figcaption>{title}</figcaption>
              <BarChart title={title} bars={bars} scale={busiest} description={description} labelWidth={WEEK_LABEL_WIDTH} testId={`report-week-${measure.key}-chart`} />
            </figure>
          );
        })}
      </div>
      <div class="table-scroll">
        <table class="figures" data-testid="report-weeks">
          <caption>{t('report.byWeek')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.week')}</th>
              <th scope="col">{t('report.complaints')}</th>
              <th scope="col">{t('report.acceptedWithin', { days: report.policy.acceptWithinBusinessDays })}</th>
              <th scope="col">{t('report.resolvedWithin', { days: report.policy.resolveWithinBusinessDays })}</th>
              <th scope="col">{t('report.extended')}</th>
              <th scope="col">{t('report.breached')}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.week} data-key={week.week}>
                <th scope="row">{week.week}</th>
                <td>{week.complaints}</td>
                <td>{week.acceptedWithinDeadline}</td>
                <td>{week.resolvedWithinDeadline}</td>
                <td>{week.extended}</td>
                <td>{week.breached}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The compliance report of a period: the figures, by week and by channel, and the CSV to take away. */
function Compliance() {
  const { api, t } = useDesk();
  const [period, setPeriod] = useState(thisMonth);
  const [shown, setShown] = useState(period);
  const [report, setReport] = useState<ComplianceReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [print, setPrint] = useState({ channel: '', outcome: '' });

  useEffect(() => {
    let current = true;
    setProblem(null);
    api.compliance(shown.from, shown.to).then(
      (answer) => current && setReport(answer),
      (error: unknown) => current && setProblem(problemText(error, t)),
    );
    return () => {
      current = false;
    };
  }, [api, shown]);

  const download = async () => {
    setProblem(null);
    try {
      save(await api.complianceCsv(shown.from, shown.to), `compliance-${shown.from}-${shown.to}.csv`);
    } catch (error) {
      setProblem(problemText(error, t));
    }
  };

  const printable = async () => {
    setProblem(null);
    const view = window.open('', '_blank');
    if (!view) {
      setProblem(t('report.popupBlocked'));
      return;
    }
    try {
      show(view, await api.complianceHtml(period.from, period.to, print));
    } catch (error) {
      view.close();
      setProblem(problemText(error, t));
    }
  };

  const channels: Bar[] = (report?.byChannel ?? []).map((row) => ({ key: row.channel, label: nameOf(t, 'channel', row.channel), value: row.complaints }));
  return (
    <section class="card" aria-labelledby="report-title" data-testid="report">
      <h2 id="report-title">{t('report.title')}</h2>
      <form
        class="period"
        onSubmit={(event) => {
          event.preventDefault();
          setShown(period);
        }}
      >
        <label>
          {t('report.from')}
          <input type="date" required value={period.from} onInput={(e) => setPeriod({ ...period, from: e.currentTarget.value })} data-testid="report-from" />
        </label>
        <label>
          {t('report.to')}
          <input type="date" required value={period.to} onInput={(e) => setPeriod({ ...period, to: e.currentTarget.value })} data-testid="report-to" />
        </label>
        <button type="submit" data-testid="report-show">
          {t('report.show')}
        </button>
        <button type="button" class="quiet" onClick={() => void download()} data-testid="report-csv">
          {t('report.csv')}
        </button>
      </form>
      <div class="period printable">
        <AnyOfSelect
          label={t('inbox.channel')}
          anyLabel={t('inbox.any')}
          value={print.channel}
          values={CHANNELS}
          nameOf={(channel) => nameOf(t, 'channel', channel)}
          onChange={(channel) => setPrint({ ...print, channel })}
          testId="report-channel"
        />
        <AnyOfSelect
          label={t('report.outcome')}
          anyLabel={t('inbox.any')}
          value={print.outcome}
          values={OUTCOMES}
          nameOf={(outcome) => t(`report.outcome.${outcome}`)}
          onChange={(outcome) => setPrint({ ...print, outcome })}
          testId="report-outcome"
        />
        <button type="button" class="quiet" onClick={() => void printable()} data-testid="report-printable">
          {t('report.printable')}
        </button>
      </div>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {report && (
        <>
          <SummaryTable report={report} t={t} />
          <WeekFigures report={report} t={t} />
          <h3>{t('report.byChannel')}</h3>
          <div class="chart-pair">
            <BarChart title={t('report.byChannel')} bars={channels} testId="report-channels-chart" />
            <BarTable caption={t('report.byChannel')} head={[t('inbox.channel'), t('report.complaints')]} bars={channels} testId="report-channels" />
          </div>
        </>
      )}
    </section>
  );
}

/** The supervisor's dashboard: where the open complaints stand, what is late or nearly so, and the report. */
export function Dashboard() {
  const { api, t, changes } = useDesk();
  const [figures, setFigures] = useState<DashboardFigures | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.dashboard().then(
      (answer) => {
        if (!current) return;
        setFigures(answer);
        setProblem(null);
      },
      (error: unknown) => current && setProblem(problemText(error, t)),
    );
    return () => {
      current = false;
    };
  }, [api, changes.count]);

  const states: Bar[] = Object.entries(figures?.byState ?? {}).map(([state, count]) => ({ key: state, label: nameOf(t, 'state', state), value: count }));
  const deadlines: Bar[] = DEADLINE_BUCKETS.map((bucket) => ({ key: bucket, label: t(`dashboard.${bucket}`), value: figures?.byDeadline[bucket] ?? 0 }));
  return (
    <main data-testid="dashboard">
      <h1>{t('dashboard.title')}</h1>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {!figures && !problem && <p aria-busy="true">{t('inbox.loading')}</p>}
      {figures && (
        <>
          <div class="dashboard-grid">
            <Figures title={t('dashboard.byState')} head={[t('inbox.state'), t('report.complaints')]} bars={states} testId="by-state" />
            <Figures title={t('dashboard.byDeadline')} head={[t('complaint.deadline'), t('report.complaints')]} bars={deadlines} testId="by-deadline" />
          </div>
          <section class="card" aria-labelledby="breaches-title">
            <h2 id="breaches-title">{t('dashboard.breaches')}</h2>
            <ComplaintLinks items={figures.breaches} t={t} testId="breaches" empty={t('dashboard.noBreaches')} />
          </section>
          <section class="card" aria-labelledby="near-title">
            <h2 id="near-title">{t('dashboard.nearBreaches')}</h2>
            <ComplaintLinks items={figures.nearBreaches} t={t} testId="near-breaches" empty={t('dashboard.noNearBreaches')} />
          </section>
        </>
      )}
      <Compliance />
    </main>
  );
}
