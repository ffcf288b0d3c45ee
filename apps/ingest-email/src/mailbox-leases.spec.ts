import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@plaint/persistence';
import { SqlMailboxLeases } from './mailbox-leases';

describe('mailbox leases in the one-process install (SQLite)', () => {
  let dir: string;
  let source: DataSource;
  let leases: SqlMailboxLeases;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailbox-leases-'));
    source = await new DataSource(dataSourceOptions({ kind: 'sqlite', file: join(dir, 'plaint.sqlite') })).initialize();
    leases = new SqlMailboxLeases(source);
  });

  afterEach(async () => {
    await source.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets one holder at a time have a mailbox, renew it and give it up', async () => {
    expect(await leases.claim('care@mail/INBOX', 'a', 30)).toBe(true);
    expect(await leases.claim('care@mail/INBOX', 'b', 30)).toBe(false);
    expect(await leases.claim('other@mail/INBOX', 'b', 30)).toBe(true);
    expect(await leases.claim('care@mail/INBOX', 'a', 30)).toBe(true);
    expect(await leases.holderOf('care@mail/INBOX')).toBe('a');
    await leases.release('care@mail/INBOX', 'b');
    expect(await leases.holderOf('care@mail/INBOX')).toBe('a');
    await leases.release('care@mail/INBOX', 'a');
    expect(await leases.holderOf('care@mail/INBOX')).toBeNull();
    expect(await leases.claim('care@mail/INBOX', 'b', 30)).toBe(true);
  });

  it('hands an expired lease to the next claimant', async () => {
    expect(await leases.claim('care@mail/INBOX', 'a', 0)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await leases.holderOf('care@mail/INBOX')).toBeNull();
    expect(await leases.claim('care@mail/INBOX', 'b', 30)).toBe(true);
    expect(await leases.holderOf('care@mail/INBOX')).toBe('b');
  });
});
