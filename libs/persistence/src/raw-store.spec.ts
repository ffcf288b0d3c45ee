import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskRawMessageStore, RawStoreError } from './raw-store';

describe('DiskRawMessageStore', () => {
  const bytes = Buffer.from('From: a@b.test\r\nSubject: hi\r\n\r\nhello\r\n');
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  it('keeps a mail under its hash and gives it back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plaint-raw-'));
    const store = new DiskRawMessageStore(root);
    const stored = await store.put(bytes);
    expect(stored).toEqual({ uri: `file:${sha256}`, sha256, size: bytes.length });
    expect(readFileSync(join(root, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.eml`))).toEqual(bytes);
    expect(await store.get(stored.uri)).toEqual(bytes);
  });

  it('stores the same bytes once and leaves no temporary files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plaint-raw-'));
    const store = new DiskRawMessageStore(root);
    const [first, second] = await Promise.all([store.put(bytes), store.put(bytes)]);
    expect(second).toEqual(first);
    expect(readdirSync(join(root, sha256.slice(0, 2), sha256.slice(2, 4)))).toEqual([`${sha256}.eml`]);
  });

  it('keeps attachments apart from mails', async () => {
    const store = new DiskRawMessageStore(mkdtempSync(join(tmpdir(), 'plaint-raw-')));
    const stored = await store.put(bytes, 'attachment');
    expect(stored.uri).toBe(`file:${sha256}.bin`);
    expect(await store.get(stored.uri)).toEqual(bytes);
  });

  it('refuses uris that are not its own (no path tricks)', async () => {
    const store = new DiskRawMessageStore(mkdtempSync(join(tmpdir(), 'plaint-raw-')));
    await expect(store.get('file:../../etc/passwd')).rejects.toBeInstanceOf(RawStoreError);
    await expect(store.get(`file:${'0'.repeat(64)}`)).rejects.toBeInstanceOf(RawStoreError);
  });
});
