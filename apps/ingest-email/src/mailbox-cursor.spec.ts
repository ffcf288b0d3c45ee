import { chunksOf, messagesAfter, rangeAfter, readStart, reconnectDelay, uidSet } from './mailbox-cursor';

describe('readStart', () => {
  it('reads a mailbox without a cursor from the start', () => {
    expect(readStart(null, '1700')).toEqual({ lastUid: 0, rescan: 'first-read' });
  });

  it('continues after the last UID under the same UIDVALIDITY', () => {
    expect(readStart({ uidValidity: '1700', lastUid: 42 }, '1700')).toEqual({ lastUid: 42, rescan: null });
  });

  it('reads everything again when the server renumbered the mailbox', () => {
    expect(readStart({ uidValidity: '1700', lastUid: 42 }, '1800')).toEqual({ lastUid: 0, rescan: 'uidvalidity-changed' });
  });

  it('compares UIDVALIDITY as text, so values beyond 2^53 are not rounded together', () => {
    expect(readStart({ uidValidity: '9007199254740993', lastUid: 5 }, '9007199254740992').rescan).toBe('uidvalidity-changed');
  });
});

describe('messagesAfter', () => {
  it('drops the last message that "N:*" returns although N is above every UID (RFC 3501)', () => {
    expect(rangeAfter(7)).toBe('8:*');
    expect(messagesAfter([{ uid: 7 }], 7)).toEqual([]);
  });

  it('keeps only UIDs above the cursor, each once, in UID order', () => {
    const listed = [{ uid: 12 }, { uid: 3 }, { uid: 10 }, { uid: 12 }, { uid: 11 }];
    expect(messagesAfter(listed, 10).map((m) => m.uid)).toEqual([11, 12]);
  });
});

describe('chunksOf', () => {
  const mails = (sizes: number[]) => sizes.map((size, i) => ({ uid: i + 1, size }));

  it('cuts by count', () => {
    expect(chunksOf(mails([1, 1, 1, 1, 1]), 2, 1000).map((c) => c.map((m) => m.uid))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('cuts by bytes, and a mail larger than the limit travels alone', () => {
    expect(chunksOf(mails([40, 40, 500, 10]), 100, 100).map((c) => c.map((m) => m.uid))).toEqual([[1, 2], [3], [4]]);
  });

  it('gives nothing for nothing', () => {
    expect(chunksOf([], 100, 100)).toEqual([]);
  });
});

describe('uidSet', () => {
  it('names runs as ranges', () => {
    expect(uidSet([9, 3, 4, 5, 11, 12, 4])).toBe('3:5,9,11:12');
  });
});

describe('reconnectDelay', () => {
  const middle = () => 0.5;

  it('doubles from 1 s up to 60 s', () => {
    expect([0, 1, 2, 3, 6, 7, 50].map((failures) => reconnectDelay(failures, middle))).toEqual([
      1000, 1000, 2000, 4000, 32_000, 60_000, 60_000,
    ]);
  });

  it('spreads by at most 20 %', () => {
    expect(reconnectDelay(3, () => 0)).toBe(3200);
    expect(reconnectDelay(3, () => 1)).toBe(4800);
  });
});
