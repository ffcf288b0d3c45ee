import { Controller, Get, HttpCode, Optional, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageBus } from '@plaint/bus';

type Check = 'up' | 'down';

/**
 * Probes. /health and /health/ready: the process can serve (database answers, bus accepts
 * writes). /health/live: the process is not wedged; it checks nothing outside, so a database
 * outage makes pods unready, not restarted.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly bus: MessageBus,
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
    return { status: 'ok' };
  }

  private async check(): Promise<{ status: 'ok'; checks: Record<string, Check> }> {
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
