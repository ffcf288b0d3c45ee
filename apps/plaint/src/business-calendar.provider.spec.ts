import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { businessCalendarFor } from './business-calendar.provider';

class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

const clock = new FixedClock(new Date('2027-03-01T08:00:00Z'));
const config = (env: Record<string, string> = {}) => loadConfig({ PLAINT_DATA_DIR: mkdtempSync(join(tmpdir(), 'calendar-')), ...env });

describe('the business calendar the services count deadlines with', () => {
  it('keeps the five Novruz days off in Azerbaijan', () => {
    const calendar = businessCalendarFor(config(), clock);
    // Friday 19 March 2027: Novruz runs 20-24 March; its Saturday and Sunday move two days off
    // to 25 and 26 March. The three business days are 29, 30 and 31 March.
    const acceptBy = calendar.deadline(new Date('2027-03-19T08:00:00Z'), 3);
    expect(['2027-03-22', '2027-03-25', '2027-03-26'].map((day) => calendar.isBusinessDay(day))).toEqual([false, false, false]);
    expect(calendar.localDate(acceptBy)).toBe('2027-03-31');
  });

  it('applies the operator decree file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'decree-')), 'holidays.json');
    writeFileSync(file, JSON.stringify({ add: [{ date: '2027-03-29', name: 'Decree: bridge day' }], remove: [], workdays: ['2027-03-27'] }));
    const calendar = businessCalendarFor(config({ PLAINT_HOLIDAY_OVERRIDES_FILE: file }), clock);
    // Saturday 27 March is worked, Monday 29 March is off: 27, 30 and 31 March.
    expect(calendar.localDate(calendar.deadline(new Date('2027-03-19T08:00:00Z'), 3))).toBe('2027-03-31');
    expect(calendar.isBusinessDay('2027-03-27')).toBe(true);
    expect(calendar.isBusinessDay('2027-03-29')).toBe(false);
  });

  it('uses another country when told to', () => {
    const calendar = businessCalendarFor(config({ PLAINT_HOLIDAY_COUNTRY: 'DE', PLAINT_TIME_ZONE: 'Europe/Berlin' }), clock);
    expect(calendar.isBusinessDay('2027-03-22')).toBe(true); // no Novruz in Germany
    expect(calendar.isBusinessDay('2027-10-04')).toBe(true);
    expect(calendar.isBusinessDay('2027-10-03')).toBe(false); // German Unity Day (a Sunday anyway)
    expect(calendar.isBusinessDay('2027-12-27')).toBe(true);
    expect(calendar.isBusinessDay('2027-12-24')).toBe(true);
    expect(calendar.isBusinessDay('2027-12-25')).toBe(false);
  });
});
