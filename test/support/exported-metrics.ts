import type { ConsumerStatus, MessageBus } from '../../libs/bus/src';
import { Metrics } from '../../libs/observability/src';
import { BusMetrics } from '../../apps/plaint/src/bus-metrics';

/**
 * Every metric the services export, with its label names, as their registry describes it
 * (a histogram also as its _bucket, _sum and _count series): what a dashboard or an alert may
 * ask Prometheus for.
 */
export async function exportedMetrics(): Promise<Map<string, string[]>> {
  const metrics = new Metrics();
  const consumers: ConsumerStatus[] = [{ topic: 'plaint.inbound.v1', group: 'plaint-core', state: 'running', restarts: 0, since: new Date() }];
  new BusMetrics({ consumers: () => consumers, deadLetterCounts: () => new Map([['plaint.inbound.v1', 1]]) } as unknown as MessageBus, metrics);
  const names = new Map<string, string[]>();
  for (const metric of metrics.registry.getMetricsAsArray() as unknown as { name: string; labelNames?: string[]; get(): Promise<{ type: string }> }[]) {
    const labels = metric.labelNames ?? [];
    names.set(metric.name, labels);
    if ((await metric.get()).type === 'histogram') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.set(`${metric.name}${suffix}`, labels);
    }
  }
  return names;
}
