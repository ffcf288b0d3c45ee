import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, In } from 'typeorm';
import { startPlaint, type RunningPlaint } from '../../apps/plaint/src/bootstrap';
import { SlaClock } from '../../apps/core/src/sla/sla-clock';
import { DeliverNotices } from '../../apps/notifier/src/delivery/deliver-notices';
import { MessageBus } from '../../libs/bus/src';
import { NOTICE_ROUTES } from '../../libs/contracts/src';
import { ComplaintEntity, ComplaintHistoryEntity, NoticeEntity, SlaAlertEntity } from '../../libs/persistence/src';
import { FakeTelegram } from '../support/fake-telegram';
import { legacySmtpServer } from '../support/legacy-smtp-server';
import { UNLIMITED_PUBLIC_RATES } from '../support/plaint-services';
import { AgentModel, DEFAULT_STAFFING, shifts, type Staffing } from './agent-model';
import { planArrivals } from './arrival-model';
import { atLocal, libraryHolidays, localDate, type NamedDay, nextDate, Q1_2027, ScenarioCalendar, writeDecreeFile } from './calendar-scenario';
import { CONVERSATIONAL, DETAIL_ANSWERS, planComplaint, STATUS_WORDS } from './customer-model';
import { EntryPoints, type SentComplaint, TELEGRAM_BOT, TELEGRAM_SECRET, TELEGRAM_TOKEN } from './entry-points';
import { type CheckedComplaint, checkPolicy, type CheckResult, type ReportRow } from './policy-checker';
import { Prng } from './prng';
import { Quiescence } from './settle';
import { StaffSession } from './staff-session';
import { VirtualClock } from './virtual-clock';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface SimulationOptions {
  complaints: number;
  /** First local day (YYYY-MM-DD) complaints arrive on. */
  from: string;
  /** The local day after the last one complaints arrive on. */
  to: string;
  /** Business days the simulation goes on after the last arrival, for the last complaints to be worked. */
  tailDays: number;
  seed: number;
  stepMinutes: number;
  staffing: Staffing;
  /** A progress line. */
  log: (line: string) => void;
}

export const QUARTER: Omit<SimulationOptions, 'log'> = {
  complaints: 5000,
  from: '2027-01-01',
  to: '2027-04-01',
  tailDays: 0,
  seed: 2027,
  stepMinutes: 15,
  staffing: DEFAULT_STAFFING,
};

/** Everything the run produced, for the report writer and the tests. */
export interface SimulationResult {
  options: Omit<SimulationOptions, 'log'>;
  calendar: { libraryHolidays: NamedDay[]; daysOff: NamedDay[]; workingWeekendDays: string[]; decree: typeof Q1_2027.decree; productMismatch: string[] };
  sent: SentComplaint[];
  rows: ReportRow[];
  checked: CheckedComplaint[];
  check: CheckResult;
  report: { json: string; csv: string; html: string | null; htmlStatus: number };
  tally: { actions: number; refused: number; detailsRequested: number; extensions: number; statusAsked: number; answersSent: number; neverAnswered: number };
  endedAt: Date;
  wallMs: number;
}

interface Happening {
  at: Date;
  run: () => Promise<void>;
}

