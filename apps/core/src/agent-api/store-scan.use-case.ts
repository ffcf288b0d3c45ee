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
/**
 * The file name the scanner sent (X-Filename, percent-encoded when it is not ASCII), as a label
 * only: no directories, and no direction controls that would make `\u202Efdp.exe` show as `exe.pdf`.
 */
export function scanFilename(header: string): string {
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    // Not percent-encoded after all: the header as it came.
  }
  return cleanName(name.split(/[/\\]/).pop() ?? '').slice(0, 300) || 'scan';
}

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
    const scan: StoredScan = { id, uri: `file://${file}`, filename: scanFilename(filename), contentType: type, size, sha256: hash.digest('hex') };
    await writeFile(join(dir, `${id}.json`), JSON.stringify(scan));
    return scan;
  }
}
