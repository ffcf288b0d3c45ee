/** Why a day is off: the law itself, the transfer rule (or a library substitute), or a decree. */
export type HolidayKind = 'public' | 'transfer' | 'decree';

/** One day off for one reason. A date can appear more than once when two holidays collide. */
export interface HolidayDay {
  /** Local calendar date, "YYYY-MM-DD". */
  readonly date: string;
  readonly name: string;
  readonly kind: HolidayKind;
}

/** Chronological order; entries of the same date keep their relative order. */
export function byDate(a: HolidayDay, b: HolidayDay): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}
