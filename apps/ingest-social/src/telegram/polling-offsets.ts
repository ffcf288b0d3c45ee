import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * How far each bot's long polling has read: the next update_id to ask for, kept in
 * `<data dir>/telegram/<bot>.offset` and moved only after the bus accepted the updates before
 * it. A restart goes on from there: nothing lost, and what is read twice core keeps once.
 * (Telegram also forgets updates below the offset it was last asked for.)
 */
export class PollingOffsets {
  constructor(private readonly directory: string) {}

  async load(bot: string): Promise<number | undefined> {
    try {
      const value = Number((await readFile(this.fileOf(bot), 'utf8')).trim());
      return Number.isSafeInteger(value) ? value : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async save(bot: string, offset: number): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const temporary = `${this.fileOf(bot)}.tmp`;
    // flush, then rename: the file holds either the old offset or the new one, never half of one.
    await writeFile(temporary, `${offset}\n`, { flush: true });
    await rename(temporary, this.fileOf(bot));
  }

  private fileOf(bot: string): string {
    return join(this.directory, `${bot}.offset`);
  }
}
