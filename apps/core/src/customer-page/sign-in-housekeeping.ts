import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@plaint/domain';
import { PeriodicPass } from '../periodic-pass';
import { CoreStore } from '../store/core-store';

/** How often, and how long after they end, links, sessions and the addresses of link notices are forgotten. */
const EVERY_MS = 15 * 60_000;
const KEEP_MS = 24 * 60 * 60_000;

/**
 * Sign-in links and sessions are worth nothing once over, and each names a contact: every core
 * instance forgets those that ended a day ago (the delete is idempotent, so instances may overlap).
 */
@Injectable()
export class SignInHousekeeping implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly passes = new PeriodicPass('sign-in housekeeping', new Logger(SignInHousekeeping.name));

  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(EVERY_MS, () => this.run());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.passes.stop();
  }

  run(): Promise<number> {
    return this.store.reads().customerPage.forgetBefore(new Date(this.clock.now().getTime() - KEEP_MS));
  }
}
