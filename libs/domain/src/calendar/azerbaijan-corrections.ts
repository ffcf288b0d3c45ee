import { type HolidayDay } from './holiday-day';
import { addDays } from './iso-date';

/** One public holiday as date-holidays gives it, with its rule so it can be recognised. */
export interface LibraryHoliday {
  readonly date: string;
  readonly name: string;
  /** The date-holidays rule, e.g. "03-20" or "1 Shawwal and if saturday then next monday …". */
  readonly rule: string;
  readonly substitute: boolean;
}

/** Holidays are recognised by their date-holidays rule, which does not change with the language. */
const ruleStartsWith = (holiday: LibraryHoliday, prefix: string): boolean => holiday.rule.startsWith(prefix);
const isNovruz = (holiday: LibraryHoliday): boolean => ruleStartsWith(holiday, '03-20');
const isFlagDay = (holiday: LibraryHoliday): boolean => ruleStartsWith(holiday, '11-09');
const isRamazan = (holiday: LibraryHoliday): boolean => /\bShawwal\b/.test(holiday.rule);
const isGurban = (holiday: LibraryHoliday): boolean => /\bDhu al-Hijjah\b/.test(holiday.rule);

/** Novruz lasts five days, 20-24 March (docs/policy.md; Labour Code art. 105). */
const NOVRUZ_DAYS = 5;

/**
 * Turns date-holidays' AZ list (public holidays of one year) into the policy's holidays, before
 * the transfer rule runs. Checked against date-holidays 3.37 for 2025-2027.
 */
export function correctAzerbaijanHolidays(library: readonly LibraryHoliday[]): HolidayDay[] {
  const days: HolidayDay[] = [];
  for (const holiday of library) {
    // date-holidays adds its own substitute days, but only for some holidays (none for Novruz,
    // Constitution Day 12 Nov or National Revival Day 17 Nov) and without looking at other
    // holidays: in 2026 it moves Ramazan's Saturday to Monday 23 March, which is Novruz anyway.
    // They are dropped and the policy's transfer rule is applied to the whole year instead.
    if (holiday.substitute) continue;
    // date-holidays marks Flag Day (9 Nov) public, but it is not in the policy's list of days
    // off. An operator who needs it adds it through the override file.
    if (isFlagDay(holiday)) continue;
    // date-holidays gives Novruz as the single day 20 March; the policy gives it five days.
    if (isNovruz(holiday)) {
      for (let i = 0; i < NOVRUZ_DAYS; i += 1) days.push({ date: addDays(holiday.date, i), name: holiday.name, kind: 'public' });
      continue;
    }
    days.push({ date: holiday.date, name: holiday.name, kind: 'public' });
  }
  // Ramazan and Gurban are two days each. date-holidays 3.37 already gives both days (1-2 Shawwal,
  // 10-11 Dhu al-Hijjah); this guards against a data change that drops the second one.
  for (const isFeast of [isRamazan, isGurban]) {
    const feastDates = new Set(library.filter((h) => !h.substitute && isFeast(h)).map((h) => h.date));
    for (const holiday of library) {
      if (holiday.substitute || !isFeast(holiday)) continue;
      const alone = !feastDates.has(addDays(holiday.date, 1)) && !feastDates.has(addDays(holiday.date, -1));
      if (alone) days.push({ date: addDays(holiday.date, 1), name: holiday.name, kind: 'public' });
    }
  }
  return days;
}
