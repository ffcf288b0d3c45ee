/**
 * The personal data policy's rules: a complaint's personal data is used only for the complaint
 * and erased a set time after the complaint ends, keeping its record, steps and dates.
 */

/** What erased free text reads as. */
export const ERASED = '[erased]';

const DAY_MS = 86_400_000;

/** Complaints that ended before this moment are past the retention period. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;
const REFERENCE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
/** Words Plaint writes itself: event types, states, booleans. */
const OWN_TOKEN = /^[a-z][a-z._-]*$/;

function isOwnValue(value: string): boolean {
  return ISO_DATE.test(value) || REFERENCE.test(value) || OWN_TOKEN.test(value);
}

/**
 * A history line's `why` without what a person wrote: Plaint writes "<what happened>: <text>"
 * or "<what happened>; <text>", so the part after the first separator goes unless it is a
 * date, a reference or one of Plaint's own words.
 */
export function redactHistoryWhy(why: string): string {
  const cut = /: |; /.exec(why);
  if (!cut) return why;
  const rest = why.slice(cut.index + 2);
  if (isOwnValue(rest)) return why;
  return `${why.slice(0, cut.index)}: ${ERASED}`;
}

/**
 * What the customer was told with a step, keeping dates, references and Plaint's own words
 * (the status page and the compliance report need them) and erasing written text.
 */
export function redactHistoryDetails(details: Record<string, string> | null): Record<string, string> | null {
  if (!details) return null;
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, isOwnValue(value) ? value : ERASED]));
}
