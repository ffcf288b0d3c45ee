import type { ConsumerStatus } from '@plaint/bus';
import { stalledConsumers } from './stalled-consumers';

const at = (iso: string) => new Date(iso);
const consumer = (state: ConsumerStatus['state'], since: string): ConsumerStatus => ({
  topic: 'plaint.inbound.v1',
  group: 'core',
  state,
  since: at(since),
  restarts: 0,
});

describe('stalled consumers', () => {
  const now = at('2026-12-02T10:00:00Z');
  const grace = 90_000;

  it('counts a consumer that keeps restarting past the grace period', () => {
    expect(stalledConsumers([consumer('restarting', '2026-12-02T09:58:00Z')], now, grace)).toHaveLength(1);
    expect(stalledConsumers([consumer('starting', '2026-12-02T09:58:00Z')], now, grace)).toHaveLength(1);
    expect(stalledConsumers([consumer('rebalancing', '2026-12-02T09:58:00Z')], now, grace)).toHaveLength(1);
  });

  it('gives a consumer the grace period to come back', () => {
    expect(stalledConsumers([consumer('restarting', '2026-12-02T09:59:00Z')], now, grace)).toEqual([]);
  });

  it('never counts a running or deliberately stopped consumer', () => {
    expect(stalledConsumers([consumer('running', '2026-12-01T00:00:00Z'), consumer('stopped', '2026-12-01T00:00:00Z')], now, grace)).toEqual([]);
  });
});
