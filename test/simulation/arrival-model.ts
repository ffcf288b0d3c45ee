import { atLocal, localDate, localHour, nextDate, type ScenarioCalendar } from './calendar-scenario';
import type { Prng } from './prng';

export const SIM_CHANNELS = ['chat', 'email', 'web_form', 'telegram', 'phone', 'complaint_book'] as const;
export type SimChannel = (typeof SIM_CHANNELS)[number];
export type SimLanguage = 'az' | 'ru' | 'en';

/** Relative arrivals by local hour: little at night, a lunchtime and a larger evening peak. */
const HOURLY = [0.25, 0.12, 0.06, 0.05, 0.05, 0.1, 0.3, 0.6, 1.0, 1.3, 1.4, 1.5, 1.9, 2.0, 1.5, 1.3, 1.3, 1.4, 1.6, 2.1, 2.3, 2.0, 1.2, 0.5];
const WEEKEND = 0.6;
const HOLIDAY = 0.5;
/** The first two business days after three or more days off bring what waited over the break. */
const SURGE = [1.8, 1.4];

/** A retailer's mix; the call centre takes calls 9-19, the stores' complaint books are open 10-21. */
const CHANNEL_MIX: Record<SimChannel, number> = { chat: 28, email: 22, web_form: 14, telegram: 18, phone: 12, complaint_book: 6 };
const LANGUAGE_MIX: Record<SimLanguage, number> = { az: 55, ru: 35, en: 10 };

export interface Arrival {
  at: Date;
  channel: SimChannel;
  language: SimLanguage;
}

function hourWeight(start: Date, calendar: ScenarioCalendar, surge: ReadonlyMap<string, number>): number {
  const { hour, weekday } = localHour(start);
  const date = localDate(start);
  const weekend = weekday === 0 || weekday === 6;
  let weight = HOURLY[hour]!;
  if (!calendar.isBusinessDay(date)) weight *= weekend ? WEEKEND : HOLIDAY;
  return weight * (surge.get(date) ?? 1);
}

/** Business days right after a break of three or more days off, with their surge factor. */
function surgeDays(from: string, to: string, calendar: ScenarioCalendar): Map<string, number> {
  const surge = new Map<string, number>();
  let off = 0;
  for (let date = from; date < to; date = nextDate(date)) {
    if (!calendar.isBusinessDay(date)) {
      off += 1;
      continue;
    }
    if (off >= 3) {
      surge.set(date, SURGE[0]!);
      let next = nextDate(date);
      while (!calendar.isBusinessDay(next)) next = nextDate(next);
      surge.set(next, SURGE[1]!);
    }
    off = 0;
  }
  return surge;
}

function channelAt(at: Date, calendar: ScenarioCalendar, prng: Prng): SimChannel {
  const { hour } = localHour(at);
  const open = calendar.isBusinessDay(localDate(at)) || localHour(at).weekday === 6;
  const mix = { ...CHANNEL_MIX };
  if (!(open && hour >= 9 && hour < 19)) mix.phone = 0;
  if (!(hour >= 10 && hour < 21)) mix.complaint_book = 0;
  return prng.weighted(mix);
}

/** `count` arrivals in [from, to) (local dates), oldest first. */
export function planArrivals(count: number, from: string, to: string, calendar: ScenarioCalendar, prng: Prng): Arrival[] {
  const surge = surgeDays(nextDate(from, -7), to, calendar);
  const hours: { start: Date; cumulative: number }[] = [];
  let total = 0;
  for (let start = atLocal(from); start < atLocal(to); start = new Date(start.getTime() + 3_600_000)) {
    total += hourWeight(start, calendar, surge);
    hours.push({ start, cumulative: total });
  }
  const arrivals: Arrival[] = [];
  for (let i = 0; i < count; i += 1) {
    const r = prng.next() * total;
    let lo = 0;
    let hi = hours.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hours[mid]!.cumulative < r) lo = mid + 1;
      else hi = mid;
    }
    const at = new Date(hours[lo]!.start.getTime() + Math.floor(prng.next() * 3_600_000));
    arrivals.push({ at, channel: channelAt(at, calendar, prng), language: prng.weighted(LANGUAGE_MIX) });
  }
  return arrivals.sort((a, b) => a.at.getTime() - b.at.getTime());
}
