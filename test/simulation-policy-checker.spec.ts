import { Q1_2027, ScenarioCalendar } from './simulation/calendar-scenario';
import { type CheckedComplaint, checkPolicy, type StoredNotice } from './simulation/policy-checker';

const calendar = new ScenarioCalendar(Q1_2027.daysOff, Q1_2027.workingWeekendDays);
const END = new Date('2027-05-01T00:00:00Z');

const notice = (event: string, createdAt: string, text: string, language = 'az'): StoredNotice => ({
  event,
  channel: 'chat',
  route: null,
  language,
  status: 'sent',
  text,
  createdAt: new Date(createdAt),
});

/**
 * A chat complaint in Azerbaijani that arrived on Friday 19 March 2027, before Novruz: the days
 * off (22-26 March, with the weekend) put acceptance on Wednesday 31 March. Accepted, reviewed,
 * extended in time, resolved and closed, every step told in Azerbaijani on the chat.
 */
function compliant(): CheckedComplaint {
  return {
    row: {
      reference: 'AAAA-BBBB-CCCC',
      channel: 'chat',
      state: 'closed',
      receivedAt: '2027-03-19T06:00:00.000Z',
      acceptedAt: '2027-03-29T06:00:00.000Z',
      reviewStartedAt: '2027-03-29T07:00:00.000Z',
      reviewedAt: null,
      resolvedAt: '2027-04-01T10:00:00.000Z',
      endedAt: null,
      accept: { by: '2027-03-31T19:59:59.999Z', status: 'met' },
      review: { by: '2027-04-01T19:59:59.999Z', status: 'met' },
      resolve: { by: '2027-04-09T19:59:59.999Z', status: 'met' },
      originalResolve: { by: '2027-04-07T19:59:59.999Z', status: 'met' },
      outcome: 'met',
      extensions: [{ at: '2027-03-30T08:00:00.000Z', reason: 'Ehtiyat hissəsini gözləyirik', previousDate: '2027-04-07T19:59:59.999Z', newDate: '2027-04-09T19:59:59.999Z' }],
      notices: [],
    },
    language: 'az',
    customerName: 'Олег Смирнов',
    notices: [
      notice('complaint.received', '2027-03-19T06:00:01.000Z', 'Hörmətli Олег Смирнов, şikayətiniz qeydə alındı.'),
      notice('complaint.accepted', '2027-03-29T06:00:01.000Z', 'Şikayətiniz qəbul edildi.'),
      notice('complaint.review-started', '2027-03-29T07:00:01.000Z', 'Şikayətinizə baxılır.'),
      notice('complaint.status', '2027-03-30T07:00:01.000Z', 'Şikayətinizə baxılır, növbəti tarix 7 aprel.'),
      notice('complaint.extended', '2027-03-30T08:00:01.000Z', 'Müddət uzadıldı: ehtiyat hissəsini gözləyirik.'),
      notice('complaint.resolved', '2027-04-01T10:00:01.000Z', 'Şikayətinizə baxılması başa çatdı.'),
      notice('complaint.closed', '2027-04-01T10:05:01.000Z', 'Şikayətiniz bağlandı.'),
    ],
    alerts: [],
    detailsRequests: 0,
    statusRequestsByMessage: [new Date('2027-03-30T07:00:00.000Z')],
    statusLookups: [],
  };
}

/**
 * The same complaint with a long fix: the review finished on Wednesday 31 March, within its
 * deadline (Thursday 1 April), its result told in writing; the resolution came on 8 April, within
 * the extended date.
 */
function reviewedThenResolved(): CheckedComplaint {
  const complaint = compliant();
  complaint.row.reviewedAt = '2027-03-31T12:00:00.000Z';
  complaint.row.resolvedAt = '2027-04-08T10:00:00.000Z';
  complaint.notices = complaint.notices.map((n) => {
    if (n.event === 'complaint.resolved') return { ...n, createdAt: new Date('2027-04-08T10:00:01.000Z') };
    if (n.event === 'complaint.closed') return { ...n, createdAt: new Date('2027-04-08T10:05:01.000Z') };
    return n;
  });
  complaint.notices.push(notice('complaint.reviewed', '2027-03-31T12:00:01.000Z', 'Şikayətinizə baxılması başa çatdı: zavod qüsuru təsdiqləndi.'));
  return complaint;
}

const rulesOf = (complaint: CheckedComplaint) => checkPolicy([complaint], calendar, END).violations.map((v) => v.rule);

