import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRecordStore } from './sqlite-record-store';

const record = (partition: number, n: number) => ({ partition, key: `k${n}`, value: `{"n":${n}}`, headers: {} });

describe('SqliteRecordStore retention', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'bus-store-')), 'bus.sqlite');

  it('removes only what every group has consumed, and keeps counting offsets after', () => {
    const store = new SqliteRecordStore(file(), 2, 0);
    store.append('t', Array.from({ length: 10 }, (_, n) => record(0, n)));
    store.append('t', [record(1, 100)]);
    store.commit('a', 't', 0, 8);
    store.commit('b', 't', 0, 5);
    store.commit('a', 't', 1, 1);

    expect(store.prune(new Date(Date.now() + 1000))).toBe(5);
    expect(store.read('t', 0, 0, 100).map((r) => r.offset)).toEqual([5, 6, 7, 8, 9]);
    // Partition 1 is fully consumed, but its newest record stays: it carries the next offset.
    expect(store.read('t', 1, 0, 100).map((r) => r.offset)).toEqual([0]);
    store.append('t', [record(1, 101)]);
    expect(store.read('t', 1, 1, 100).map((r) => r.offset)).toEqual([1]);
    store.close();
  });

  it('keeps records younger than the retention and dead letters', () => {
    const store = new SqliteRecordStore(file(), 1, 60_000);
    store.append('t', [record(0, 1), record(0, 2)]);
    store.append('t.dlq', [record(0, 3), record(0, 4)]);
    store.commit('a', 't', 0, 2);
    store.commit('replay', 't.dlq', 0, 2);
    expect(store.prune()).toBe(0);
    expect(store.prune(new Date(Date.now() + 120_000))).toBe(1);
    expect(store.read('t.dlq', 0, 0, 10)).toHaveLength(2);
    store.close();
  });
});
