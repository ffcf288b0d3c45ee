import { Logger } from '@nestjs/common';
import { ContractViolation, type InboundMessageV1 } from '@plaint/contracts';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BusError } from './bus-error';
import { eventually, handle, INBOUND_TOPIC, inboundMessage } from './bus-test-fixtures';
import { InProcessBus } from './in-process-bus';
import { DLQ_HEADERS } from './message-bus';

describe('InProcessBus', () => {
  const buses: InProcessBus[] = [];
  const open = (options: ConstructorParameters<typeof InProcessBus>[0] = {}) => {
    const bus = new InProcessBus({ retryBackoffMs: 1, ...options });
    buses.push(bus);
    return bus;
  };
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('keeps each key in publish order across many keys, in batches of at most 100', async () => {
    const bus = open();
    const customers = Array.from({ length: 20 }, (_, i) => `customer-${i}@example.az`);
    const published = new Map<string, string[]>(customers.map((c) => [c, []]));
    for (let round = 0; round < 25; round += 1) {
      const messages = customers.map((customer) => inboundMessage(`${customer}-${round}`, customer));
      messages.forEach((m) => published.get(m.key)?.push(m.value.id));
      await bus.publish(INBOUND_TOPIC, messages);
    }

    const seen = new Map<string, string[]>();
    const batchSizes: number[] = [];
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      batchSizes.push(records.length);
      for (const record of records) seen.set(record.key, [...(seen.get(record.key) ?? []), record.value.id]);
    }));
    await eventually('all 500 records', () => batchSizes.reduce((a, b) => a + b, 0) >= 500);

    expect(seen).toEqual(published);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(100);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
  });

  it('redelivers a batch until the handler succeeds, losing nothing', async () => {
    const bus = open();
    let calls = 0;
    const delivered: string[] = [];
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      calls += 1;
      if (calls <= 2) throw new Error('database unavailable');
      delivered.push(...records.map((r) => r.value.id));
    }));
    await bus.publish(INBOUND_TOPIC, [inboundMessage('m1'), inboundMessage('m2')]);

    await eventually('delivery after two failures', () => delivered.length === 2);
    expect(delivered).toEqual(['m1', 'm2']);
    expect(calls).toBe(3);
    expect(bus.deadLetters(INBOUND_TOPIC)).toEqual([]);
  });

  it('dead-letters a poison record with its reason and goes on with the next one on its partition', async () => {
    const bus = open({ maxAttempts: 3 });
    const handled: string[] = [];
    const attemptsOfPoison: number[] = [];
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      if (records.some((r) => r.value.id === 'poison')) {
        attemptsOfPoison.push(records.length);
        throw new Error('cannot parse the complaint body');
      }
      handled.push(...records.map((r) => r.value.id));
    }));
    // One key, so all three share a partition and the poison sits between the other two.
    await bus.publish(INBOUND_TOPIC, [inboundMessage('before'), inboundMessage('poison'), inboundMessage('after')]);

    await eventually('the records around the poison', () => handled.includes('after'));
    expect(handled).toEqual(['before', 'after']);
    // 3 attempts with the whole batch, then 3 with the poison alone.
    expect(attemptsOfPoison).toEqual([3, 3, 3, 1, 1, 1]);
    const [letter, ...others] = bus.deadLetters(INBOUND_TOPIC);
    expect(others).toEqual([]);
    expect(bus.deadLetterCounts().get(INBOUND_TOPIC)).toBe(1);
    expect(letter?.reason).toBe('cannot parse the complaint body');
    expect(JSON.parse(letter?.value ?? '{}')).toMatchObject({ id: 'poison' });
    expect(letter?.headers).toMatchObject({
      [DLQ_HEADERS.sourceTopic]: INBOUND_TOPIC,
      [DLQ_HEADERS.group]: 'core',
      [DLQ_HEADERS.attempts]: '3',
      [DLQ_HEADERS.sourceOffset]: '1',
      'plaint-correlation-id': 'corr-poison',
    });

    // The partition is not blocked: later records still arrive.
    await bus.publish(INBOUND_TOPIC, [inboundMessage('later')]);
    await eventually('a later record', () => handled.includes('later'));
  });

  it('gives every group every record', async () => {
    const bus = open();
    const byGroup: Record<string, string[]> = { core: [], audit: [] };
    for (const group of ['core', 'audit']) {
      await bus.subscribe(INBOUND_TOPIC, { group }, handle((records) => {
        byGroup[group]?.push(...records.map((r) => r.value.id));
      }));
    }
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}`);
    await bus.publish(INBOUND_TOPIC, ids.map((id, i) => inboundMessage(id, `c${i % 7}@example.az`)));

    await eventually('both groups', () => byGroup.core?.length === 30 && byGroup.audit?.length === 30);
    expect([...(byGroup.core ?? [])].sort()).toEqual([...ids].sort());
    expect([...(byGroup.audit ?? [])].sort()).toEqual([...ids].sort());
  });

  it('refuses a publish that violates the contract, storing none of its messages', async () => {
    const bus = open();
    const bad = inboundMessage('bad');
    const invalid = { ...bad, value: { ...bad.value, channel: 'fax' } as unknown as InboundMessageV1 };

    await expect(bus.publish(INBOUND_TOPIC, [inboundMessage('good'), invalid])).rejects.toThrow(ContractViolation);

    const delivered: string[] = [];
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      delivered.push(...records.map((r) => r.value.id));
    }));
    await bus.publish(INBOUND_TOPIC, [inboundMessage('next')]);
    await eventually('the next record', () => delivered.includes('next'));
    expect(delivered).toEqual(['next']);
  });

  it('refuses a second subscription of the same group to the same topic', async () => {
    const bus = open();
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, () => Promise.resolve());
    await expect(bus.subscribe(INBOUND_TOPIC, { group: 'core' }, () => Promise.resolve())).rejects.toMatchObject({
      code: 'already-subscribed',
    });
  });

  it('stops a subscription; the same group resumes where it left off, without repeats', async () => {
    const bus = open();
    const delivered: string[] = [];
    const record = handle<InboundMessageV1>((records) => {
      delivered.push(...records.map((r) => r.value.id));
    });
    const first = await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, record);
    await bus.publish(INBOUND_TOPIC, [inboundMessage('a')]);
    await eventually('a', () => delivered.length === 1);
    await first.stop();

    await bus.publish(INBOUND_TOPIC, [inboundMessage('b')]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(delivered).toEqual(['a']);

    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, record);
    await eventually('b', () => delivered.length === 2);
    expect(delivered).toEqual(['a', 'b']);
  });

  it('replays dead letters to their topic, once', async () => {
    const bus = open({ maxAttempts: 1 });
    let broken = true;
    const handled: string[] = [];
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      if (broken) throw new Error('notifier templates missing');
      handled.push(...records.map((r) => r.value.id));
    }));
    await bus.publish(INBOUND_TOPIC, [inboundMessage('m1', 'a@example.az'), inboundMessage('m2', 'b@example.az')]);
    await eventually('two dead letters', () => bus.deadLetters(INBOUND_TOPIC).length === 2);

    broken = false;
    expect(await bus.replayDeadLetters(INBOUND_TOPIC)).toBe(2);
    await eventually('the replayed records', () => handled.length === 2);
    expect([...handled].sort()).toEqual(['m1', 'm2']);
    expect(bus.deadLetters(INBOUND_TOPIC)).toEqual([]);
    expect(await bus.replayDeadLetters(INBOUND_TOPIC)).toBe(0);
  });

  it('refuses to publish or subscribe once closed', async () => {
    const bus = open();
    await bus.close();
    await expect(bus.publish(INBOUND_TOPIC, [inboundMessage('late')])).rejects.toBeInstanceOf(BusError);
    expect(await bus.isHealthy()).toBe(false);
  });

  describe('with a SQLite file', () => {
    let dir: string;
    let file: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'plaint-bus-'));
      file = join(dir, 'bus.sqlite');
    });
    afterEach(async () => {
      // Inner hooks run first: close the buses before their file goes.
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
      rmSync(dir, { recursive: true, force: true });
    });

    it('redelivers after a crash what a group had not committed, and only that', async () => {
      const crashed = open({ file });
      const beforeCrash: string[] = [];
      let hang: (() => void) | undefined;
      await crashed.subscribe(INBOUND_TOPIC, { group: 'core' }, async (records) => {
        beforeCrash.push(...records.map((r) => r.value.id));
        if (records.some((r) => r.value.id === 'in-flight')) await new Promise<void>((resolve) => (hang = resolve));
      });
      await crashed.publish(INBOUND_TOPIC, [inboundMessage('done')]);
      await eventually('the first record', () => beforeCrash.includes('done'));
      await crashed.publish(INBOUND_TOPIC, [inboundMessage('in-flight')]);
      await eventually('the in-flight record to reach its handler', () => hang !== undefined);

      // The crashed bus is abandoned, never closed: a new one opens the same file.
      const restarted = open({ file });
      const core: string[] = [];
      const audit: string[] = [];
      await restarted.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
        core.push(...records.map((r) => r.value.id));
      }));
      await restarted.subscribe(INBOUND_TOPIC, { group: 'audit' }, handle((records) => {
        audit.push(...records.map((r) => r.value.id));
      }));
      await eventually('redelivery', () => core.length >= 1 && audit.length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(core).toEqual(['in-flight']);
      expect(audit).toEqual(['done', 'in-flight']);

      await restarted.close();
      hang?.();
    });

    it('keeps published records when the process stops before consuming them', async () => {
      await open({ file }).publish(INBOUND_TOPIC, [inboundMessage('m1'), inboundMessage('m2')]);
      await buses.pop()?.close();

      const reopened = open({ file });
      const delivered: string[] = [];
      await reopened.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
        delivered.push(...records.map((r) => r.value.id));
      }));
      await eventually('both records', () => delivered.length === 2);
      await reopened.close();

      const again = open({ file });
      const redelivered: string[] = [];
      await again.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
        redelivered.push(...records.map((r) => r.value.id));
      }));
      await again.publish(INBOUND_TOPIC, [inboundMessage('m3')]);
      await eventually('the new record', () => redelivered.length >= 1);
      expect(redelivered).toEqual(['m3']);
    });

    it('validates records again when consuming them, dead-lettering what no longer fits', async () => {
      await open({ file, partitions: 1 }).publish(INBOUND_TOPIC, [inboundMessage('ok-1')]);
      await buses.pop()?.close();
      // A record an older version (or a hand edit) left behind.
      const db = new Database(file);
      db.prepare(
        `INSERT INTO bus_records (topic, partition_no, record_offset, key, value, headers)
         VALUES (?, 0, 1, 'k', ?, '{}')`,
      ).run(INBOUND_TOPIC, JSON.stringify({ id: 'old', channel: 'fax' }));
      db.close();

      const bus = open({ file, partitions: 1 });
      const calls: string[][] = [];
      await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
        calls.push(records.map((r) => r.value.id));
      }));
      await bus.publish(INBOUND_TOPIC, [inboundMessage('ok-2')]);
      await eventually('the valid records', () => calls.flat().includes('ok-2'));

      expect(calls.flat()).toEqual(['ok-1', 'ok-2']);
      const [letter] = bus.deadLetters(INBOUND_TOPIC);
      expect(letter?.reason).toMatch(/^payload for plaint\.inbound\.v1 violates its contract: .*channel/);
      expect(letter?.headers[DLQ_HEADERS.attempts]).toBe('0');
    });

    it('delivers what another process replayed into the same file', async () => {
      const service = open({ file, maxAttempts: 1 });
      let broken = true;
      const handled: string[] = [];
      await service.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
        if (broken) throw new Error('templates missing');
        handled.push(...records.map((r) => r.value.id));
      }));
      await service.publish(INBOUND_TOPIC, [inboundMessage('m1')]);
      await eventually('the dead letter', () => service.deadLetters(INBOUND_TOPIC).length === 1);

      broken = false;
      // The `dlq:replay` command: its own bus on the file, which cannot notify the service's.
      const operator = open({ file });
      expect(await operator.replayDeadLetters(INBOUND_TOPIC)).toBe(1);
      await operator.close();
      await eventually('the replayed record', () => handled.includes('m1'), 5_000);
    });

    it('refuses a file made with another partition count', async () => {
      await open({ file, partitions: 4 }).close();
      expect(() => open({ file, partitions: 8 })).toThrow(expect.objectContaining({ code: 'misconfigured' }));
    });
  });
});
