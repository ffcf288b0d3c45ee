import type { AttachmentRefV1 } from '@plaint/contracts';
import type { RawMessageStore } from '@plaint/persistence';
import { FileTooLarge, type TelegramClient } from '@plaint/telegram';
import type { SentFile } from './read-update';

export interface FetchedFiles {
  attachments: AttachmentRefV1[];
  /** Why a file is missing, one line each, for the agent. */
  problems: string[];
}

/**
 * Brings the files of a message into the blob store (getFile, then the download), up to the
 * installation's size. A file that cannot be fetched is noted and the message goes on without
 * it: the customer's words are never lost for a picture.
 */
export async function fetchFiles(client: TelegramClient, store: RawMessageStore, files: readonly SentFile[], maxBytes: number): Promise<FetchedFiles> {
  const fetched: FetchedFiles = { attachments: [], problems: [] };
  for (const file of files) {
    try {
      if (file.size !== undefined && file.size > maxBytes) throw new FileTooLarge(`the file has ${file.size} bytes, more than the ${maxBytes} bytes kept`);
      const info = await client.getFile(file.fileId);
      if (!info.path) throw new FileTooLarge('Telegram does not hand out files this large');
      const stored = await store.put(await client.download(info.path, maxBytes), 'attachment');
      fetched.attachments.push({ uri: stored.uri, filename: file.filename, contentType: file.contentType, size: stored.size, sha256: stored.sha256 });
    } catch (error) {
      fetched.problems.push(`${file.filename} could not be kept: ${(error as Error).message}`.slice(0, 500));
    }
  }
  return fetched;
}
