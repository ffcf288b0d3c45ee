import { HolidayOverridesError, parseHolidayOverrides } from './holiday-overrides';

const problemsOf = (json: string): readonly string[] => {
  try {
    parseHolidayOverrides(json);
  } catch (error) {
    if (error instanceof HolidayOverridesError) return error.problems;
    throw error;
  }
  throw new Error('expected the overrides to be rejected');
};

describe('parseHolidayOverrides', () => {
  it('reads the three lists', () => {
    const text = JSON.stringify({
      add: [{ date: '2026-01-05', name: ' Decree 123: bridge day ' }],
      remove: ['2026-03-25'],
      workdays: ['2026-01-10'],
    });
    expect(parseHolidayOverrides(text)).toEqual({
      add: [{ date: '2026-01-05', name: 'Decree 123: bridge day' }],
      remove: ['2026-03-25'],
      workdays: ['2026-01-10'],
    });
  });

  it('treats missing lists as empty', () => {
    expect(parseHolidayOverrides('{}')).toEqual({ add: [], remove: [], workdays: [] });
  });

  it('names the entry with a bad date', () => {
    expect(problemsOf('{ "add": [{ "date": "2026-01-05", "name": "ok" }, { "date": "2026-02-30", "name": "x" }] }')).toEqual([
      'add[1].date: "2026-02-30" is not a calendar date "YYYY-MM-DD"',
    ]);
    expect(problemsOf('{ "workdays": ["10.01.2026"] }')).toEqual(['workdays[0]: "10.01.2026" is not a calendar date "YYYY-MM-DD"']);
  });

  it('names unknown keys, at the top and in an entry', () => {
    expect(problemsOf('{ "remvoe": [], "add": [{ "date": "2026-01-05", "nmae": "x" }] }')).toEqual([
      'unknown key "remvoe" (expected add, remove, workdays)',
      'add[0]: unknown key "nmae" (expected date, name)',
      'add[0].name: expected a non-empty text',
    ]);
  });

  it('rejects contradictions and duplicates', () => {
    expect(problemsOf('{ "add": [{ "date": "2026-01-10", "name": "x" }], "remove": ["2026-01-10", "2026-01-10"] }')).toEqual([
      'remove[1]: "2026-01-10" is listed twice',
      'add: "2026-01-10" is also in remove',
    ]);
  });

  it('rejects text that is not a JSON object', () => {
    expect(() => parseHolidayOverrides('[1]')).toThrow(HolidayOverridesError);
    expect(() => parseHolidayOverrides('{ add: ')).toThrow(/not valid JSON/);
  });
});
