import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MessageBus } from '@plaint/bus';
import { Metrics } from '@plaint/observability';

/** Each consumer's state and restarts, and the dead letters, read from the bus when Prometheus scrapes. */
@Injectable()
export class BusMetrics {
  constructor(bus: MessageBus, metrics: Metrics) {
    new Gauge({
      name: 'plaint_bus_consumer_up',
      help: '1 while a consumer is a working member of its group, 0 while it starts, restarts or waits for a rebalance',
      labelNames: ['topic', 'group', 'state'] as const,
      registers: [metrics.registry],
      collect() {
        this.reset();
        for (const { topic, group, state } of bus.consumers()) {
          this.set({ topic, group, state }, state === 'running' || state === 'rebalancing' ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'plaint_bus_consumer_restarts',
      help: 'Times a consumer was started again after a crash or a failed start, since the process started',
      labelNames: ['topic', 'group'] as const,
      registers: [metrics.registry],
      collect() {
        this.reset();
        for (const { topic, group, restarts } of bus.consumers()) this.set({ topic, group }, restarts);
      },
    });
    new Counter({
      name: 'plaint_dead_letters_total',
      help: 'Records this process moved to a dead-letter queue, by the topic they came from',
      labelNames: ['topic'] as const,
      registers: [metrics.registry],
      collect() {
        this.reset();
        for (const [topic, count] of bus.deadLetterCounts()) this.inc({ topic }, count);
      },
    });
  }
}
