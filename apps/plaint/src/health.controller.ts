import { Controller, Get, HttpCode, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageBus } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { ShutdownState } from './shutdown-state';
import { stalledConsumers } from './stalled-consumers';

type Check = 'up' | 'down';

/**
 * Probes. /health and /health/ready: the process can serve (database answers, bus accepts
 * writes, every consumer is a member of its group). /health/live: the process is not wedged:
 * it fails only when a consumer has not been a working member of its group for
 * PLAINT_BUS_STALL_SECONDS although it kept being restarted — a restart of the process is then
 * the remedy. It checks nothing else outside, so a database outage makes pods unready, not
 * restarted. Once the process is stopping (SIGTERM), readiness fails at once while liveness
 * holds, so traffic goes elsewhere while the work in flight finishes.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly shutdown: ShutdownState,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    @Optional() private readonly dataSource?: DataSource,
  ) {}

  @Get()
  ready(): Promise<{ status: 'ok'; checks: Record<string, Check> }> {
    return this.check();
  }

  @Get('ready')
  readiness(): Promise<{ status: 'ok'; checks: Record<string, Check> }> {
    return this.check();
  }

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    const stalled = stalledConsumers(this.bus.consumers(), this.clock.now(), this.config.busStallSeconds * 1000);
    if (stalled.length > 0) {
      throw new ServiceUnavailableException({
        status: 'stalled',
        consumers: stalled.map(({ topic, group, state, since, lastError }) => ({ topic, group, state, since, lastError })),
      });
    }
    return { status: 'ok' };
  }

  private async check(): Promise<{ status: 'ok'; checks: Record<string, Check> }> {
    if (this.shutdown.stopping) throw new ServiceUnavailableException({ status: 'stopping' });
    const checks: Record<string, Check> = {};
    checks.bus = (await this.bus.isHealthy().catch(() => false)) ? 'up' : 'down';
    if (this.dataSource) {
      checks.database = await this.dataSource
        .query('SELECT 1')
        .then((): Check => 'up')
        .catch((): Check => 'down');
    }
    if (Object.values(checks).includes('down')) {
      throw new ServiceUnavailableException({ status: 'unavailable', checks });
    }
    return { status: 'ok', checks };
  }
}
