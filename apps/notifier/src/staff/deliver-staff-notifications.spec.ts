import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { dataSourceOptions, StaffNotificationEntity } from '@plaint/persistence';
import type { DeliveryOutcome } from '../delivery/notice-transport';
import { DeliverStaffNotifications } from './deliver-staff-notifications';
import type { StaffMessage, StaffTransport } from './staff-transports';

class MovableClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

class RecordingTransport implements StaffTransport {
  readonly route = 'email' as const;
  readonly enabled = true;
  readonly sent: StaffMessage[] = [];
  send(message: StaffMessage): Promise<DeliveryOutcome> {
    this.sent.push(message);
    return Promise.resolve({ ok: true, messageId: `m-${this.sent.length}` });
  }
}

const MINUTE = 60_000;

describe('the staff delivery loop’s hourly limits', () => {
  let dataSource: DataSource;
  let clock: MovableClock;
  let transport: RecordingTransport;
  let delivery: DeliverStaffNotifications;
  let created = 0;
  const rows = () => dataSource.getRepository(StaffNotificationEntity).find({ order: { createdAt: 'ASC' } });
  const add = (kind: string, recipient = 'aysel@care.test', reference = `PLT-0000-000${created % 10}`) =>
    dataSource.getRepository(StaffNotificationEntity).insert({
      id: crypto.randomUUID(),
      dedupKey: `e${(created += 1)}:a1:email`,
      route: 'email',
      recipient,
      agentId: kind === 'command.refused' ? null : crypto.randomUUID(),
      complaintId: null,
      reference,
      kind,
      subject: `subject ${created}`,
      text: `${reference} · item ${created}`,
      status: 'pending',
      attempts: 0,
      createdAt: new Date(clock.now().getTime() + created),
    });

  beforeEach(async () => {
    dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
    await dataSource.initialize();
    const config = loadConfig({
      PLAINT_DATA_DIR: mkdtempSync(join(tmpdir(), 'staff-delivery-')),
      PLAINT_STAFF_NOTIFICATIONS_PER_HOUR: '3',
      PLAINT_STAFF_REFUSALS_PER_HOUR: '2',
    });
    clock = new MovableClock(new Date('2026-12-02T09:00:00Z'));
    transport = new RecordingTransport();
    delivery = new DeliverStaffNotifications(dataSource, [transport], clock, config);
  });

  afterEach(() => dataSource.destroy());

  it('sends up to the hourly cap one by one, holds the rest, and sends them as one digest when the hour allows', async () => {
    for (let i = 0; i < 5; i += 1) await add('customer.message');
    expect(await delivery.sendDue()).toBe(3);
    expect(transport.sent.map((message) => message.subject)).toEqual(['subject 1', 'subject 2', 'subject 3']);
    expect((await rows()).map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'pending', 'pending']);

    // Not yet: the window is still full.
    clock.advance(30 * MINUTE);
    await add('sla.warning');
    expect(await delivery.sendDue()).toBe(0);

    clock.advance(31 * MINUTE);
    expect(await delivery.sendDue()).toBe(1);
    const digest = transport.sent[3];
    expect(transport.sent).toHaveLength(4);
    // In the company's default language (az): the agent has none of their own here.
    expect(digest?.subject).toMatch(/^3 bildiriş/);
    expect(digest?.text).toContain('item 4');
    expect(digest?.text).toContain('item 6');
    const after = await rows();
    expect(after.map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'sent']);
    expect(new Set(after.slice(3).map((row) => row.messageId))).toEqual(new Set(['m-4']));
  });

  it('answers a sender’s refusals up to their allowance and drops the rest as rate-limited', async () => {
    for (let i = 0; i < 4; i += 1) await add('command.refused', 'stranger@elsewhere.test');
    await add('customer.message', 'stranger@elsewhere.test');
    expect(await delivery.sendDue()).toBe(3);
    const stored = await rows();
    expect(stored.map((row) => `${row.kind} ${row.status} ${row.statusReason ?? ''}`.trim())).toEqual([
      'command.refused sent',
      'command.refused sent',
      'command.refused failed rate-limited',
      'command.refused failed rate-limited',
      // Refusals are counted apart from notifications.
      'customer.message sent',
    ]);
  });
});
