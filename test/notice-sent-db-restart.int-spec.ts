import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeliveryLoop } from '../apps/notifier/src/delivery/delivery-loop';
import type { DeliveryOutcome, NoticeTransport } from '../apps/notifier/src/delivery/notice-transport';
import { RouteFallback } from '../apps/notifier/src/delivery/route-fallback';
import { SystemClock } from '../libs/domain/src';
import { Metrics } from '../libs/observability/src';
import { dataSourceOptions, NoticeEntity } from '../libs/persistence/src';
import { OwnPostgres } from './chaos/own-postgres';

/** An e-mail route whose server takes the notice while the database restarts underneath. */
class SendDuringRestart implements NoticeTransport {
  readonly enabled = true;
  readonly route = 'email' as const;
  sends = 0;
  restarted: Promise<void> = Promise.resolve();
  constructor(private readonly postgres: OwnPostgres) {}
  async send(): Promise<DeliveryOutcome> {
    this.sends += 1;
    await this.postgres.stop();
    this.restarted = this.postgres.start();
    return { ok: true, messageId: '<notice-1@plaint.test>' };
  }
}

describe('a notice sent while PostgreSQL restarts', () => {
  let postgres: OwnPostgres;
  let dataSource: DataSource | undefined;

  beforeAll(async () => {
    postgres = await OwnPostgres.create();
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy().catch(() => undefined);
    await postgres?.destroy();
  });

  it('is recorded as sent once the database is back, and not sent again', async () => {
    dataSource = await new DataSource(dataSourceOptions({ kind: 'postgres', url: postgres.url, migrateOnBoot: true, poolSize: 2 })).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const id = randomUUID();
    await dataSource.getRepository(NoticeEntity).insert(
      Object.assign(new NoticeEntity(), {
        id,
        eventId: randomUUID(),
        complaintId: null,
        reference: 'K7M4-Q9XD-2PTA',
        eventType: 'complaint.received',
        channel: 'email',
        recipient: 'leyla@mail.az',
        route: 'email',
        alternatives: [],
        language: 'en',
        text: 'Your complaint K7M4-Q9XD-2PTA was received.',
        status: 'pending',
        statusReason: null,
        attempts: 0,
        createdAt: new Date(),
        sentAt: null,
        nextAttemptAt: null,
        messageId: null,
        emailThread: null,
        receipt: null,
        receiptAt: null,
        customerWroteAt: null,
      }),
    );
    const transport = new SendDuringRestart(postgres);
    const fallback = new RouteFallback(dataSource, new Metrics(), () => Promise.resolve());
    const loop = new DeliveryLoop(transport, dataSource, new SystemClock(), new Metrics(), { maxPerRecipientPerHour: 30 }, fallback);

    expect(await loop.sendDue()).toBe(1);
    await transport.restarted;
    const notice = await dataSource.getRepository(NoticeEntity).findOneByOrFail({ id });
    expect(notice).toMatchObject({ status: 'sent', attempts: 1, messageId: '<notice-1@plaint.test>', nextAttemptAt: null });
    expect(await loop.sendDue()).toBe(0);
    expect(transport.sends).toBe(1);
  }, 120_000);
});