describe('the simulation policy checker', () => {
  it('finds nothing wrong with a complaint handled by the policy across Novruz', () => {
    expect(checkPolicy([compliant()], calendar, END)).toEqual({ violations: [], misses: [] });
  });

  it('catches a late acceptance that was never warned of nor escalated', () => {
    const late = compliant();
    late.row.acceptedAt = '2027-04-01T06:00:00.000Z';
    expect(rulesOf(late)).toEqual(['accept-late']);
  });

  it('counts a late acceptance that was warned of and escalated as a miss, not a violation', () => {
    const late = compliant();
    late.row.acceptedAt = '2027-04-01T06:00:00.000Z';
    late.alerts = [
      { deadline: 'accept', kind: 'warning', dueAt: new Date(late.row.accept.by), createdAt: new Date('2027-03-30T20:00:00.000Z') },
      { deadline: 'accept', kind: 'breach', dueAt: new Date(late.row.accept.by), createdAt: new Date('2027-03-31T20:00:00.000Z') },
    ];
    expect(checkPolicy([late], calendar, END)).toEqual({
      violations: [],
      misses: [{ reference: 'AAAA-BBBB-CCCC', deadline: 'accept', by: late.row.accept.by, escalated: true }],
    });
  });

  it('catches an acceptance deadline that ignores the Novruz days off', () => {
    const counted = compliant();
    counted.row.accept.by = '2027-03-24T19:59:59.999Z';
    counted.row.acceptedAt = '2027-03-23T06:00:00.000Z';
    expect(rulesOf(counted)).toEqual(['accept-deadline']);
  });

  it('catches an extension given after the deadline had passed, and one to a day off', () => {
    const extended = compliant();
    extended.row.extensions = [{ ...extended.row.extensions[0]!, at: '2027-04-08T06:00:00.000Z', newDate: '2027-04-10T19:59:59.999Z' }];
    expect(rulesOf(extended)).toEqual(['extension-late', 'extension-date']);
  });

  it('catches a step the customer was not told of in writing', () => {
    const silent = compliant();
    silent.notices = silent.notices.filter((n) => n.event !== 'complaint.accepted');
    expect(rulesOf(silent)).toEqual(['notice-missing']);
  });

  it('catches a notice in another language than the customer wrote in, by its language and by its text', () => {
    const russian = compliant();
    russian.notices[1] = notice('complaint.accepted', '2027-03-29T06:00:01.000Z', 'Ваша жалоба принята.', 'ru');
    expect(rulesOf(russian)).toEqual(['notice-language']);
    const mislabelled = compliant();
    mislabelled.notices[1] = notice('complaint.accepted', '2027-03-29T06:00:01.000Z', 'Ваша жалоба принята.', 'az');
    expect(rulesOf(mislabelled)).toEqual(['notice-language']);
  });

  it('catches a notice on another channel, one not delivered, and a status request left unanswered', () => {
    const astray = compliant();
    astray.notices[2] = { ...astray.notices[2]!, channel: 'email', route: 'email' };
    astray.notices[5] = { ...astray.notices[5]!, status: 'pending' };
    astray.notices = astray.notices.filter((n) => n.event !== 'complaint.status');
    expect(rulesOf(astray)).toEqual(['notice-channel', 'notice-undelivered', 'status-unanswered']);
  });

  it('measures the review by its finish: a review finished in time is met though the resolution comes after the review deadline', () => {
    expect(checkPolicy([reviewedThenResolved()], calendar, END)).toEqual({ violations: [], misses: [] });
  });

  it('catches a review finished after its deadline, though the resolution was in time', () => {
    const late = reviewedThenResolved();
    late.row.reviewedAt = '2027-04-02T09:00:00.000Z';
    late.notices = late.notices.map((n) => (n.event === 'complaint.reviewed' ? { ...n, createdAt: new Date('2027-04-02T09:00:01.000Z') } : n));
    expect(checkPolicy([late], calendar, END).violations).toEqual([
      { reference: 'AAAA-BBBB-CCCC', rule: 'review-late', explanation: expect.stringContaining('done 2027-04-02T09:00:00.000Z') },
    ]);
  });

  it('catches a resolution after the review deadline when the review was never finished on its own', () => {
    const unreviewed = reviewedThenResolved();
    unreviewed.row.reviewedAt = null;
    unreviewed.notices = unreviewed.notices.filter((n) => n.event !== 'complaint.reviewed');
    expect(rulesOf(unreviewed)).toEqual(['review-late']);
  });

  it('catches a finished review the customer was not told of in writing, and a review notice in another language', () => {
    const silent = reviewedThenResolved();
    silent.notices = silent.notices.filter((n) => n.event !== 'complaint.reviewed');
    expect(checkPolicy([silent], calendar, END).violations).toEqual([
      { reference: 'AAAA-BBBB-CCCC', rule: 'notice-missing', explanation: 'complaint.reviewed: 1 step(s), 0 written notice(s)' },
    ]);
    const russian = reviewedThenResolved();
    russian.notices = russian.notices.map((n) => (n.event === 'complaint.reviewed' ? { ...n, language: 'ru', text: 'Рассмотрение вашей жалобы завершено.' } : n));
    expect(rulesOf(russian)).toEqual(['notice-language']);
  });
});
