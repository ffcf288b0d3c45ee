import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the store kept: where to find it again, and what it was. */
export interface StoredBlob {
  uri: string;
  sha256: string;
  size: number;
}

/** A raw mail (.eml), or an attachment (of a mail, or a file sent on a social channel). */
export type BlobKind = 'message' | 'attachment';

/** A uri this store cannot resolve, or bytes that are no longer there. */
export class RawStoreError extends Error {
  override readonly name = 'RawStoreError';
}

/**
 * Where the channels keep the bytes they received (raw mails, attachments, files sent on
 * Telegram), so a mail can be parsed again and an attachment shown, while the bus carries only
 * references. The embedded install keeps them on
 * disk (DiskRawMessageStore); production can provide an object store behind the same port.
 */
export abstract class RawMessageStore {
  /** Keeps `bytes` durably; storing the same bytes again is harmless and gives the same uri. */
  abstract put(bytes: Buffer, kind?: BlobKind): Promise<StoredBlob>;
  abstract get(uri: string): Promise<Buffer>;
}

const URI = /^file:([0-9a-f]{64})(\.bin)?$/;

/**
 * Content-addressed files under `<root>/<aa>/<bb>/<sha256>.eml` (attachments `.bin`). The name
 * is the content's hash, so a re-fetched mail lands on the file it already has, and a file that
 * exists is complete: it is written under a temporary name, flushed, then renamed into place.
 */
export class DiskRawMessageStore extends RawMessageStore {
  constructor(private readonly root: string) {
    super();
  }

  async put(bytes: Buffer, kind: BlobKind = 'message'): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const extension = kind === 'message' ? 'eml' : 'bin';
    const stored = { uri: kind === 'message' ? `file:${sha256}` : `file:${sha256}.bin`, sha256, size: bytes.length };
    const path = this.pathOf(sha256, extension);
    if (await sizeOf(path) === bytes.length) return stored;

    const directory = join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
    await mkdir(directory, { recursive: true });
    const temporary = join(directory, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // flush: the rename must not become durable before the content does.
      await writeFile(temporary, bytes, { flush: true });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return stored;
  }

  async get(uri: string): Promise<Buffer> {
    const match = URI.exec(uri);
    if (!match?.[1]) throw new RawStoreError(`"${uri}" is not a uri of the disk store`);
    try {
      return await readFile(this.pathOf(match[1], match[2] ? 'bin' : 'eml'));
    } catch (error) {
      throw new RawStoreError(`${uri} cannot be read: ${(error as Error).message}`, { cause: error });
    }
  }

  private pathOf(sha256: string, extension: 'eml' | 'bin'): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.${extension}`);
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}
