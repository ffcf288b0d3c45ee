import { parseEmail } from './parse-email';
import type { ParsedEmail } from './parsed-email';

function report(status: string, original: string): Buffer {
  return Buffer.from(
    `From: Mail Delivery Subsystem <mailer-daemon@mx.example>
To: support@plaint.test
Subject: Delivery Status Notification (Delay)
Content-Type: multipart/report; report-type="Delivery-Status"; boundary="r"

--r
Content-Type: text/plain

Delivery is delayed.
--r
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example

${status}
--r
${original}
--r--
`.replace(/\r?\n/g, '\r\n'),
  );
}

async function parse(raw: Buffer): Promise<ParsedEmail> {
  const result = await parseEmail(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.email;
}

describe('delivery reports', () => {
  it('a delay (4.x.x, Action: delayed) fails nobody and is not permanent; text/rfc822-headers names the original', async () => {
    const email = await parse(
      report(
        'Final-Recipient: rfc822; a@mail.az\nAction: delayed\nStatus: 4.4.7\nDiagnostic-Code: smtp; 451 4.4.7 try again later',
        'Content-Type: text/rfc822-headers\n\nFrom: support@plaint.test\nMessage-ID:\n <notice-1@plaint.test>\nSubject: x\n',
      ),
    );
    expect(email.automated).toBe('delivery-report');
    expect(email.deliveryReport).toEqual({
      originalMessageId: 'notice-1@plaint.test',
      failedRecipients: [],
      permanent: false,
      diagnostic: '451 4.4.7 try again later',
    });
  });

  it('lists every failed recipient once, lower-cased; no quoted original means no original id', async () => {
    const email = await parse(
      report(
        'Final-Recipient: rfc822; A@Mail.az\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 mailbox full\n\n' +
          'Final-Recipient: rfc822;<b@mail.az>\nAction: failed\nStatus: 5.1.1\n\n' +
          'Final-Recipient: rfc822; c@mail.az\nAction: delivered\nStatus: 2.0.0',
        'Content-Type: text/plain\n\n(no original)',
      ),
    );
    expect(email.deliveryReport).toEqual({
      originalMessageId: null,
      failedRecipients: ['a@mail.az', 'b@mail.az'],
      permanent: true,
      diagnostic: '552 5.2.2 mailbox full',
    });
  });

  it('a multipart/report of another kind (a read receipt) is not a delivery report', async () => {
    const raw = Buffer.from(
      'From: a@mail.az\r\nContent-Type: multipart/report; report-type=disposition-notification; boundary=r\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\nRead.\r\n--r--\r\n',
    );
    const email = await parse(raw);
    expect(email.deliveryReport).toBeNull();
    expect(email.automated).toBeNull();
  });
});
