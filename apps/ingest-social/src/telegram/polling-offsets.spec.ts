import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PollingOffsets } from './polling-offsets';

describe('PollingOffsets', () => {
  it('has no offset for a bot never polled, and keeps the last one saved across instances', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'plaint-offsets-')), 'telegram');
    expect(await new PollingOffsets(directory).load('shop')).toBeUndefined();
    await new PollingOffsets(directory).save('shop', 41);
    await new PollingOffsets(directory).save('shop', 57);
    expect(await new PollingOffsets(directory).load('shop')).toBe(57);
    expect(await new PollingOffsets(directory).load('other')).toBeUndefined();
  });
});
