import type { EntityManager } from 'typeorm';
import { ComplaintEntity } from '@plaint/persistence';

/** Someone changed the complaint since it was read; the change is retried on fresh data. */
export class StaleComplaint extends Error {
  override readonly name = 'StaleComplaint';
}

/**
 * Writes a complaint read earlier in the transaction, only if nobody changed it since
 * (optimistic revision): the whole row, or just `fields`. Bumps the row's revision and
 * updatedAt; throws StaleComplaint when the stored revision moved on.
 */
export async function saveComplaint(
  manager: EntityManager,
  row: ComplaintEntity,
  now: Date,
  fields?: readonly (keyof ComplaintEntity)[],
): Promise<void> {
  const revision = row.revision;
  row.revision = revision + 1;
  row.updatedAt = now;
  const { id, ...all } = row;
  const changes: Partial<ComplaintEntity> = fields
    ? Object.fromEntries([...fields, 'revision', 'updatedAt'].map((field) => [field, row[field as keyof ComplaintEntity]]))
    : all;
  const result = await manager.update(ComplaintEntity, { id, revision }, changes);
  if (result.affected === 0) throw new StaleComplaint(id);
}
