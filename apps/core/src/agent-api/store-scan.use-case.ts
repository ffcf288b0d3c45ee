import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cleanName } from '@plaint/contracts';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { AgentApiRefused } from './agent-api.errors';

export const SCAN_DIR = 'complaint-book-scans';
export const SCAN_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
const MAX_SCAN_BYTES = 15 * 1024 * 1024;

export interface StoredScan {
  id: string;
  uri: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Keeps the scan of a complaint-book page: streamed to the blob directory under a temporary
 * name, hashed on the way, and renamed into place only when complete, so a broken upload
 * leaves nothing behind.
 */
@Injectable()
export class StoreScan {
  constructor(@Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {}

  async execute(body: Readable, contentType: string, filename: string): Promise<StoredScan> {
    const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!(SCAN_TYPES as readonly string[]).includes(type)) {
      throw new AgentApiRefused('invalid', `a scan must be one of ${SCAN_TYPES.join(', ')}`);
    }
    const dir = join(this.config.blobDir, SCAN_DIR);
    await mkdir(dir, { recursive: true });
    const id = randomUUID();
    const partial = join(dir, `${id}.partial`);
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > MAX_SCAN_BYTES) throw new AgentApiRefused('invalid', `a scan may be at most ${MAX_SCAN_BYTES / 1024 / 1024} MB`);
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(partial, { flags: 'wx' }),
      );
      if (size === 0) throw new AgentApiRefused('invalid', 'the scan is empty');
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    const file = join(dir, id);
    await rename(partial, file);
    const scan: StoredScan = { id, uri: `file://${file}`, filename: cleanName(filename.split(/[/\\]/).pop() ?? '').slice(0, 300) || 'scan', contentType: type, size, sha256: hash.digest('hex') };
    await writeFile(join(dir, `${id}.json`), JSON.stringify(scan));
    return scan;
  }
}
