import { parseEmail } from './parse-email';
import type { AutomatedReason } from './parsed-email';

async function reasonFor(headers: string): Promise<AutomatedReason | null> {
  const result = await parseEmail(Buffer.from(`${headers}\r\nSubject: t\r\n\r\nbody\r\n`));
  if (!result.ok) throw new Error(result.reason);
  return result.email.automated;
}

describe('automated reason, header by header', () => {
  it.each<[string, AutomatedReason | null]>([
    ['From: a@mail.az', null],
    ['From: a@mail.az\r\nAuto-Submitted: no', null],
    ['From: a@mail.az\r\nAuto-Submitted: auto-generated', 'auto-submitted'],
    ['From: a@mail.az\r\nAuto-Submitted: Auto-Replied (vacation)', 'auto-submitted'],
    ['From: a@mail.az\r\nPrecedence: junk', 'precedence'],
    ['From: a@mail.az\r\nPrecedence: LIST', 'precedence'],
    ['From: a@mail.az\r\nPrecedence: first-class', null],
    ['From: a@mail.az\r\nList-Unsubscribe: <mailto:u@lists.example>', 'mailing-list'],
    ['From: a@mail.az\r\nList-Post: <mailto:l@lists.example>', 'mailing-list'],
    ['From: a@mail.az\r\nReturn-Path: < >', 'empty-return-path'],
    ['From: a@mail.az\r\nReturn-Path: <a@mail.az>', null],
    ['From: Postmaster@mail.az', 'mailer-daemon'],
    ['From: "Mail Delivery Subsystem" <mailer-daemon@googlemail.example>', 'mailer-daemon'],
    ['From: postmaster.office@mail.az', null],
    ['From: a@mail.az\r\nX-Autoreply: yes', 'auto-submitted'],
  ])('%j → %s', async (headers, reason) => {
    expect(await reasonFor(headers)).toBe(reason);
  });

  it('the most specific reason wins when several apply', async () => {
    expect(await reasonFor('From: MAILER-DAEMON@mail.az\r\nAuto-Submitted: auto-replied\r\nReturn-Path: <>')).toBe('mailer-daemon');
    expect(await reasonFor('From: a@mail.az\r\nPrecedence: bulk\r\nList-Id: <x.lists.example>')).toBe('precedence');
  });
});
