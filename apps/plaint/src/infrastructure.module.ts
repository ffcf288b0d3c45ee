import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MessageBus } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { BusinessCalendar, Clock, SystemClock } from '@plaint/domain';
import { Metrics, RateLimiter, type Tracing, TrustedProxies } from '@plaint/observability';
import { dataSourceOptions, guardSqliteConnection, migrateWithLock } from '@plaint/persistence';
import { businessCalendarFor } from './business-calendar.provider';
import { BusMetrics } from './bus-metrics';
import { HealthController } from './health.controller';
import { ShutdownState } from './shutdown-state';
import { TRACING, tracingProviders } from './tracing.provider';

/** What a test may replace in a booted process. */
export interface InfrastructureOverrides {
  clock?: Clock;
}

class BusShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(TRACING) private readonly tracing: Tracing | null,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    // Last: sends the spans of everything that stopped before.
    await this.tracing?.shutdown();
  }
}

/** Whether the services of this process keep anything in the database (ingest-web alone only publishes). */
export function usesDatabase(config: PlaintConfig): boolean {
  return config.apps.some((app) => app !== 'ingest-web');
}

/**
 * Config, clock, business calendar, bus, database, metrics, probes and the public rate limiter,
 * shared by every service of a process.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: PlaintConfig, overrides: InfrastructureOverrides = {}): DynamicModule {
    const needsDatabase = usesDatabase(config);
    return {
      module: InfrastructureModule,
      imports: needsDatabase
        ? [
            TypeOrmModule.forRootAsync({
              useFactory: () => dataSourceOptions(config.database),
              dataSourceFactory: async (options) => {
                const dataSource = await new DataSource(options!).initialize();
                guardSqliteConnection(dataSource);
                if (config.database.kind === 'postgres' && config.database.migrateOnBoot) await migrateWithLock(dataSource);
                return dataSource;
              },
            }),
          ]
        : [],
      controllers: [HealthController],
      providers: [
        { provide: PLAINT_CONFIG, useValue: config },
        { provide: Clock, useValue: overrides.clock ?? new SystemClock() },
        { provide: BusinessCalendar, inject: [Clock], useFactory: (clock: Clock) => businessCalendarFor(config, clock) },
        ...tracingProviders(config),
        BusShutdown,
        ShutdownState,
        Metrics,
        { provide: TrustedProxies, useValue: new TrustedProxies(config.edge.trustedProxies) },
        {
          provide: RateLimiter,
          inject: [Metrics],
          useFactory: (metrics: Metrics) => new RateLimiter(Date.now, (limit) => metrics.rateLimited.inc({ limit })),
        },
        BusMetrics,
      ],
      exports: [PLAINT_CONFIG, Clock, ShutdownState, BusinessCalendar, MessageBus, Metrics, TrustedProxies, RateLimiter],
    };
  }
}
