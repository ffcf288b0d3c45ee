/**
 * The compliance report complaint by complaint as one printable HTML document: the period and
 * filters, the headline counts, a chart of the deadlines kept per week, then every complaint with
 * its deadlines, extensions and notices. Self-contained (no script, no image, no font, one inline
 * stylesheet whose hash the Content-Security-Policy names), readable printed in black and white on
 * A4 landscape. Pure: the rows come from complianceComplaintRows.
 */
import { createHash } from 'node:crypto';
import type { ComplaintRowFilter, ComplianceComplaintRow, DeadlineView } from './compliance-complaints';
import { deadlinesKeptByWeek, type DeadlineTally, type WeekDeadlines } from './deadlines-kept-by-week';

/** Markup already escaped; anything else put in the `html` template is escaped on the way in. */
class Html {
  constructor(readonly text: string) {}
}

type HtmlValue = Html | string | number | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function markup(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  return value.map(markup).join('');
}

/** Every interpolated value is escaped unless it is markup made by this template. */
function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  return new Html(strings.reduce((text, part, i) => text + markup(values[i - 1]) + part));
}

/** The report's only stylesheet; its hash is what the Content-Security-Policy lets through. */
export const COMPLIANCE_REPORT_STYLE = `
@page { size: A4 landscape; margin: 12mm; }
body { font: 9pt/1.35 system-ui, sans-serif; color: #000; background: #fff; margin: 0 auto; max-width: 277mm; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; }
p { margin: 0 0 1.5mm; }
dl.headline { display: flex; flex-wrap: wrap; gap: 2mm 8mm; margin: 3mm 0; }
dl.headline div { border: 1px solid #000; padding: 1.5mm 3mm; }
dl.headline dt { font-size: 8pt; }
dl.headline dd { margin: 0; font-size: 14pt; font-weight: bold; }
figure { margin: 0; break-inside: avoid; }
svg { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.number, th.number { text-align: right; }
time { white-space: nowrap; }
td.list { width: 22%; }
ul { margin: 0; padding-left: 3.5mm; }
.missed { font-weight: bold; text-transform: uppercase; }
.muted { color: #444; }
.caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 1mm; }
`;

/** The CSP source of the stylesheet above: 'sha256-…' of its exact text. */
export const COMPLIANCE_REPORT_STYLE_SOURCE = `'sha256-${createHash('sha256').update(COMPLIANCE_REPORT_STYLE).digest('base64')}'`;

/**
 * The policy of the document alone: nothing may load, no script may run, the stylesheet above
 * applies. It travels in the document too, so a saved copy keeps it; a <meta> policy cannot say
 * who may frame the page, so the answer's header adds that.
 */
const DOCUMENT_CSP = ["default-src 'none'", `style-src ${COMPLIANCE_REPORT_STYLE_SOURCE}`, "base-uri 'none'", "form-action 'none'"].join('; ');

/**
 * The Content-Security-Policy header of the answer: the agent API's usual policy allows styles
 * from our files only, which this self-contained document has none of.
 */
export const COMPLIANCE_REPORT_CSP = `${DOCUMENT_CSP}; frame-ancestors 'none'`;

export interface PrintableComplianceReport {
  /** The local days asked for: from included, to excluded (YYYY-MM-DD). */
  from: string;
  to: string;
  filter: ComplaintRowFilter;
  rows: readonly ComplianceComplaintRow[];
  /** The company's time zone, in which every date is shown and the weeks counted. */
  timeZone: string;
  /** The local date of an instant in that zone (BusinessCalendar.localDate). */
  localDate: (instant: Date) => string;
  generatedAt: Date;
}

const KIND_NAMES = { accept: 'Acceptance', review: 'Review', resolve: 'Resolution' } as const;

/** YYYY-MM-DD HH:mm in the zone, kept on one line. */
function localTime(timeZone: string): (iso: string | null) => Html {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (iso) => {
    if (iso === null) return html``;
    const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
    return html`<time datetime="${iso}">${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}</time>`;
  };
}

const dayBefore = (isoDate: string): string => new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const percent = (tally: DeadlineTally): string => {
  const decided = tally.met + tally.missed;
  return decided === 0 ? '–' : `${Math.round((tally.met / decided) * 100)}%`;
};

function total(weeks: readonly WeekDeadlines[]): DeadlineTally {
  return weeks.reduce((sum, week) => ({ met: sum.met + week.all.met, missed: sum.missed + week.all.missed, pending: sum.pending + week.all.pending }), { met: 0, missed: 0, pending: 0 });
}

/** The smallest of 1, 2, 5 × 10^n at or above the highest bar, so the axis has round ticks. */
export function chartScale(highest: number): number {
  let step = 1;
  for (;;) {
    for (const factor of [1, 2, 5]) if (factor * step >= Math.max(highest, 1)) return factor * step;
    step *= 10;
  }
}

