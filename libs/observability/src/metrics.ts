import { Injectable } from '@nestjs/common';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The process's Prometheus registry and the metrics every service shares. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly messagesIngested = new Counter({
    name: 'plaint_messages_ingested_total',
    help: 'Customer messages an adapter put on the bus, by channel',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly complaintsOpened = new Counter({
    name: 'plaint_complaints_opened_total',
    help: 'Complaints opened by core, by channel',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly duplicatesDropped = new Counter({
    name: 'plaint_duplicate_messages_total',
    help: 'Messages core received again and ignored (dedup level 1)',
    registers: [this.registry],
  });

  readonly noticesSent = new Counter({
    name: 'plaint_notices_total',
    help: 'Written notices by channel and outcome',
    labelNames: ['channel', 'status'] as const,
    registers: [this.registry],
  });

  readonly slaAlerts = new Counter({
    name: 'plaint_sla_alerts_total',
    help: 'Deadline warnings and breaches the SLA clock raised, by deadline',
    labelNames: ['deadline', 'kind'] as const,
    registers: [this.registry],
  });

  readonly batchSeconds = new Histogram({
    name: 'plaint_batch_seconds',
    help: 'Time to process one consumed batch, by consumer group',
    labelNames: ['group'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'plaint_rate_limited_total',
    help: 'Requests of the public surfaces refused with 429 / rate_limited, by limit',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  readonly mailboxLeaseHeld = new Gauge({
    name: 'plaint_imap_mailbox_lease_held',
    help: 'Whether this instance holds the lease on a mailbox and polls it (1) or not (0), by mailbox',
    labelNames: ['mailbox'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
