import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { ChatLineEntity } from './entities';
import { guardSqliteConnection } from './sqlite-connection-guard';

const line = (id: string) =>
  Object.assign(new ChatLineEntity(), { id, conversationId: 'c', author: 'customer', text: id, reference: null, sentAt: new Date() });

describe('guardSqliteConnection', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sqlite-guard-')), 'plaint.sqlite');
    dataSource = await new DataSource(dataSourceOptions({ kind: 'sqlite', file })).initialize();
    guardSqliteConnection(dataSource);
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it('runs concurrent transactions one after another instead of nesting them', async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        dataSource.transaction(async (manager) => {
          await manager.insert(ChatLineEntity, line(`a${i}`));
          await pause();
          await manager.insert(ChatLineEntity, line(`b${i}`));
        }),
      ),
    );
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(await dataSource.getRepository(ChatLineEntity).count()).toBe(10);
  });

  it('keeps a write made from outside out of a transaction that rolls back', async () => {
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const failing = dataSource.transaction(async (manager) => {
      await manager.insert(ChatLineEntity, line('doomed'));
      inside();
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('rolled back');
    });
    await started;
    const outside = dataSource.getRepository(ChatLineEntity).insert(line('kept'));
    await expect(failing).rejects.toThrow('rolled back');
    await outside;
    const ids = (await dataSource.getRepository(ChatLineEntity).find()).map((row) => row.id);
    expect(ids).toEqual(['kept']);
  });
});
