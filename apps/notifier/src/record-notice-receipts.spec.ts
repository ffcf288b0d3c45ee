import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { BusRecord } from '@plaint/bus';
import { loadConfig } from '@plaint/config';
import type { NoticeReceiptV1 } from '@plaint/contracts';
import { SystemClock } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import { dataSourceOptions, NoticeEntity } from '@plaint/persistence';
import { DeliverNotices } from './delivery/deliver-notices';
import { RecordNoticeReceipts } from './record-notice-receipts.use-case';
import { NoticeFailedAlarm } from './staff/notice-failed-alarm';
import { RecordStaffNotifications } from './staff/record-staff-notifications.use-case';

const receipt = (value: Partial<NoticeReceiptV1>): BusRecord<NoticeReceiptV1> => ({
  topic: 'plaint.notice-receipts.v1',
  partition: 0,
  offset: '1',
  key: 'wamid.1',
  headers: {},
  value: { eventId: crypto.randomUUID(), route: 'whatsapp', messageId: 'wamid.1', state: 'delivered', occurredAt: '2026-11-02T08:01:00Z', ...value },
});

describe('receipts of notices the platforms accepted', () => {
  let dataSource: DataSource;
  let record: RecordNoticeReceipts;
  const stored = () => dataSource.getRepository(NoticeEntity).findOneByOrFail({ messageId: 'wamid.1' });

  beforeEach(async () => {
    dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
    await dataSource.initialize();
    const config = loadConfig({ PLAINT_DATA_DIR: mkdtempSync(join(tmpdir(), 'receipts-')) });
    const alarm = new NoticeFailedAlarm(new RecordStaffNotifications(dataSource, new SystemClock(), config));
    record = new RecordNoticeReceipts(dataSource, new DeliverNotices(dataSource, [], new SystemClock(), new Metrics(), config, alarm));
    await dataSource.getRepository(NoticeEntity).insert({
      id: crypto.randomUUID(),
      eventId: 'e1',
      complaintId: null,
      reference: 'PLT-7K3M-9Q',
      eventType: 'complaint.received',
      channel: 'whatsapp',
      route: 'whatsapp',
      recipient: '1234:994501234567',
      alternatives: [{ route: 'sms', recipient: '+994501234567' }],
      language: 'az',
      text: 'Müraciətiniz qəbul edildi.',
      status: 'sent',
      statusReason: null,
      attempts: 1,
      createdAt: new Date('2026-11-02T08:00:00Z'),
      sentAt: new Date('2026-11-02T08:00:01Z'),
      nextAttemptAt: null,
      messageId: 'wamid.1',
      emailThread: null,
    });
  });
  afterEach(() => dataSource.destroy());

  it('shows that the customer received and then read the notice, and never goes back from read', async () => {
    await record.execute([receipt({ state: 'delivered' })]);
    expect(await stored()).toMatchObject({ status: 'sent', receipt: 'delivered' });
    await record.execute([receipt({ state: 'read', occurredAt: '2026-11-02T08:05:00Z' }), receipt({ state: 'delivered', occurredAt: '2026-11-02T08:06:00Z' })]);
    const notice = await stored();
    expect(notice.receipt).toBe('read');
    expect(notice.receiptAt?.toISOString()).toBe('2026-11-02T08:05:00.000Z');
  });

  it('takes a notice the platform failed after all to the customer’s next route, with the platform’s reason', async () => {
    await record.execute([receipt({ state: 'failed', reason: '131026 Message undeliverable' })]);
    const notice = await dataSource.getRepository(NoticeEntity).findOneByOrFail({ eventId: 'e1' });
    expect(notice).toMatchObject({ status: 'pending', route: 'sms', recipient: '+994501234567', messageId: null });
    expect(notice.statusReason).toMatch(/^whatsapp: 131026 Message undeliverable; trying sms instead; SMS delivery is not configured$/);
  });

  it('ignores a receipt for a notice it does not know', async () => {
    await record.execute([receipt({ messageId: 'wamid.other', state: 'failed' })]);
    expect(await stored()).toMatchObject({ status: 'sent', receipt: null });
  });

  it('shows every notice sent to the conversation up to a read watermark as read, and none sent after it', async () => {
    const repository = dataSource.getRepository(NoticeEntity);
    const base = await repository.findOneByOrFail({ eventId: 'e1' });
    const later = { ...base, id: crypto.randomUUID(), eventId: 'e2', messageId: 'wamid.2', sentAt: new Date('2026-11-02T09:00:00Z') };
    await repository.insert(later);
    await record.execute([receipt({ messageId: undefined, recipient: '1234:994501234567', upTo: '2026-11-02T08:30:00Z', state: 'read', occurredAt: '2026-11-02T08:31:00Z' })]);
    expect(await stored()).toMatchObject({ receipt: 'read' });
    expect(await repository.findOneByOrFail({ eventId: 'e2' })).toMatchObject({ receipt: null });
    // A delivery watermark after that changes nothing already read, and marks the later one.
    await record.execute([receipt({ messageId: undefined, recipient: '1234:994501234567', upTo: '2026-11-02T09:30:00Z', state: 'delivered', occurredAt: '2026-11-02T09:31:00Z' })]);
    expect(await stored()).toMatchObject({ receipt: 'read' });
    expect(await repository.findOneByOrFail({ eventId: 'e2' })).toMatchObject({ receipt: 'delivered' });
  });
});
