import { byDate, type HolidayDay } from './holiday-day';
import { isIsoDate, yearOf } from './iso-date';

/**
 * Operator-edited corrections to the computed calendar, for the yearly decrees that move days
 * (docs/policy.md: yearly government decrees move days). They are the last word: they
 * apply after the law and the transfer rule, so the operator can copy a decree as it is written.
 */
export interface HolidayOverrides {
  /** Extra days off. */
  readonly add: readonly { readonly date: string; readonly name: string }[];
  /** Computed days off that are working days after all (every holiday on that date goes). */
  readonly remove: readonly string[];
  /** Weekend days made working days by decree; they win over any day off. */
  readonly workdays: readonly string[];
}

export const NO_OVERRIDES: HolidayOverrides = { add: [], remove: [], workdays: [] };

/** A malformed override file; `problems` names every bad entry, not just the first one. */
export class HolidayOverridesError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid holiday overrides: ${problems.join('; ')}`);
    this.name = 'HolidayOverridesError';
  }
}

const TOP_KEYS = ['add', 'remove', 'workdays'] as const;
const ADD_KEYS = ['date', 'name'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(record: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(record).filter((key) => !allowed.includes(key));
}

function checkDate(value: unknown, where: string, problems: string[]): string | undefined {
  if (typeof value !== 'string') {
    problems.push(`${where}: expected a date string "YYYY-MM-DD", got ${JSON.stringify(value) ?? 'nothing'}`);
    return undefined;
  }
  if (!isIsoDate(value)) {
    problems.push(`${where}: "${value}" is not a calendar date "YYYY-MM-DD"`);
    return undefined;
  }
  return value;
}

function dateList(value: unknown, key: 'remove' | 'workdays', problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${key}: expected a list of dates`);
    return [];
  }
  const dates: string[] = [];
  value.forEach((entry: unknown, i) => {
    const date = checkDate(entry, `${key}[${i}]`, problems);
    if (date === undefined) return;
    if (dates.includes(date)) problems.push(`${key}[${i}]: "${date}" is listed twice`);
    else dates.push(date);
  });
  return dates;
}

function addList(value: unknown, problems: string[]): { date: string; name: string }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push('add: expected a list of { "date", "name" } entries');
    return [];
  }
  const entries: { date: string; name: string }[] = [];
  value.forEach((entry: unknown, i) => {
    const where = `add[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`${where}: expected { "date": "YYYY-MM-DD", "name": "…" }`);
      return;
    }
    for (const key of unknownKeys(entry, ADD_KEYS)) problems.push(`${where}: unknown key "${key}" (expected date, name)`);
    const date = checkDate(entry['date'], `${where}.date`, problems);
    const name = entry['name'];
    // A name is required: the calendar must say why a day is off when someone asks.
    const nameOk = typeof name === 'string' && name.trim() !== '';
    if (!nameOk) problems.push(`${where}.name: expected a non-empty text`);
    if (date === undefined || !nameOk) return;
    if (entries.some((known) => known.date === date)) problems.push(`${where}: "${date}" is added twice`);
    else entries.push({ date, name: name.trim() });
  });
  return entries;
}

/**
 * Parses the operator's JSON override file strictly: unknown keys and impossible dates are
 * errors, because a silently ignored typo ("remvoe") would shift every deadline without a trace.
 */
export function parseHolidayOverrides(jsonText: string): HolidayOverrides {
  let data: unknown;
  try {
    data = JSON.parse(jsonText);
  } catch (error) {
    throw new HolidayOverridesError([`not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  if (!isRecord(data)) throw new HolidayOverridesError(['expected an object { "add", "remove", "workdays" }']);
  const problems: string[] = [];
  for (const key of unknownKeys(data, TOP_KEYS)) problems.push(`unknown key "${key}" (expected add, remove, workdays)`);
  const add = addList(data['add'], problems);
  const remove = dateList(data['remove'], 'remove', problems);
  const workdays = dateList(data['workdays'], 'workdays', problems);
  // Contradictions would make the result depend on the order the lists are applied in.
  for (const { date } of add) {
    if (remove.includes(date)) problems.push(`add: "${date}" is also in remove`);
    if (workdays.includes(date)) problems.push(`add: "${date}" is also in workdays`);
  }
  if (problems.length > 0) throw new HolidayOverridesError(problems);
  return { add, remove, workdays };
}

/** Applies `remove` and `add` to the days off of one year (workdays are the counter's business). */
export function applyHolidayOverrides(days: readonly HolidayDay[], year: number, overrides: HolidayOverrides): HolidayDay[] {
  const removed = new Set(overrides.remove);
  const added: HolidayDay[] = overrides.add
    .filter((entry) => yearOf(entry.date) === year)
    .map((entry) => ({ date: entry.date, name: entry.name, kind: 'decree' }));
  return [...days.filter((day) => !removed.has(day.date)), ...added].sort(byDate);
}