/**
 * Plays the scenario against the one-process product on a virtual clock: boots it in-process
 * (SQLite and the in-process bus in a temporary directory, e-mail to a local SMTP server, Telegram
 * to a local Bot API), sends complaints, answers and status requests in at their times, lets the
 * care team work each step, and after each step runs the SLA clock's and the notifier's passes.
 * Then reads the compliance report and the stored notices and alerts, and checks the policy.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const started = Date.now();
  const { log, ...settings } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-simulation-'));
  const prng = new Prng(options.seed);
  const calendar = new ScenarioCalendar(Q1_2027.daysOff, Q1_2027.workingWeekendDays);
  const clock = new VirtualClock(atLocal(options.from));
  const smtp = await legacySmtpServer();
  const telegram = await FakeTelegram.start();
  let plaint: RunningPlaint | undefined;
  let quiet: Quiescence | undefined;
  try {
    plaint = await startPlaint({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        PLAINT_DATA_DIR: dataDir,
        PLAINT_LOG_LEVEL: process.env.PLAINT_SIMULATION_LOG_LEVEL ?? 'fatal',
        PLAINT_METRICS_PORT: 'off',
        PLAINT_TIME_ZONE: 'Asia/Baku',
        PLAINT_HOLIDAY_COUNTRY: 'AZ',
        PLAINT_HOLIDAY_OVERRIDES_FILE: writeDecreeFile(dataDir),
        // The harness runs the periodic passes itself, after each step of the virtual clock.
        PLAINT_SLA_TICK_MS: '3600000',
        PLAINT_AUTH_TOKEN_TTL_SECONDS: String(24 * 3600),
        PLAINT_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        PLAINT_MAIL_MAX_PER_RECIPIENT_PER_HOUR: '100',
        PLAINT_TELEGRAM_BOT_TOKEN: `${TELEGRAM_BOT}=${TELEGRAM_TOKEN}`,
        PLAINT_TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
        PLAINT_TELEGRAM_API_ROOT: telegram.apiRoot,
        PLAINT_TELEGRAM_CHAT_SEND_INTERVAL_MS: '0',
        PLAINT_TELEGRAM_SENDS_PER_SECOND: '1000',
        ...UNLIMITED_PUBLIC_RATES,
      },
      overrides: { clock },
    });
    const app = plaint.app;
    // The harness's requests and the product's server share one process and one event loop: a
    // long step of the product can hold the loop past the keep-alive's margin, and the server
    // then closes an idle connection the harness is reusing ("fetch failed"). The server keeps
    // idle connections open here; the harness's client closes them (Node's fetch, after 4 s).
    (app.getHttpServer() as Server).keepAliveTimeout = 0;
    const dataSource = app.get(DataSource);
    quiet = new Quiescence(join(dataDir, 'bus.sqlite'), app.get(MessageBus), dataSource);
    const team = shifts(options.staffing);
    const staff = await StaffSession.hire(plaint, () => clock.now(), 6 * 3600_000, [
      ...team.map(({ username }) => [username, 'agent'] as [string, 'agent']),
      ['callcentre', 'agent'],
      ['stores', 'agent'],
      ['supervisor', 'supervisor'],
    ]);

    const horizon = nextDate(options.to, 60);
    const productDays = (await staff.get('supervisor', `/api/v1/agent/calendar?from=${options.from}&to=${horizon}`)).body as { businessDays: string[] };
    const businessDays = new Set(productDays.businessDays);
    const compared = horizon < Q1_2027.coveredUntil ? horizon : Q1_2027.coveredUntil;
    const expectedDays = calendar.businessDays(options.from, compared);
    const productMismatch = [
      ...expectedDays.filter((d) => !businessDays.has(d)).map((d) => `${d}: a business day, but the product has it off`),
      ...productDays.businessDays.filter((d) => d < compared && !expectedDays.includes(d)).map((d) => `${d}: a day off, but the product counts it as a business day`),
    ];

    const arrivals = planArrivals(options.complaints, options.from, options.to, calendar, prng);
    const plans = arrivals.map((arrival, i) => planComplaint(i + 1, arrival, prng));
    const entry = new EntryPoints(plaint, staff, () => clock.now());
    const sent: SentComplaint[] = [];
    const byReference = new Map<string, SentComplaint>();
    const lookups = new Map<string, { at: Date; answered: boolean; status: number }[]>();
    const statusByMessage = new Map<string, Date[]>();
    const tally = { statusAsked: 0, answersSent: 0, neverAnswered: 0 };
    const queue: Happening[] = [];
    const schedule = (happening: Happening) => {
      const at = happening.at.getTime();
      let i = queue.length;
      while (i > 0 && queue[i - 1]!.at.getTime() > at) i -= 1;
      queue.splice(i, 0, happening);
    };

    const agents = new AgentModel(team, options.staffing, staff, 'supervisor', staff.ids, businessDays, byReference, (complaint, at) => {
      const hours = complaint.plan.answersAfterHours;
      if (hours === null) {
        tally.neverAnswered += 1;
        return;
      }
      schedule({
        at: new Date(at.getTime() + hours * 3_600_000),
        run: async () => {
          await entry.write(complaint, DETAIL_ANSWERS[complaint.plan.language]);
          tally.answersSent += 1;
          agents.resumed(complaint.reference ?? '', clock.now());
        },
      });
    });

    for (const plan of plans) {
      schedule({
        at: plan.at,
        run: async () => {
          const complaint = await entry.complain(plan);
          sent.push(complaint);
          for (const ask of plan.statusAsks) {
            schedule({
              at: ask,
              run: async () => {
                if (!complaint.reference) return;
                tally.statusAsked += 1;
                if (CONVERSATIONAL.has(plan.channel)) {
                  statusByMessage.set(complaint.reference, [...(statusByMessage.get(complaint.reference) ?? []), clock.now()]);
                  await entry.write(complaint, STATUS_WORDS[plan.language]);
                } else {
                  const answer = await entry.lookUpStatus(complaint);
                  const answered = answer.status === 200 && typeof answer.state === 'string';
                  lookups.set(complaint.reference, [...(lookups.get(complaint.reference) ?? []), { at: clock.now(), answered, status: answer.status }]);
                }
              },
            });
          }
        },
      });
    }

    const stepMs = options.stepMinutes * MINUTE;
    let end = atLocal(options.to);
    for (let left = options.tailDays; left > 0; ) {
      end = new Date(end.getTime() + DAY);
      if (businessDays.has(localDate(end))) left -= 1;
    }
    const sla = app.get(SlaClock);
    const notices = app.get(DeliverNotices);
    let lastDay = '';
    for (let now = new Date(atLocal(options.from).getTime() + stepMs); now <= end; now = new Date(now.getTime() + stepMs)) {
      while (queue.length > 0 && queue[0]!.at <= now) {
        const happening = queue.shift()!;
        clock.moveTo(happening.at);
        await happening.run();
      }
      clock.moveTo(now);
      await staff.keepAlive();
      await quiet.settle();
      await linkReferences(dataSource, sent, byReference);
      if ((await agents.work(now, stepMs)) > 0) await quiet.settle();
      await sla.tick();
      await deliver(notices);
      await quiet.settle();
      const day = localDate(now);
      if (day !== lastDay) {
        lastDay = day;
        if (new Date(`${day}T00:00:00Z`).getUTCDate() % 7 === 1 || day === options.from) {
          log(`${day}: ${sent.length} complaints in, ${agents.tally.actions} agent steps, ${Math.round((Date.now() - started) / 1000)} s`);
        }
      }
    }
    await linkReferences(dataSource, sent, byReference);

    const period = `from=${options.from}&to=${options.to}`;
    const json = await staff.text('supervisor', `/api/v1/agent/reports/compliance/complaints?${period}`);
    const csv = await staff.text('supervisor', `/api/v1/agent/reports/compliance/complaints?${period}&format=csv`);
    const html = await staff.text('supervisor', `/api/v1/agent/reports/compliance/complaints?${period}&format=html`);
    if (json.status !== 200 || csv.status !== 200) throw new Error(`the compliance report answered ${json.status} / ${csv.status}`);
    const reportRows = (JSON.parse(json.text) as { complaints: ReportRow[] }).complaints;

    const checked = await readChecked(dataSource, reportRows, byReference, statusByMessage, lookups);
    const check = checkPolicy(checked, calendar, clock.now());
    const reported = new Set(reportRows.map((row) => row.reference));
    for (const complaint of sent) {
      if (!complaint.reference) check.violations.push({ reference: `#${complaint.plan.n}`, rule: 'not-registered', explanation: `sent on ${complaint.plan.channel} at ${complaint.plan.at.toISOString()}, no complaint recorded` });
      else if (!reported.has(complaint.reference)) check.violations.push({ reference: complaint.reference, rule: 'report-missing', explanation: 'recorded, but not in the compliance report' });
    }
    return {
      options: settings,
      calendar: { libraryHolidays: libraryHolidays(options.from, options.to), daysOff: Q1_2027.daysOff, workingWeekendDays: Q1_2027.workingWeekendDays, decree: Q1_2027.decree, productMismatch },
      sent,
      rows: reportRows,
      checked,
      check,
      report: { json: json.text, csv: csv.text, html: html.status === 200 ? html.text : null, htmlStatus: html.status },
      tally: { ...agents.tally, ...tally },
      endedAt: clock.now(),
      wallMs: Date.now() - started,
    };
  } finally {
    quiet?.close();
    await plaint?.close();
    await telegram.close();
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The notifier's pass on every route it has a transport for. */
async function deliver(notices: DeliverNotices): Promise<void> {
  for (const route of NOTICE_ROUTES) await notices.loop(route)?.sendDue();
}

