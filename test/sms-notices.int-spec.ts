import { randomInt } from 'node:crypto';
import request from 'supertest';
import * as smpp from 'smpp';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { FakeSmsc } from './support/fake-smsc';
import { newInstallation, serviceEnv, UNLIMITED_PUBLIC_RATES } from './support/plaint-services';
import { createTestDatabase, type TestDatabase } from './support/postgres';
import { describeWithRealParts } from './support/real-parts';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';

interface NoticeView {
  eventType: string;
  route: string | null;
  recipient: string | null;
  text: string;
  status: string;
  statusReason: string | null;
  receipt: string | null;
}

/** The gateway's own limit, and Plaint's setting under it. */
const GATEWAY_PER_SECOND = 25;
const PLAINT_PER_SECOND = 20;

const phoneNumber = () => `+99450${String(randomInt(1_000_000, 9_999_999))}`;

describeWithRealParts('notices by SMS to customers who gave only a phone number (local SMPP gateway)', (parts) => {
  let db: TestDatabase;
  let smsc: FakeSmsc;
  let core: RunningPlaint;
  let notifier: RunningPlaint;
  let staff: Staff;
  let installation: ReturnType<typeof newInstallation>;

  const startNotifier = async () => {
    notifier = await startPlaint({
      env: serviceEnv(parts, installation, 'notifier', {
        PLAINT_SMPP_URL: smsc.url,
        PLAINT_SMPP_SOURCE_ADDR: 'Kontakt',
        PLAINT_SMPP_RATE: String(PLAINT_PER_SECOND),
        PLAINT_SMPP_ENQUIRE_LINK_MS: '1000',
      }),
    });
  };

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    smsc = await FakeSmsc.start({ maxPerSecond: GATEWAY_PER_SECOND });
    installation = newInstallation(db.url);
    core = await startPlaint({ env: serviceEnv(parts, installation, 'core,ingest-web', UNLIMITED_PUBLIC_RATES) });
    await startNotifier();
    staff = await Staff.hire(core, [['sevda', 'supervisor']]);
  }, 120_000);

  afterAll(async () => {
    await notifier?.close();
    await core?.close();
    await smsc?.close();
    await db?.drop();
  });

  const callMe = (phone: string) =>
    request(core.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: 'Səbinə Abbasova', phone, message: 'Paltaryuyan maşın işləmir, zəng edin', language: 'az' })
      .expect(202)
      .then((response) => response.body.reference as string);

  const acknowledgement = async (reference: string): Promise<NoticeView | undefined> => {
    const response = await staff.as('sevda').get(`/api/v1/agent/complaints/${reference}`);
    if (response.status !== 200) return undefined;
    return (response.body.notices as NoticeView[]).find((notice) => notice.eventType === 'complaint.received');
  };
  const noticeOf = (reference: string, done: (notice: NoticeView) => boolean, what: string) =>
    waitFor(() => acknowledgement(reference), (notice) => notice !== undefined && done(notice), { what, timeoutMs: 30_000 }) as Promise<NoticeView>;
  const failedNoticeTo = async (phone: string) => noticeOf(await callMe(phone), (n) => n.status === 'failed', 'the notice to be marked failed');

  it('sends the acknowledgement in Azerbaijani as concatenated UCS-2 parts and shows the delivery receipt to agents', async () => {
    const phone = phoneNumber();
    const reference = await callMe(phone);

    const notice = await noticeOf(reference, (n) => n.receipt === 'delivered', 'the operator’s delivery receipt on the notice');
    expect(notice).toMatchObject({ route: 'sms', recipient: phone, status: 'sent', statusReason: null });
    expect(notice.text).toContain(reference);
    expect(smsc.messages(phone)).toEqual([notice.text]);

    const sent = smsc.partsTo(phone);
    const total = Math.ceil(notice.text.length / 67);
    expect(total).toBeGreaterThan(1);
    expect(sent).toHaveLength(total);
    const reference8 = sent[0]?.concatenation?.reference;
    sent.forEach((part, i) => {
      expect(part).toMatchObject({ source: 'Kontakt', dataCoding: 0x08, concatenation: { reference: reference8, total, sequence: i + 1 } });
      expect(part.esmClass & 0x40).toBe(0x40);
      expect(part.text.length).toBeLessThanOrEqual(67);
      // A receipt is asked for the last part only: its message id is the notice's.
      expect(part.registeredDelivery).toBe(i === total - 1 ? 1 : 0);
    });
  });

  it('sends an English notice in the GSM 7-bit alphabet, in parts of at most 153 characters', async () => {
    const phone = phoneNumber();
    const { body } = await request(core.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: 'John Smith', phone, message: 'The washing machine does not work, please call me', language: 'en' })
      .expect(202);
    const notice = await noticeOf(body.reference as string, (n) => n.receipt === 'delivered', 'the English notice to be delivered');
    expect(smsc.messages(phone)).toEqual([notice.text]);
    const sent = smsc.partsTo(phone);
    expect(sent).toHaveLength(Math.ceil(notice.text.length / 153));
    for (const part of sent) expect(part).toMatchObject({ dataCoding: 0x00, text: expect.stringMatching(/^.{1,153}$/s) });
  });

  it('marks the notice failed, with the operator’s reason, when the receipt says it was not delivered', async () => {
    const phone = phoneNumber();
    smsc.receiptFor(phone, 'UNDELIV', '001');
    const notice = await failedNoticeTo(phone);
    expect(notice.statusReason).toBe('sms: the operator reported the SMS as undeliverable (stat UNDELIV, err 001)');
    expect(smsc.messages(phone)).toHaveLength(1);
  });

  it('fails a notice to a number the gateway refuses, saying why, and never retries it', async () => {
    const phone = phoneNumber();
    smsc.refuse(phone, smpp.ESME_RINVDSTADR);
    const notice = await failedNoticeTo(phone);
    expect(notice.statusReason).toBe('sms: the SMS gateway refused the phone number: invalid destination address (0x0000000b)');
    expect(smsc.partsTo(phone)).toHaveLength(0);
  });

  it('retries what the gateway throttled, without sending the parts it had taken again', async () => {
    const phone = phoneNumber();
    const refusedBefore = smsc.refusals.length;
    smsc.throttle(2, 1); // the first part goes, the second is throttled twice
    const reference = await callMe(phone);
    const notice = await noticeOf(reference, (n) => n.receipt === 'delivered', 'the throttled notice to be delivered');
    expect(smsc.refusals.slice(refusedBefore)).toEqual([smpp.ESME_RTHROTTLED, smpp.ESME_RTHROTTLED]);
    expect(smsc.messages(phone)).toEqual([notice.text]);
    expect(smsc.partsTo(phone)).toHaveLength(Math.ceil(notice.text.length / 67));
  });

  it('reconnects when the gateway drops the connection', async () => {
    smsc.dropConnections();
    const phone = phoneNumber();
    const reference = await callMe(phone);
    const notice = await noticeOf(reference, (n) => n.receipt === 'delivered', 'the notice after the reconnection');
    expect(smsc.messages(phone)).toEqual([notice.text]);
  });

  it('sends each notice of a burst exactly once across a notifier restart, within the gateway’s rate', async () => {
    const refusedBefore = smsc.refusals.length;
    const phones = Array.from({ length: 25 }, phoneNumber);
    const references = await Promise.all(phones.map(callMe));

    await waitFor(() => phones.filter((phone) => smsc.messages(phone).length > 0).length, (n) => n > 0, { what: 'the first SMS of the burst', timeoutMs: 30_000 });
    await notifier.close();
    const beforeRestart = phones.filter((phone) => smsc.partsTo(phone).length > 0).length;
    expect(beforeRestart).toBeLessThan(phones.length); // the restart really came in the middle
    await startNotifier();

    const notices = await waitFor(
      () => Promise.all(references.map(acknowledgement)),
      (all) => all.every((notice) => notice?.receipt === 'delivered'),
      { what: 'every notice of the burst to be delivered', timeoutMs: 60_000 },
    );
    phones.forEach((phone, i) => {
      expect(smsc.messages(phone)).toEqual([notices[i]?.text]);
      expect(smsc.partsTo(phone)).toHaveLength(Math.ceil((notices[i]?.text.length ?? 0) / 67));
    });
    // Plaint kept under the gateway's rate: the gateway never had to throttle it.
    expect(smsc.refusals.slice(refusedBefore)).toEqual([]);
  }, 120_000);
});
