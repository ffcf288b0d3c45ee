import type { ConsumerStatus } from '@plaint/bus';

/**
 * The consumers that have not been working members of their group for longer than `graceMs`:
 * still starting, restarting after crashes, or stuck in a rebalance that does not end.
 */
export function stalledConsumers(consumers: readonly ConsumerStatus[], now: Date, graceMs: number): ConsumerStatus[] {
  return consumers.filter(
    (consumer) => consumer.state !== 'running' && consumer.state !== 'stopped' && now.getTime() - consumer.since.getTime() > graceMs,
  );
}
