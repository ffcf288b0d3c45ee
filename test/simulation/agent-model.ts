import { atLocal, localDate, localHour, nextDate } from './calendar-scenario';
import type { SimLanguage } from './arrival-model';
import type { SentComplaint, StaffApi } from './entry-points';

const HOUR = 3_600_000;

/** One member of the care team: when they work and how many steps an hour they get through. */
export interface AgentShift {
  username: string;
  /** Local hours [from, to) on business days, and on Saturdays that are not business days. */
  hours: { business: readonly [number, number]; saturday?: readonly [number, number] };
}

/** A retailer's care team; actions an hour is the pace of one agent (about six minutes a step). */
export interface Staffing {
  weekdayAgents: number;
  saturdayAgents: number;
  actionsPerHour: number;
}

export const DEFAULT_STAFFING: Staffing = { weekdayAgents: 6, saturdayAgents: 2, actionsPerHour: 10 };

/**
 * The weekday team 9-18; the first `saturdayAgents` of them also work Saturdays 10-15, so a
 * complaint taken on a Saturday stays with someone who is back on Monday.
 */
export function shifts(staffing: Staffing): AgentShift[] {
  return Array.from({ length: staffing.weekdayAgents }, (_, i) => ({
    username: `agent${i + 1}`,
    hours: { business: [9, 18] as const, ...(i < staffing.saturdayAgents ? { saturday: [10, 15] as const } : {}) },
  }));
}

const DETAILS: Record<SimLanguage, string> = { az: 'qəbzin nömrəsi', ru: 'номер чека', en: 'the receipt number' };
const EXTENSION_REASONS: Record<SimLanguage, string> = {
  az: 'Ehtiyat hissəsini istehsalçıdan gözləyirik',
  ru: 'ждём запчасть от производителя',
  en: 'We are waiting for the spare part from the manufacturer',
};
/** What the review found and did, as the customer is told it when the fix takes longer than the review. */
const REVIEW_RESULTS: Record<SimLanguage, string> = {
  az: 'Malı yoxladıq: zavod qüsuru təsdiqləndi. Yeni malı anbardan sifariş etdik, gələn kimi dəyişdiriləcək.',
  ru: 'Мы проверили товар: заводской брак подтверждён. Мы заказали новый товар со склада и заменим его, как только он поступит.',
  en: 'We checked the item and confirmed a factory defect. We have ordered a new one from the warehouse and will replace yours as soon as it arrives.',
};
const OUTCOMES: Record<SimLanguage, string> = {
  az: 'Malınız yenisi ilə dəyişdirildi, narahatçılığa görə üzr istəyirik.',
  ru: 'Товар заменён на новый, приносим извинения за неудобства.',
  en: 'Your item has been replaced with a new one; we apologise for the trouble.',
};

/** How many open complaints the team's queue shows at once. */
const QUEUE = 100;

interface ListedComplaint {
  reference: string;
  state: string;
  assigneeId?: string | null;
  deadlines: { reviewBy?: string | null; resolveBy?: string };
}

/** What the agents did, counted by the harness for the progress line; the checker reads the product. */
export interface AgentTally {
  actions: number;
  refused: number;
  detailsRequested: number;
  reviewsFinished: number;
  extensions: number;
}

/** The harness's notes of a complaint's handling: what the agent knows of the case. */
interface CaseNotes {
  detailsAskedAt?: Date;
  workFrom?: Date;
  reviewed?: boolean;
  extended?: boolean;
}

/**
 * The care team over the agent API: on duty by shift, each agent works the complaints they may
 * see (their own and the unassigned queue) in deadline order, nearest first, one step at a time
 * as far as their pace allows. Details are asked for when the case needs them; when the fix will
 * outlast the review deadline, the review is finished at once with its written result (what was
 * found, what was done) and the resolution follows when the work is done; an extension (reason
 * and a new business day) is given as soon as the agent sees the work will outlast the deadline
 * in force, which is always before it passes.
 */
export class AgentModel {
  private readonly budget = new Map<string, number>();

  private readonly notes = new Map<string, CaseNotes>();
  readonly tally: AgentTally = { actions: 0, refused: 0, detailsRequested: 0, reviewsFinished: 0, extensions: 0 };

  constructor(
    private readonly team: readonly AgentShift[],
    private readonly staffing: Staffing,
    private readonly api: StaffApi,
    /** The supervisor whose screen lists the whole team's queue. */
    private readonly lead: string,
    /** Staff account ids by username. */
    private readonly ids: ReadonlyMap<string, string>,
    private readonly businessDays: ReadonlySet<string>,
    private readonly byReference: ReadonlyMap<string, SentComplaint>,
    /** Called when the customer was asked for details, to plan their answer. */
    private readonly onDetailsRequested: (sent: SentComplaint, at: Date) => void,
  ) {}

  onDuty(now: Date): AgentShift[] {
    const date = localDate(now);
    const { hour, weekday } = localHour(now);
    const day = this.businessDays.has(date) ? 'business' : weekday === 6 ? 'saturday' : undefined;
    return this.team.filter((shift) => {
      const hours = day && shift.hours[day];
      return hours !== undefined && hour >= hours[0] && hour < hours[1];
    });
  }

  /** The customer answered: the review resumes and the work starts from now. */
  resumed(reference: string, at: Date): void {
    const notes = this.notesOf(reference);
    notes.workFrom = at;
  }

