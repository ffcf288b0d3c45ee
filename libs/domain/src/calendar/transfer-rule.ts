import { byDate, type HolidayDay } from './holiday-day';
import { addDays } from './iso-date';

/**
 * The transfer rule (Azerbaijan, docs/policy.md, "Business days"): a holiday that falls on a day off
 * makes the next working day off. "A day off" covers both a weekend day and a day that is
 * already a holiday, so two holidays on one date give one extra day. A transferred day never
 * lands on a weekend, a holiday or another transferred day: it moves on to the next free one.
 *
 * Dates are processed in order so that earlier holidays claim the earlier free days, which is
 * how the decrees read ("the 21st moves to the 25th, the 22nd to the 26th").
 */
export function applyTransferRule(days: readonly HolidayDay[], isWeekend: (isoDate: string) => boolean): HolidayDay[] {
  const sorted = [...days].sort(byDate);
  const taken = new Set(sorted.map((day) => day.date));
  const transfers: HolidayDay[] = [];
  let index = 0;
  while (index < sorted.length) {
    const date = sorted[index]?.date ?? '';
    const sameDate: HolidayDay[] = [];
    while (index < sorted.length && sorted[index]?.date === date) {
      const day = sorted[index];
      if (day) sameDate.push(day);
      index += 1;
    }
    // On a working day the first holiday simply uses the day; every other one is displaced.
    const displaced = isWeekend(date) ? sameDate : sameDate.slice(1);
    for (const day of displaced) {
      let target = addDays(date, 1);
      while (isWeekend(target) || taken.has(target)) target = addDays(target, 1);
      taken.add(target);
      transfers.push({ date: target, name: `${day.name} (transferred from ${date})`, kind: 'transfer' });
    }
  }
  return [...sorted, ...transfers].sort(byDate);
}
