import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock } from '@plaint/domain';
import { AgentEntity, type AgentRole, dataSourceOptions } from '@plaint/persistence';
import { AgentError } from './agent-error';
import { AgentsRepository } from './agents.repository';
import { UpdateAgent } from './update-agent.use-case';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-10T08:00:00Z');
  }
}

describe('UpdateAgent (real SQLite)', () => {
  let dir: string;
  let dataSource: DataSource;
  let update: UpdateAgent;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'update-agent-'));
    dataSource = await new DataSource(dataSourceOptions({ kind: 'sqlite', file: join(dir, 'plaint.sqlite') })).initialize();
    update = new UpdateAgent(new AgentsRepository(dataSource), new FixedClock());
  });

  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function agent(username: string, role: AgentRole, active = true): Promise<AgentEntity> {
    const at = new Date('2026-11-01T08:00:00Z');
    const row = Object.assign(new AgentEntity(), { id: randomUUID(), username, displayName: username, email: null, passwordHash: 'not used here', role, active, createdAt: at, updatedAt: at });
    await dataSource.getRepository(AgentEntity).insert(row);
    return row;
  }

  const stored = async (id: string) => dataSource.getRepository(AgentEntity).findOneByOrFail({ id });
  const refusal = (promise: Promise<unknown>) => promise.then(
    () => null,
    (error: unknown) => (error instanceof AgentError ? error.problem.code : error),
  );

  it('deactivates and reactivates another agent', async () => {
    const admin = await agent('admin', 'admin');
    const leyla = await agent('leyla', 'agent');
    expect(await update.execute(leyla.id, { active: false }, admin.id)).toMatchObject({ id: leyla.id, active: false });
    expect((await stored(leyla.id)).active).toBe(false);
    await update.execute(leyla.id, { active: true }, admin.id);
    expect((await stored(leyla.id)).active).toBe(true);
  });

  it('refuses an admin deactivating themselves, even when another admin remains', async () => {
    const first = await agent('first', 'admin');
    const second = await agent('second', 'admin');
    expect(await refusal(update.execute(first.id, { active: false }, first.id))).toBe('self_deactivation');
    expect((await stored(first.id)).active).toBe(true);
    // Another admin may; and an admin may still rename themselves.
    await update.execute(first.id, { displayName: 'First Admin' }, first.id);
    await update.execute(first.id, { active: false }, second.id);
    expect(await stored(first.id)).toMatchObject({ active: false, displayName: 'First Admin' });
  });

  it('refuses to demote or deactivate the last active admin', async () => {
    const admin = await agent('admin', 'admin');
    await agent('gone', 'admin', false);
    const other = await agent('farid', 'supervisor');
    expect(await refusal(update.execute(admin.id, { role: 'supervisor' }, admin.id))).toBe('last_admin');
    expect(await refusal(update.execute(admin.id, { active: false }, other.id))).toBe('last_admin');
    expect(await stored(admin.id)).toMatchObject({ role: 'admin', active: true });
  });

  it('changes the role, name and e-mail address, and removes the address with null', async () => {
    const admin = await agent('admin', 'admin');
    const leyla = await agent('leyla', 'agent');
    const changed = await update.execute(leyla.id, { role: 'supervisor', displayName: '  Leyla   Məmmədova ', email: ' Leyla@Example.AZ ' }, admin.id);
    expect(changed).toMatchObject({ role: 'supervisor', displayName: 'Leyla Məmmədova', email: 'leyla@example.az', updatedAt: '2026-11-10T08:00:00.000Z' });
    await update.execute(leyla.id, { email: null }, admin.id);
    expect((await stored(leyla.id)).email).toBeNull();
  });

  it('answers an unknown agent with not_found', async () => {
    const admin = await agent('admin', 'admin');
    expect(await refusal(update.execute(randomUUID(), { active: false }, admin.id))).toBe('not_found');
  });
});
