/**
 * Picks the partition of a key: the same key always lands in the same partition, which is what
 * keeps one customer's messages in order. FNV-1a (32 bit) is stable across processes and Node
 * versions, unlike anything seeded per process.
 */
export function partitionForKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