/** The chart's geometry, in SVG user units. */
export const CHART = { plotHeight: 160, groupWidth: 56, barWidth: 30, left: 48, top: 30, bottom: 48, right: 12 } as const;

/** Met (solid) and missed (hatched) stacked per week: the two stay apart printed in black and white. */
function chart(weeks: readonly WeekDeadlines[]): Html {
  const max = chartScale(Math.max(0, ...weeks.map((week) => week.all.met + week.all.missed)));
  const { plotHeight, groupWidth, barWidth, left, top, bottom, right } = CHART;
  const width = left + weeks.length * groupWidth + right;
  const height = top + plotHeight + bottom;
  const base = top + plotHeight;
  const y = (value: number) => (value / max) * plotHeight;
  const ticks = [0, max / 2, max].filter((tick) => Number.isInteger(tick));
  const summary = weeks.map((week) => `${week.isoWeek}: ${week.all.met} met, ${week.all.missed} missed`).join('; ');
  return html`<figure>
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" data-testid="deadlines-chart" data-scale="${max}">
<title id="chart-title">Deadlines kept per week of due date</title>
<desc id="chart-desc">${summary}</desc>
<defs><pattern id="missed-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern></defs>
<g font-size="10" font-family="sans-serif" fill="#000">
<rect x="${left}" y="6" width="12" height="12" fill="#333" stroke="#000"/><text x="${left + 16}" y="16">met</text>
<rect x="${left + 60}" y="6" width="12" height="12" fill="url(#missed-hatch)" stroke="#000"/><text x="${left + 76}" y="16">missed</text>
${ticks.map((tick) => html`<line x1="${left - 4}" y1="${base - y(tick)}" x2="${width - right}" y2="${base - y(tick)}" stroke="#bbb"/><text x="${left - 6}" y="${base - y(tick) + 3}" text-anchor="end">${tick}</text>`)}
<line x1="${left}" y1="${top}" x2="${left}" y2="${base}" stroke="#000"/>
<line x1="${left}" y1="${base}" x2="${width - right}" y2="${base}" stroke="#000"/>
<text transform="translate(12 ${top + plotHeight / 2}) rotate(-90)" text-anchor="middle">Deadlines</text>
${weeks.map((week, i) => {
  const x = left + i * groupWidth + (groupWidth - barWidth) / 2;
  const met = y(week.all.met);
  const missed = y(week.all.missed);
  return html`<g data-week="${week.week}" data-met="${week.all.met}" data-missed="${week.all.missed}">
<rect data-part="met" x="${x}" y="${base - met}" width="${barWidth}" height="${met}" fill="#333" stroke="#000"/>
<rect data-part="missed" x="${x}" y="${base - met - missed}" width="${barWidth}" height="${missed}" fill="url(#missed-hatch)" stroke="#000"/>
<text x="${x + barWidth / 2}" y="${base + 14}" text-anchor="middle">${week.isoWeek.slice(5)}</text>
<text x="${x + barWidth / 2}" y="${base + 26}" text-anchor="middle" font-size="8">${week.week.slice(5)}</text>
</g>`;
})}
<text x="${left + (width - left - right) / 2}" y="${height - 6}" text-anchor="middle">ISO week of the due date (and its Monday)</text>
</g>
</svg>
</figure>`;
}

function weekTable(weeks: readonly WeekDeadlines[]): Html {
  const kinds = ['accept', 'review', 'resolve'] as const;
  const cells = (tally: DeadlineTally) => html`<td class="number">${tally.met}</td><td class="number">${tally.missed}</td><td class="number">${tally.pending}</td>`;
  return html`<table data-testid="weeks-table">
<caption class="caption">Deadlines per week of due date: met, missed, pending</caption>
<thead><tr><th rowspan="2" scope="col">Week</th>${kinds.map((kind) => html`<th colspan="3" scope="colgroup">${KIND_NAMES[kind]}</th>`)}<th rowspan="2" scope="col" class="number">Kept</th></tr>
<tr>${kinds.map(() => html`<th scope="col" class="number">met</th><th scope="col" class="number">missed</th><th scope="col" class="number">pending</th>`)}</tr></thead>
<tbody>${weeks.map((week) => html`<tr data-week="${week.week}"><th scope="row">${week.isoWeek} (${week.week})</th>${kinds.map((kind) => cells(week[kind]))}<td class="number">${percent(week.all)}</td></tr>`)}</tbody>
</table>`;
}

