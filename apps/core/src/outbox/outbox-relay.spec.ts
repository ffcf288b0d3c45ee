import { DataSource } from 'typeorm';
import { type BusRecord, InProcessBus } from '@plaint/bus';
import { loadConfig } from '@plaint/config';
import { COMPLAINT_EVENTS_TOPIC, type ComplaintEventV1 } from '@plaint/contracts';
import { SystemClock } from '@plaint/domain';
import { dataSourceOptions, OutboxEntity } from '@plaint/persistence';
import { CoreStore } from '../store/core-store';
import { OutboxRelay } from './outbox-relay';

function received(n: number): ComplaintEventV1 {
  return {
    eventId: `event-${n}`,
    type: 'complaint.received',
    complaintId: `complaint-${n}`,
    reference: `REF-${n}`,
    occurredAt: new Date('2026-11-02T08:00:00Z').toISOString(),
    channel: 'chat',
    language: 'az',
    customer: { name: `Customer ${n}` },
    deadlines: { acceptBy: '2026-11-05T08:00:00.000Z' },
  };
}

/** Waits (up to two seconds) until the in-process consumer has seen what `done` asks for. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** The relay over an in-memory SQLite store and the in-process bus, with a consumer of complaint events. */
async function relayOnSqlite() {
  const dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
  await dataSource.initialize();
  const store = new CoreStore(dataSource);
  const bus = new InProcessBus({ partitions: 1, maxAttempts: 1 });
  const consumed: BusRecord<ComplaintEventV1>[] = [];
  await bus.subscribe(COMPLAINT_EVENTS_TOPIC, { group: 'notifier' }, (records) => {
    consumed.push(...records);
    return Promise.resolve();
  });
  const relay = new OutboxRelay(store, bus, new SystemClock(), loadConfig({}));
  const enqueue = (events: ComplaintEventV1[]) =>
    store.transaction((session) => session.outbox.enqueue(events.map((event) => ({ key: event.complaintId, event, correlationId: 'corr-1' })), new Date()));
  const pending = async () => (await dataSource.getRepository(OutboxEntity).findBy({})).filter((row) => row.publishedAt === null).length;
  return { dataSource, bus, relay, consumed, enqueue, pending };
}

describe('outbox relay', () => {
  it('publishes every stored event once, in order, as consumers read them, and marks them published', async () => {
    const { dataSource, bus, relay, consumed, enqueue, pending } = await relayOnSqlite();
    await enqueue([received(1), received(2), received(3)]);

    expect(await relay.drain()).toBe(3);
    expect(await relay.drain()).toBe(0);
    expect(await pending()).toBe(0);
    await until(() => consumed.length >= 3);
    expect(consumed.map((record) => record.value.eventId)).toEqual(['event-1', 'event-2', 'event-3']);
    expect(consumed[0]?.value).toEqual(received(1));
    expect(consumed[0]?.headers['plaint-correlation-id']).toBe('corr-1');
    await bus.close();
    await dataSource.destroy();
  });

  it('keeps the events pending when the bus refuses them, and publishes them on the next pass', async () => {
    const { dataSource, bus, relay, consumed, enqueue, pending } = await relayOnSqlite();
    await enqueue([received(1), received(2)]);
    const publish = jest.spyOn(bus, 'publishEncoded').mockRejectedValueOnce(new Error('broker gone'));

    await expect(relay.drain()).rejects.toThrow('broker gone');
    expect(await pending()).toBe(2);

    publish.mockRestore();
    expect(await relay.drain()).toBe(2);
    await until(() => consumed.length >= 2);
    expect(consumed.map((record) => record.value.eventId)).toEqual(['event-1', 'event-2']);
    await bus.close();
    await dataSource.destroy();
  });
});