  /**
   * One step of `stepMs` for everyone on duty: the team works down one queue, every open
   * complaint by its nearest deadline (as a team lead's screen shows it), each agent taking the
   * next complaint that is unassigned or already theirs while their pace allows.
   */
  async work(now: Date, stepMs: number): Promise<number> {
    const team = this.onDuty(now);
    for (const shift of team) this.budget.set(shift.username, Math.min((this.budget.get(shift.username) ?? 0) + (this.staffing.actionsPerHour * stepMs) / HOUR, 3));
    const ready = team.filter((shift) => (this.budget.get(shift.username) ?? 0) >= 1);
    if (ready.length === 0) return 0;
    const before = this.tally.actions;
    const spent = () => ready.every((s) => (this.budget.get(s.username) ?? 0) < 1);
    let turn = 0;
    // Page by page: complaints nobody can move yet (work under way, waiting) fill the first pages.
    for (let offset = 0; !spent(); offset += QUEUE) {
      const listed = await this.api.get(this.lead, `/api/v1/agent/complaints?sort=deadline&limit=${QUEUE}&offset=${offset}`);
      const items = (listed.body as { items?: ListedComplaint[] }).items ?? [];
      for (const item of items) {
        const candidates = ready.filter((shift) => (this.budget.get(shift.username) ?? 0) >= 1 && (!item.assigneeId || item.assigneeId === this.ids.get(shift.username)));
        if (candidates.length === 0) continue;
        const shift = candidates[turn++ % candidates.length]!;
        if (await this.step(shift.username, item, now)) this.budget.set(shift.username, (this.budget.get(shift.username) ?? 0) - 1);
        if (spent()) break;
      }
      if (items.length < QUEUE) break;
    }
    return this.tally.actions - before;
  }

  private async step(username: string, item: ListedComplaint, now: Date): Promise<boolean> {
    const sent = this.byReference.get(item.reference);
    if (!sent) return false;
    const { plan } = sent;
    const notes = this.notesOf(item.reference);
    const path = `/api/v1/agent/complaints/${item.reference}`;
    switch (item.state) {
      case 'received':
        return this.act(username, `${path}/accept`, {});
      case 'accepted':
        notes.workFrom = now;
        return this.act(username, `${path}/review`, {});
      case 'in_review': {
        notes.workFrom ??= now;
        if (plan.needsDetails && !notes.detailsAskedAt) {
          const done = await this.act(username, `${path}/request-details`, { what: [DETAILS[plan.language]] });
          if (done) {
            notes.detailsAskedAt = now;
            this.tally.detailsRequested += 1;
            this.onDetailsRequested(sent, now);
          }
          return done;
        }
        const readyAt = this.afterBusinessDays(notes.workFrom, plan.workDays);
        // A long case: the review's findings go to the customer now, within the review deadline;
        // a quick one is reviewed and resolved in one, and the resolution ends the review.
        const reviewBy = item.deadlines.reviewBy ? new Date(item.deadlines.reviewBy) : undefined;
        if (!notes.reviewed && reviewBy && readyAt > reviewBy) {
          const answer = await this.api.post(username, `${path}/finish-review`, { result: REVIEW_RESULTS[plan.language] });
          // Refused as finished already: someone else wrote the result; the case goes on to its resolution.
          notes.reviewed = answer.status === 200 || answer.body.code === 'review-already-finished';
          if (answer.status !== 200) {
            this.tally.refused += 1;
            return false;
          }
          this.tally.actions += 1;
          this.tally.reviewsFinished += 1;
          return true;
        }
        const resolveBy = item.deadlines.resolveBy ? new Date(item.deadlines.resolveBy) : undefined;
        if (!notes.extended && resolveBy && readyAt > resolveBy && now < resolveBy) {
          const newDate = this.businessDayOnOrAfter(nextDate(localDate(readyAt) > localDate(resolveBy) ? localDate(readyAt) : localDate(resolveBy)), localDate(resolveBy));
          const done = await this.act(username, `${path}/extend`, { reason: EXTENSION_REASONS[plan.language], newDate });
          if (done) {
            notes.extended = true;
            this.tally.extensions += 1;
          }
          return done;
        }
        if (now < readyAt) return false;
        const resolved = await this.act(username, `${path}/resolve`, { outcome: OUTCOMES[plan.language], rootCause: 'defective-product' });
        // The outcome written, the agent closes the case in the same sitting.
        return resolved && (await this.act(username, `${path}/close`, {}));
      }
      case 'resolved':
        return this.act(username, `${path}/close`, {});
      default:
        return false;
    }
  }

  private async act(username: string, path: string, body: object): Promise<boolean> {
    const answer = await this.api.post(username, path, body);
    if (answer.status === 200) {
      this.tally.actions += 1;
      return true;
    }
    // Another agent took it, or it changed state in between: the next one on the list.
    this.tally.refused += 1;
    return false;
  }

  /** `days` business days (whole and part, a business day being 9 working hours) after `from`. */
  private afterBusinessDays(from: Date, days: number): Date {
    let date = localDate(from);
    const whole = Math.floor(days);
    for (let counted = 0; counted < whole; ) {
      date = nextDate(date);
      if (this.businessDays.has(date)) counted += 1;
    }
    const sameTime = from.getTime() - atLocal(localDate(from)).getTime();
    return new Date(atLocal(date).getTime() + sameTime + (days - whole) * 9 * HOUR);
  }

  /** The first business day on or after `date`, strictly after `after`. */
  private businessDayOnOrAfter(date: string, after: string): string {
    let day = date;
    while (!this.businessDays.has(day) || day <= after) day = nextDate(day);
    return day;
  }

  private notesOf(reference: string): CaseNotes {
    let notes = this.notes.get(reference);
    if (!notes) this.notes.set(reference, (notes = {}));
    return notes;
  }
}
