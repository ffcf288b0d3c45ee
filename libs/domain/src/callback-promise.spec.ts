import { callbackPromise } from './callback-promise';
import { companyCalendar, NO_OVERRIDES } from './calendar';

const calendar = companyCalendar({ timeZone: 'Asia/Baku', holidayCountry: 'AZ' }, NO_OVERRIDES, 2027);
const policy = { acceptWithinBusinessDays: 3 };

describe('what a call-me request is promised', () => {
  it('a call by the end of the third business day, in Baku, as the complaint’s acceptance', () => {
    // Friday 16 April 2027, 17:30 in Baku: Monday, Tuesday, Wednesday.
    const promise = callbackPromise({ receivedAt: new Date('2027-04-16T13:30:00Z'), phone: '+994501234567' }, calendar, policy);
    expect(promise.callBy?.toISOString()).toBe('2027-04-21T19:59:59.999Z');
    expect(promise.acceptBy).toEqual(promise.callBy);
  });

  it('skips the holidays: Women’s Day and Ramazan take 8 to 10 March 2027', () => {
    expect(['2027-03-08', '2027-03-09', '2027-03-10'].map((day) => calendar.isBusinessDay(day))).toEqual([false, false, false]);
    const promise = callbackPromise({ receivedAt: new Date('2027-03-05T13:30:00Z'), phone: '+994501234567' }, calendar, policy);
    expect(promise.callBy?.toISOString()).toBe('2027-03-15T19:59:59.999Z');
  });

  it('counts from the day in Baku: 23:30 on Monday there is still Monday', () => {
    const lateMonday = callbackPromise({ receivedAt: new Date('2027-04-19T19:30:00Z'), phone: '+994501234567' }, calendar, policy);
    expect(lateMonday.callBy?.toISOString()).toBe('2027-04-22T19:59:59.999Z');
  });

  it('no call without a phone number: the acceptance date alone', () => {
    const promise = callbackPromise({ receivedAt: new Date('2027-04-16T13:30:00Z'), phone: null }, calendar, policy);
    expect(promise).toEqual({ acceptBy: new Date('2027-04-21T19:59:59.999Z'), callBy: null });
  });
});
