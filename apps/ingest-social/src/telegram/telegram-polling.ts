import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { join } from 'node:path';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { TelegramApiError, type TelegramBotHandle, TelegramBots } from '@plaint/telegram';
import { AcceptUpdates, isRawUpdate } from './accept-updates';
import { PollingOffsets } from './polling-offsets';

const MAX_BACKOFF_MS = 30_000;

/**
 * Long polling (PLAINT_TELEGRAM_MODE=polling), for a laptop or anywhere Telegram cannot reach
 * us: one getUpdates loop per bot, each batch put on the bus before the offset moves past it.
 * One process per bot: Telegram answers a second poller of the same bot with 409.
 */
@Injectable()
export class TelegramPolling implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Telegram');
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    private readonly bots: TelegramBots,
    private readonly acceptUpdates: AcceptUpdates,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.telegram.mode !== 'polling') return;
    const offsets = new PollingOffsets(join(this.config.dataDir, 'telegram'));
    this.loops = this.bots.all().map((bot) => this.poll(bot, offsets));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.loops);
  }

  private async poll(bot: TelegramBotHandle, offsets: PollingOffsets): Promise<void> {
    const signal = this.stopping.signal;
    let offset = await offsets.load(bot.name);
    let failures = 0;
    this.logger.log(`polling Telegram for bot ${bot.name}${offset === undefined ? '' : ` from update ${offset}`}`);
    while (!signal.aborted) {
      try {
        const updates = (await bot.client.getUpdates(offset, this.config.telegram.pollTimeoutSeconds, signal)).filter(isRawUpdate);
        if (updates.length > 0) {
          await this.acceptUpdates.execute(bot.name, updates);
          offset = Math.max(...updates.map((update) => update.update_id)) + 1;
          await offsets.save(bot.name, offset);
        }
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        const wait = waitAfter(error, failures);
        this.logger.warn(`polling for bot ${bot.name} failed (${describe(error)}); again in ${wait} ms`);
        await sleep(wait, signal);
      }
    }
  }
}

function waitAfter(error: unknown, failures: number): number {
  if (error instanceof TelegramApiError && error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
  return Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 6));
}

function describe(error: unknown): string {
  if (error instanceof TelegramApiError && error.code === 409) return 'a webhook is set for this bot or another poller runs: delete the webhook or stop the other process';
  return (error as Error).message;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