/** A deadline: when it was due, the steps that count for it, and whether it was kept. */
function deadlineCell(view: DeadlineView | null, when: (iso: string | null) => Html, steps: [string, string | null][]): Html {
  if (!view) return html`<td class="muted">not set yet</td>`;
  const happened = steps.filter((step): step is [string, string] => step[1] !== null);
  return html`<td>due ${when(view.by)}${happened.map(([label, at]) => html`<br>${label} ${when(at)}`)}<br><span class="${view.status}">${view.status}</span></td>`;
}

function complaintRow(row: ComplianceComplaintRow, when: (iso: string | null) => Html): Html {
  const extended = row.originalResolve.by !== row.resolve.by;
  return html`<tr data-reference="${row.reference}" data-outcome="${row.outcome}">
<th scope="row">${row.reference}</th>
<td>${row.channel}<br><span class="muted">${row.state}</span></td>
<td>${when(row.receivedAt)}</td>
${deadlineCell(row.accept, when, [['accepted', row.acceptedAt]])}
${deadlineCell(row.review, when, [['started', row.reviewStartedAt], row.reviewedAt ? ['finished', row.reviewedAt] : ['resolved', row.resolvedAt]])}
<td>due ${when(row.resolve.by)}${extended ? html`<br><span class="muted">first ${when(row.originalResolve.by)} (${row.originalResolve.status})</span>` : ''}${row.resolvedAt ? html`<br>resolved ${when(row.resolvedAt)}` : ''}${row.endedAt ? html`<br>ended ${when(row.endedAt)}` : ''}<br><span class="${row.resolve.status}">${row.resolve.status}</span></td>
<td><span class="${row.outcome}">${row.outcome}</span></td>
<td class="list">${row.extensions.length === 0 ? html`<span class="muted">none</span>` : html`<ul>${row.extensions.map((e) => html`<li data-testid="extension">${when(e.at)}: ${when(e.previousDate)} → ${when(e.newDate)}, “${e.reason}”</li>`)}</ul>`}</td>
<td class="list">${row.notices.length === 0 ? html`<span class="muted">none</span>` : html`<ul>${row.notices.map((n) => html`<li>${n.event.replace(/^complaint\./, '')}: ${n.channel}${n.route ? html` via ${n.route}` : ''}, ${n.status}${n.sentAt ? html` ${when(n.sentAt)}` : ''}${n.receipt ? html`, ${n.receipt}` : ''}</li>`)}</ul>`}</td>
</tr>`;
}

/** The whole document. */
export function complianceReportHtml(report: PrintableComplianceReport): string {
  const when = localTime(report.timeZone);
  const weeks = deadlinesKeptByWeek(report.rows, report.localDate);
  const deadlines = total(weeks);
  const outcomes = { met: 0, missed: 0, pending: 0 };
  for (const row of report.rows) outcomes[row.outcome] += 1;
  const last = dayBefore(report.to);
  const filters = [report.filter.channel ? `channel ${report.filter.channel}` : 'every channel', report.filter.outcome ? `outcome ${report.filter.outcome}` : 'every outcome'].join(', ');
  const figure = (label: string, value: string | number, key: string) => html`<div><dt>${label}</dt><dd data-testid="headline-${key}">${value}</dd></div>`;
  const document = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compliance report ${report.from} to ${last}</title>
<style>${new Html(COMPLIANCE_REPORT_STYLE)}</style>
</head>
<body>
<header>
<h1>Compliance report: complaints received ${report.from} to ${last}</h1>
<p data-testid="filters">Filters: ${filters}. Dates and times in ${report.timeZone}; generated ${when(report.generatedAt.toISOString())}.</p>
</header>
<dl class="headline">
${figure('Complaints', report.rows.length, 'complaints')}
${figure('Every deadline met', outcomes.met, 'met')}
${figure('A deadline missed', outcomes.missed, 'missed')}
${figure('Deadlines still running', outcomes.pending, 'pending')}
${figure(`Deadlines kept (${deadlines.met} of ${deadlines.met + deadlines.missed} due)`, percent(deadlines), 'kept')}
</dl>
<section aria-labelledby="weeks-title">
<h2 id="weeks-title">Deadlines kept per week</h2>
${weeks.length === 0 ? html`<p>No deadlines in this report.</p>` : html`${chart(weeks)}${weekTable(weeks)}`}
</section>
<section aria-labelledby="complaints-title">
<h2 id="complaints-title">Complaints (${report.rows.length})</h2>
<table data-testid="complaints-table">
<thead><tr><th scope="col">Reference</th><th scope="col">Channel, state</th><th scope="col">Received</th><th scope="col">Acceptance</th><th scope="col">Review</th><th scope="col">Resolution</th><th scope="col">Outcome</th><th scope="col">Extensions</th><th scope="col">Notices</th></tr></thead>
<tbody>${report.rows.map((row) => complaintRow(row, when))}</tbody>
</table>
</section>
</body>
</html>
`;
  return document.text;
}