/** Finds the reference the product gave each complaint sent on a conversation. */
async function linkReferences(dataSource: DataSource, sent: readonly SentComplaint[], byReference: Map<string, SentComplaint>): Promise<void> {
  const unlinked = sent.filter((s) => !s.reference);
  for (const s of sent) if (s.reference && !byReference.has(s.reference)) byReference.set(s.reference, s);
  if (unlinked.length === 0) return;
  const found = await dataSource.getRepository(ComplaintEntity).find({
    select: { reference: true, channel: true, conversation: true },
    where: { conversation: In(unlinked.map((s) => s.conversation)) },
  });
  const byConversation = new Map(found.map((c) => [`${c.channel}|${c.conversation}`, c.reference]));
  for (const s of unlinked) {
    const reference = byConversation.get(`${s.plan.channel}|${s.conversation}`);
    if (!reference) continue;
    s.reference = reference;
    byReference.set(reference, s);
  }
}

/** The checker's input, read from the product: the report's rows, the stored notices, alerts and history. */
async function readChecked(
  dataSource: DataSource,
  rows: readonly ReportRow[],
  byReference: ReadonlyMap<string, SentComplaint>,
  statusByMessage: ReadonlyMap<string, Date[]>,
  lookups: ReadonlyMap<string, { at: Date; answered: boolean; status: number }[]>,
): Promise<CheckedComplaint[]> {
  const complaints = await dataSource.getRepository(ComplaintEntity).find({ select: { id: true, reference: true } });
  const idOf = new Map(complaints.map((c) => [c.reference, c.id]));
  const notices = await dataSource.getRepository(NoticeEntity).find();
  const alerts = await dataSource.getRepository(SlaAlertEntity).find();
  const detailLines = await dataSource.getRepository(ComplaintHistoryEntity).find({ where: { step: 'complaint.details-requested' } });
  const group = <T>(items: T[], key: (item: T) => string | null) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const k = key(item);
      if (k) map.set(k, [...(map.get(k) ?? []), item]);
    }
    return map;
  };
  const noticesOf = group(notices, (n) => n.complaintId);
  const alertsOf = group(alerts, (a) => a.complaintId);
  const detailsOf = group(detailLines, (h) => h.complaintId);
  return rows.map((row) => {
    const id = idOf.get(row.reference) ?? '';
    const plan = byReference.get(row.reference)?.plan;
    return {
      row,
      language: plan?.language ?? 'az',
      customerName: plan?.fullName ?? '',
      notices: (noticesOf.get(id) ?? []).map((n) => ({
        event: n.eventType,
        channel: n.channel,
        route: n.route,
        language: n.language,
        status: n.status,
        text: n.text,
        createdAt: n.createdAt,
      })),
      alerts: (alertsOf.get(id) ?? []).map((a) => ({ deadline: a.deadline, kind: a.kind, dueAt: a.dueAt, createdAt: a.createdAt })),
      detailsRequests: detailsOf.get(id)?.length ?? 0,
      statusRequestsByMessage: statusByMessage.get(row.reference) ?? [],
      statusLookups: lookups.get(row.reference) ?? [],
    };
  });
}
