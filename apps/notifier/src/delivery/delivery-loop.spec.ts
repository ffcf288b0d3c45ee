import { DataSource } from 'typeorm';
import { Clock } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import { dataSourceOptions, NoticeEntity } from '@plaint/persistence';
import { DeliveryLoop } from './delivery-loop';
import type { DeliveryOutcome, NoticeTransport } from './notice-transport';
import { RouteFallback } from './route-fallback';

class MovableClock extends Clock {
  at = new Date('2026-11-02T08:00:00Z');
  now(): Date {
    return this.at;
  }
}

/** A route whose answers the test scripts, recording what it was asked to send. */
class ScriptedTransport implements NoticeTransport {
  readonly enabled = true;
  readonly sent: { recipient: string | null; text: string }[] = [];
  constructor(
    readonly route: NoticeTransport['route'],
    private readonly answers: DeliveryOutcome[],
  ) {}
  send(notice: NoticeEntity): Promise<DeliveryOutcome> {
    this.sent.push({ recipient: notice.recipient, text: notice.text });
    return Promise.resolve(this.answers.shift() ?? { ok: true });
  }
}

function notice(overrides: Partial<NoticeEntity>): NoticeEntity {
  return Object.assign(new NoticeEntity(), {
    id: crypto.randomUUID(),
    eventId: crypto.randomUUID(),
    complaintId: null,
    reference: 'CMP-TEST',
    eventType: 'complaint.received',
    channel: 'telegram',
    recipient: '1001',
    route: 'telegram',
    alternatives: [{ route: 'email', recipient: 'leyla@mail.az' }],
    language: 'az',
    text: 'Müraciətiniz qəbul edildi.',
    status: 'pending',
    statusReason: null,
    attempts: 0,
    createdAt: new Date('2026-11-02T08:00:00Z'),
    sentAt: null,
    nextAttemptAt: null,
    messageId: null,
    emailThread: null,
    receipt: null,
    receiptAt: null,
    customerWroteAt: null,
    ...overrides,
  });
}

describe('delivering notices on a route', () => {
  let dataSource: DataSource;
  const clock = new MovableClock();
  const handedOver: string[] = [];
  let fallback: RouteFallback;

  beforeEach(async () => {
    dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
    await dataSource.initialize();
    handedOver.length = 0;
    fallback = new RouteFallback(dataSource, new Metrics(), (_notice, route) => {
      handedOver.push(route);
      return Promise.resolve();
    });
  });
  afterEach(() => dataSource.destroy());

  const loopFor = (transport: NoticeTransport, maxPerRecipientPerHour = 30) =>
    new DeliveryLoop(transport, dataSource, clock, new Metrics(), { maxPerRecipientPerHour }, fallback);
  const stored = (id: string) => dataSource.getRepository(NoticeEntity).findOneByOrFail({ id });

  it('records the platform id of a notice the route accepted', async () => {
    const row = await dataSource.getRepository(NoticeEntity).save(notice({}));
    const transport = new ScriptedTransport('telegram', [{ ok: true, messageId: '1001:55' }]);
    expect(await loopFor(transport).sendDue()).toBe(1);
    expect(await stored(row.id)).toMatchObject({ status: 'sent', messageId: '1001:55', attempts: 1 });
    expect(transport.sent).toEqual([{ recipient: '1001', text: 'Müraciətiniz qəbul edildi.' }]);
  });

  it('waits as long as the platform asks before trying again', async () => {
    const row = await dataSource.getRepository(NoticeEntity).save(notice({}));
    const transport = new ScriptedTransport('telegram', [{ ok: false, permanent: false, reason: 'Too Many Requests: retry after 7', retryAfterMs: 7000 }]);
    await loopFor(transport).sendDue();
    const after = await stored(row.id);
    expect(after).toMatchObject({ status: 'pending', attempts: 1, statusReason: 'Too Many Requests: retry after 7' });
    expect(after.nextAttemptAt?.getTime()).toBe(clock.at.getTime() + 7000);
    expect(await loopFor(transport).sendDue()).toBe(0); // not due yet
  });

  it('hands a notice its route refuses for good to the customer’s next route, keeping the reason', async () => {
    const row = await dataSource.getRepository(NoticeEntity).save(notice({}));
    const blocked = new ScriptedTransport('telegram', [{ ok: false, permanent: true, reason: 'Forbidden: bot was blocked by the user' }]);
    await loopFor(blocked).sendDue();
    expect(await stored(row.id)).toMatchObject({
      status: 'pending',
      route: 'email',
      recipient: 'leyla@mail.az',
      alternatives: [],
      attempts: 0,
      statusReason: 'telegram: Forbidden: bot was blocked by the user; trying email instead',
    });
    expect(handedOver).toEqual(['email']);

    const email = new ScriptedTransport('email', [{ ok: true, messageId: 'n1@plaint.test' }]);
    await loopFor(email).sendDue();
    expect(await stored(row.id)).toMatchObject({ status: 'sent', route: 'email', statusReason: 'telegram: Forbidden: bot was blocked by the user; trying email instead' });
  });

  it('marks a notice failed, with the reason, when no route is left', async () => {
    const row = await dataSource.getRepository(NoticeEntity).save(notice({ alternatives: [] }));
    await loopFor(new ScriptedTransport('telegram', [{ ok: false, permanent: true, reason: 'Forbidden: bot was blocked by the user' }])).sendDue();
    expect(await stored(row.id)).toMatchObject({ status: 'failed', statusReason: 'telegram: Forbidden: bot was blocked by the user' });
  });

  it('treats a transport that throws as a temporary failure, not a lost notice', async () => {
    const row = await dataSource.getRepository(NoticeEntity).save(notice({}));
    const throwing: NoticeTransport = { route: 'telegram', enabled: true, send: () => Promise.reject(new Error('socket hang up')) };
    await loopFor(throwing).sendDue();
    expect(await stored(row.id)).toMatchObject({ status: 'pending', attempts: 1, statusReason: 'socket hang up' });
  });

  it('holds back the notices of a recipient who already had the hourly allowance', async () => {
    const repository = dataSource.getRepository(NoticeEntity);
    await repository.save(notice({ status: 'sent', sentAt: clock.at }));
    const row = await repository.save(notice({}));
    const transport = new ScriptedTransport('telegram', []);
    await loopFor(transport, 1).sendDue();
    expect(transport.sent).toEqual([]);
    expect((await stored(row.id)).statusReason).toMatch(/held back/);
  });

  it('sends only the notices of its own route', async () => {
    const repository = dataSource.getRepository(NoticeEntity);
    const sms = await repository.save(notice({ route: 'sms', recipient: '+994501234567' }));
    await loopFor(new ScriptedTransport('telegram', [])).sendDue();
    expect(await stored(sms.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
