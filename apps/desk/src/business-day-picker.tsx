import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { problemText, useDesk } from './desk-context';
import { addDays, formatDay, weekdayOf } from './time';

/** A month as YYYY-MM. */
const monthOf = (isoDate: string): string => isoDate.slice(0, 7);
const firstOf = (month: string): string => `${month}-01`;

function shiftMonth(month: string, by: number): string {
  const [year = 0, number = 1] = month.split('-').map(Number);
  const index = year * 12 + number - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const lastOf = (month: string): string => addDays(firstOf(shiftMonth(month, 1)), -1);

/** The same day of the month `by` months on, or that month's last day where it is shorter. */
function sameDayIn(isoDate: string, by: number): string {
  const month = shiftMonth(monthOf(isoDate), by);
  const day = `${month}-${isoDate.slice(8)}`;
  const last = lastOf(month);
  return day > last ? last : day;
}

/** The weeks, Monday first, that show a month; days of the months around it are null. */
function weeksOf(month: string): (string | null)[][] {
  const last = lastOf(month);
  const weeks: (string | null)[][] = [];
  let day = addDays(firstOf(month), 1 - weekdayOf(firstOf(month)));
  while (day <= last) {
    const week: (string | null)[] = [];
    for (let i = 0; i < 7; i += 1) {
      week.push(monthOf(day) === month ? day : null);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** Monday 1 January 2024 and the six days after it: the column heads. */
const WEEK = Array.from({ length: 7 }, (_, i) => addDays('2024-01-01', i));

/** What each key does to the day that has the focus (the WAI-ARIA date grid's keys). */
const KEYS: Record<string, (date: string) => string> = {
  ArrowLeft: (date) => addDays(date, -1),
  ArrowRight: (date) => addDays(date, 1),
  ArrowUp: (date) => addDays(date, -7),
  ArrowDown: (date) => addDays(date, 7),
  Home: (date) => addDays(date, 1 - weekdayOf(date)),
  End: (date) => addDays(date, 7 - weekdayOf(date)),
  PageUp: (date) => sameDayIn(date, -1),
  PageDown: (date) => sameDayIn(date, 1),
};

interface PickerProps {
  id: string;
  /** The element that names the field (its <label>). */
  labelId: string;
  value: string;
  onChange: (isoDate: string) => void;
  testId: string;
}

/**
 * A month of days to pick one from, offering only the company's business days from today on,
 * as the server's calendar gives them (GET …/calendar: weekends, public holidays and decree
 * days off are not offered; a day worked by decree is). A grid of buttons with one tab stop:
 * the arrow keys move by day and week, Home and End to the week's ends, Page Up and Page Down
 * by month, Enter or Space picks. Days that cannot be picked stay focusable and say why.
 */
export function BusinessDayPicker({ id, labelId, value, onChange, testId }: PickerProps) {
  const { api, t, language } = useDesk();
  const [today, setToday] = useState<string | null>(null);
  const [businessDays, setBusinessDays] = useState<Record<string, ReadonlySet<string>>>({});
  const [month, setMonth] = useState<string | null>(value ? monthOf(value) : null);
  const [focused, setFocused] = useState<string | null>(value || null);
  const [problem, setProblem] = useState<string | null>(null);
  const grid = useRef<HTMLTableElement>(null);
  // The focus follows the keys only: opening the form must not take it.
  const keyed = useRef(false);

  // Today and this month, on the server's clock and calendar.
  useEffect(() => {
    let current = true;
    api
      .businessDays()
      .then((answer) => {
        if (!current) return;
        setToday(answer.today);
        setBusinessDays((known) => ({ ...known, [monthOf(answer.from)]: new Set(answer.businessDays) }));
        setMonth((shown) => shown ?? monthOf(answer.today));
      })
      .catch((error: unknown) => current && setProblem(problemText(error, t)));
    return () => {
      current = false;
    };
  }, [api]);

  // The business days of another month, once it is shown.
  useEffect(() => {
    if (!month || !today || businessDays[month]) return;
    let current = true;
    api
      .businessDays({ from: firstOf(month), to: lastOf(month) })
      .then((answer) => current && setBusinessDays((known) => ({ ...known, [month]: new Set(answer.businessDays) })))
      .catch((error: unknown) => current && setProblem(problemText(error, t)));
    return () => {
      current = false;
    };
  }, [api, month, today, businessDays]);

  // Before the browser paints: the key's next press already lands on the new day.
  useLayoutEffect(() => {
    if (!keyed.current || !focused) return;
    keyed.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${focused}"]`)?.focus();
  }, [focused, month]);

  if (!month || !today) {
    return problem ? (
      <p class="problem" role="alert">
        {problem}
      </p>
    ) : (
      <p aria-busy="true">{t('inbox.loading')}</p>
    );
  }

  const known = businessDays[month];
  const past = (date: string) => date < today;
  const pickable = (date: string) => !past(date) && Boolean(businessDays[monthOf(date)]?.has(date));
  const days = weeksOf(month).flat().filter((date): date is string => date !== null);
  // One tab stop in the grid: the focused day, else the chosen one, else the first that can be picked.
  const tabStop = [focused, value, days.find(pickable), days[0]].find((date) => date && monthOf(date) === month);
  const firstMonth = monthOf(today);

  const moveTo = (date: string) => {
    if (monthOf(date) < firstMonth) return;
    keyed.current = true;
    setFocused(date);
    setMonth(monthOf(date));
  };
  const showMonth = (by: number) => {
    setMonth(shiftMonth(month, by));
    setFocused(null);
  };

  return (
    <div class="day-picker" id={id} data-testid={testId} data-value={value} data-month={month}>
      <div class="month-bar">
        <button type="button" class="quiet" aria-label={t('complaint.pickerPrevious')} disabled={month <= firstMonth} onClick={() => showMonth(-1)} data-testid={`${testId}-previous`}>
          ‹
        </button>
        <span id={`${id}-month`} class="month" aria-live="polite">
          {formatDay(firstOf(month), language, { month: 'long', year: 'numeric' })}
        </span>
        <button type="button" class="quiet" aria-label={t('complaint.pickerNext')} onClick={() => showMonth(1)} data-testid={`${testId}-next`}>
          ›
        </button>
      </div>
      <table role="grid" ref={grid} aria-labelledby={`${labelId} ${id}-month`} aria-describedby={`${id}-hint`} aria-busy={!known}>
        <thead>
          <tr>
            {WEEK.map((day) => (
              <th key={day} scope="col" abbr={formatDay(day, language, { weekday: 'long' })}>
                {formatDay(day, language, { weekday: 'short' })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(month).map((week) => (
            <tr key={week.find(Boolean)}>
              {week.map((date, column) =>
                date ? (
                  <td key={date} role="gridcell" aria-selected={date === value}>
                    <button
                      type="button"
                      class="day"
                      tabIndex={date === tabStop ? 0 : -1}
                      aria-disabled={!pickable(date)}
                      aria-current={date === today ? 'date' : undefined}
                      aria-label={
                        pickable(date) || !known
                          ? formatDay(date, language)
                          : `${formatDay(date, language)}, ${t(past(date) ? 'complaint.pickerPast' : 'complaint.pickerDayOff')}`
                      }
                      data-date={date}
                      data-business={known ? String(known.has(date)) : undefined}
                      onClick={() => {
                        setFocused(date);
                        if (pickable(date)) onChange(date);
                      }}
                      onKeyDown={(event) => {
                        const to = KEYS[event.key]?.(date);
                        if (!to) return;
                        event.preventDefault();
                        moveTo(to);
                      }}
                    >
                      {Number(date.slice(8))}
                    </button>
                  </td>
                ) : (
                  <td key={`${month}-${column}`} role="gridcell" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p id={`${id}-hint`} class="quiet-hint">
        {t('field.weekday')}
      </p>
      <p role="status" data-testid={`${testId}-chosen`}>
        {value ? t('complaint.pickerChosen', { date: formatDay(value, language) }) : t('complaint.pickerNone')}
      </p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
