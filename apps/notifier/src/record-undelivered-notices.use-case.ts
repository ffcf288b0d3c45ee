import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import type { BusRecord } from '@plaint/bus';
import type { NoticeUndeliveredV1 } from '@plaint/contracts';
import { NoticeEntity } from '@plaint/persistence';
import { NoticeFailedAlarm } from './staff/notice-failed-alarm';

/**
 * A notice a mail server reported undeliverable for good is marked failed, with the server's
 * diagnostic, so an agent sees on the complaint that the customer was not reached, and the
 * complaint's assignee is told (NoticeFailedAlarm). Marking it twice writes the same, so a
 * redelivered batch is harmless.
 */
@Injectable()
export class RecordUndeliveredNotices {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alarm: NoticeFailedAlarm,
  ) {}

  async execute(records: readonly BusRecord<NoticeUndeliveredV1>[]): Promise<void> {
    if (records.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      for (const { value } of records) {
        const failing = await manager.findBy(NoticeEntity, { messageId: value.messageId, status: Not('failed') });
        await manager.update(NoticeEntity, { messageId: value.messageId }, { status: 'failed', statusReason: value.reason });
        for (const notice of failing) await this.alarm.raise(manager, notice, value.reason);
      }
    });
  }
}
