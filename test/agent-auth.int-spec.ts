import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import request from 'supertest';
import { loadConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { CommandFailed, createAdminAgent, readAdminPassword } from '../apps/plaint/src/operator-commands';
import { createTestDatabase, queryDatabase } from './support/postgres';
import { embeddedEnv } from './support/plaint-services';

class MovableClock extends Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

const quiet = () => new PassThrough();
const GENERIC_401 = { statusCode: 401, message: 'The username or password is not correct' };
const TTL_SECONDS = 900;

describe('the agent API sign-in and roles, in one process on SQLite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-agent-auth-'));
  const env = embeddedEnv(dataDir);
  const clock = new MovableClock();
  const admin = { username: 'first.admin', displayName: 'First Admin', password: 'an admin pass phrase' };
  let plaint: RunningPlaint;
  let adminToken: string;

  const signIn = (username: string, password: string) => request(plaint.url).post('/api/v1/agent/auth/token').send({ username, password });
  const me = (token?: string) => {
    const call = request(plaint.url).get('/api/v1/agent/agents/me');
    return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
  };
  const asAdmin = (call: request.Test) => call.set('Authorization', `Bearer ${adminToken}`);
  const tokenOf = async (username: string, password: string) => (await signIn(username, password).expect(200)).body.accessToken as string;
  let agentCount = 0;
  const createAgent = async (role: 'agent' | 'supervisor' | 'admin' = 'agent') => {
    agentCount += 1;
    const account = { username: `${role}.${agentCount}`, displayName: `Agent ${agentCount}`, password: `pass phrase no ${agentCount}`, role };
    const created = await asAdmin(request(plaint.url).post('/api/v1/agent/agents')).send(account).expect(201);
    return { ...account, id: created.body.id as string };
  };

  beforeAll(async () => {
    // The operator's first step on a fresh install: the command line, before the server ever ran.
    await createAdminAgent(loadConfig(env), admin, quiet());
    plaint = await startPlaint({ env, overrides: { clock } });
    adminToken = await tokenOf(admin.username, admin.password);
  });

  afterAll(async () => {
    await plaint?.close();
  });

  it('signs in the admin the command line created', async () => {
    const asked = Math.floor(clock.now().getTime() / 1000) * 1000;
    const response = await signIn(admin.username, admin.password).expect(200);
    expect(response.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
      expiresIn: TTL_SECONDS,
      expiresAt: expect.any(String),
      agent: { id: expect.any(String), username: admin.username, displayName: admin.displayName, role: 'admin' },
    });
    const expiresAt = Date.parse(response.body.expiresAt as string);
    expect(expiresAt).toBeGreaterThanOrEqual(asked + TTL_SECONDS * 1000);
    expect(expiresAt).toBeLessThanOrEqual(clock.now().getTime() + TTL_SECONDS * 1000);
    const who = await me(response.body.accessToken).expect(200);
    expect(who.body).toEqual(response.body.agent);
  });

  it('refuses a request without a token, or with a garbage one, with 401 and a Bearer challenge', async () => {
    const without = await me().expect(401);
    expect(without.headers['www-authenticate']).toBe('Bearer');
    const garbage = await me('garbage.not.a-token').expect(401);
    expect(garbage.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    await request(plaint.url).get('/api/v1/agent/agents').set('Authorization', 'Basic Zmlyc3QuYWRtaW46eA==').expect(401);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await signIn(admin.username, 'not the right password').expect(401);
    const unknown = await signIn('nobody.here', 'not the right password').expect(401);
    expect(wrong.body).toMatchObject(GENERIC_401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('lets an admin create an agent, who signs in and uses a signed-in endpoint', async () => {
    const agent = await createAgent();
    const token = await tokenOf(agent.username, agent.password);
    const who = await me(token).expect(200);
    expect(who.body).toEqual({ id: agent.id, username: agent.username, displayName: agent.displayName, role: 'agent' });
  });

  it('answers an agent calling an admin endpoint with 403', async () => {
    const agent = await createAgent();
    const token = await tokenOf(agent.username, agent.password);
    await request(plaint.url).get('/api/v1/agent/agents').set('Authorization', `Bearer ${token}`).expect(403);
    await request(plaint.url)
      .post('/api/v1/agent/agents')
      .set('Authorization', `Bearer ${token}`)
      .send({ username: 'self.promoted', displayName: 'X', password: 'long enough password', role: 'admin' })
      .expect(403);
  });

  it('never shows a password hash, and lists every agent to an admin', async () => {
    const agent = await createAgent('supervisor');
    const list = await asAdmin(request(plaint.url).get('/api/v1/agent/agents')).expect(200);
    expect(list.text).not.toMatch(/argon2|password/i);
    expect(list.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: agent.id, username: agent.username, role: 'supervisor', active: true, email: null })]),
    );
  });

  it('lists the active staff to a supervisor with id, name and role only, and to an agent not at all', async () => {
    const supervisor = await createAgent('supervisor');
    const colleague = await createAgent();
    const leaver = await createAgent();
    await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${leaver.id}`)).send({ active: false }).expect(200);
    const staff = (token: string) => request(plaint.url).get('/api/v1/agent/staff').set('Authorization', `Bearer ${token}`);

    const list = await staff(await tokenOf(supervisor.username, supervisor.password)).expect(200);
    const people = list.body as { id: string }[];
    expect(people).toContainEqual({ id: colleague.id, displayName: colleague.displayName, role: 'agent' });
    expect(people).toContainEqual({ id: supervisor.id, displayName: supervisor.displayName, role: 'supervisor' });
    expect(people.map((person) => person.id)).not.toContain(leaver.id);
    expect(list.text).not.toContain(colleague.username);

    await staff(await tokenOf(colleague.username, colleague.password)).expect(403);
    await staff(adminToken).expect(200);
    await request(plaint.url).get('/api/v1/agent/staff').expect(401);
  });

  it('refuses a taken username with 409 and a weak password with 400', async () => {
    const body = { username: admin.username, displayName: 'Twin', password: 'long enough password', role: 'agent' };
    await asAdmin(request(plaint.url).post('/api/v1/agent/agents')).send(body).expect(409);
    const weak = await asAdmin(request(plaint.url).post('/api/v1/agent/agents')).send({ ...body, username: 'weak.one', password: 'short' }).expect(400);
    expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    await asAdmin(request(plaint.url).post('/api/v1/agent/agents')).send({ ...body, username: 'Bad Name' }).expect(400);
  });

  it('stops the tokens of a deactivated agent at once, and lets them back in when reactivated', async () => {
    const agent = await createAgent();
    const token = await tokenOf(agent.username, agent.password);
    await me(token).expect(200);

    const patched = await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${agent.id}`)).send({ active: false }).expect(200);
    expect(patched.body).toMatchObject({ id: agent.id, active: false });
    const refused = await me(token).expect(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect((await signIn(agent.username, agent.password).expect(401)).body).toMatchObject(GENERIC_401);

    await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${agent.id}`)).send({ active: true }).expect(200);
    await me(await tokenOf(agent.username, agent.password)).expect(200);
  });

  it('applies a role change to tokens already issued', async () => {
    const agent = await createAgent();
    const token = await tokenOf(agent.username, agent.password);
    await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${agent.id}`)).send({ role: 'admin', displayName: 'Now In Charge' }).expect(200);
    expect((await me(token).expect(200)).body).toMatchObject({ role: 'admin', displayName: 'Now In Charge' });
    await request(plaint.url).get('/api/v1/agent/agents').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('refuses an expired token once the clock passes the TTL', async () => {
    const agent = await createAgent();
    const token = await tokenOf(agent.username, agent.password);
    clock.advance(TTL_SECONDS - 5);
    await me(token).expect(200);
    clock.advance(10);
    const expired = await me(token).expect(401);
    expect(expired.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    // The admin's token from the start is as old: sign in again for the tests after this one.
    adminToken = await tokenOf(admin.username, admin.password);
    await me(await tokenOf(agent.username, agent.password)).expect(200);
  });

  it('renews a still-valid token for a fresh one, and refuses to renew an expired one or a deactivated agent’s', async () => {
    const agent = await createAgent();
    const refresh = (token: string) => request(plaint.url).post('/api/v1/agent/auth/refresh').set('Authorization', `Bearer ${token}`);
    const first = await tokenOf(agent.username, agent.password);
    clock.advance(TTL_SECONDS - 60);
    const renewed = await refresh(first).expect(200);
    expect(renewed.body).toMatchObject({ tokenType: 'Bearer', expiresIn: TTL_SECONDS, agent: { id: agent.id, role: 'agent' } });
    expect(Date.parse(renewed.body.expiresAt as string)).toBeGreaterThan(clock.now().getTime() + (TTL_SECONDS - 5) * 1000);
    clock.advance(120);
    // The first token has expired and renews nothing; the renewed one works on.
    await refresh(first).expect(401);
    await me(renewed.body.accessToken as string).expect(200);

    adminToken = await tokenOf(admin.username, admin.password);
    await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${agent.id}`)).send({ active: false }).expect(200);
    await refresh(renewed.body.accessToken as string).expect(401);
    await request(plaint.url).post('/api/v1/agent/auth/refresh').expect(401);
  });

  it('refuses an admin deactivating their own account with 409, though another admin may', async () => {
    const second = await createAgent('admin');
    const secondToken = await tokenOf(second.username, second.password);
    const refused = await request(plaint.url).patch(`/api/v1/agent/agents/${second.id}`).set('Authorization', `Bearer ${secondToken}`).send({ active: false }).expect(409);
    expect(refused.body).toMatchObject({ code: 'self_deactivation', message: 'You cannot deactivate your own account' });
    await me(secondToken).expect(200);

    await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${second.id}`)).send({ active: false }).expect(200);
    await me(secondToken).expect(401);
  });

  it('keeps one active admin: the last one cannot deactivate or demote themselves', async () => {
    const agents = (await asAdmin(request(plaint.url).get('/api/v1/agent/agents')).expect(200)).body as { id: string; username: string; role: string; active: boolean }[];
    // Demote every other admin first, so the first admin is the last one.
    for (const other of agents.filter((a) => a.role === 'admin' && a.active && a.username !== admin.username)) {
      await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${other.id}`)).send({ role: 'supervisor' }).expect(200);
    }
    const self = (await me(adminToken).expect(200)).body as { id: string };
    await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${self.id}`)).send({ active: false }).expect(409);
    const demoted = await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${self.id}`)).send({ role: 'agent' }).expect(409);
    expect(demoted.body).toMatchObject({ code: 'last_admin' });
    await me(adminToken).expect(200);
  });

  it('answers an unknown agent with 404 and a malformed id or empty change with 400', async () => {
    await asAdmin(request(plaint.url).patch('/api/v1/agent/agents/8a3c7a52-9d0e-4a7b-b1a1-2f1e0c9d8b7a')).send({ active: false }).expect(404);
    await asAdmin(request(plaint.url).patch('/api/v1/agent/agents/not-a-uuid')).send({ active: false }).expect(400);
    const agent = await createAgent();
    await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${agent.id}`)).send({}).expect(400);
    await asAdmin(request(plaint.url).patch(`/api/v1/agent/agents/${agent.id}`)).send({ passwordHash: 'x' }).expect(400);
  });

  it('throttles password guessing on one username with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await signIn('guessed.user', `guess number ${i}`)).status);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    // Other accounts from the same address still sign in.
    await signIn(admin.username, admin.password).expect(200);
  });
});

describe('the sign-in throttle behind a configured proxy', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-agent-auth-proxy-'));
  let plaint: RunningPlaint;

  beforeAll(async () => {
    plaint = await startPlaint({ env: { ...embeddedEnv(dataDir), PLAINT_TRUSTED_PROXIES: '127.0.0.1', PLAINT_METRICS_PORT: 'off' } });
  });

  afterAll(async () => {
    await plaint?.close();
  });

  it('counts guesses from one IPv6 /64 network as one client, whichever of its addresses they come from', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 11; i += 1) {
      const answer = await request(plaint.url)
        .post('/api/v1/agent/auth/token')
        .set('X-Forwarded-For', `2001:db8:5:5:${i.toString(16)}::${i}`)
        .send({ username: 'guessed.user', password: `guess number ${i}` });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
  });
});

describe('plaint agent:create-admin', () => {
  const password = 'a strong admin password';

  it('refuses a weak password and a taken username, saying why', async () => {
    const config = loadConfig(embeddedEnv(mkdtempSync(join(tmpdir(), 'plaint-create-admin-'))));
    await expect(createAdminAgent(config, { username: 'boss', password: 'too short' }, quiet())).rejects.toThrow(
      new CommandFailed('refused: password must be 12 to 1024 characters'),
    );
    await createAdminAgent(config, { username: 'boss', password }, quiet());
    await expect(createAdminAgent(config, { username: 'boss', password }, quiet())).rejects.toThrow(
      new CommandFailed('refused: an agent named "boss" already exists'),
    );
    await expect(createAdminAgent(config, { username: 'Boss Two', password }, quiet())).rejects.toBeInstanceOf(CommandFailed);
  });

  it('reads the password from PLAINT_ADMIN_PASSWORD, else from the first line piped on stdin', async () => {
    expect(await readAdminPassword({ PLAINT_ADMIN_PASSWORD: 'from the environment' }, Readable.from(['piped one\n']))).toBe('from the environment');
    expect(await readAdminPassword({}, Readable.from(['piped pass phrase\r\n', 'second line\n']))).toBe('piped pass phrase');
    await expect(readAdminPassword({}, Readable.from([]))).rejects.toBeInstanceOf(CommandFailed);
  });

  it('creates an admin on Postgres, migrating the schema first unless told not to', async () => {
    const database = await createTestDatabase(process.env.PLAINT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    try {
      const env = { ...embeddedEnv(mkdtempSync(join(tmpdir(), 'plaint-create-admin-pg-'))), PLAINT_DATABASE_URL: database.url };
      await expect(createAdminAgent(loadConfig({ ...env, PLAINT_DATABASE_MIGRATE: 'false' }), { username: 'pg.admin', password }, quiet())).rejects.toThrow(
        new CommandFailed('the database schema is behind: run `plaint migrate` first'),
      );
      const config = loadConfig(env);
      const created = await createAdminAgent(config, { username: 'pg.admin', displayName: 'Postgres Admin', email: 'admin@example.az', password }, quiet());
      const rows = await queryDatabase<{ id: string; role: string; active: boolean; password_hash: string; email: string }>(
        database.url,
        'SELECT id, role, active, password_hash, email FROM agents WHERE username = $1',
        ['pg.admin'],
      );
      expect(rows).toEqual([{ id: created.id, role: 'admin', active: true, password_hash: expect.stringMatching(/^\$argon2id\$/), email: 'admin@example.az' }]);
      await expect(createAdminAgent(config, { username: 'pg.admin', password }, quiet())).rejects.toBeInstanceOf(CommandFailed);
    } finally {
      await database.drop();
    }
  });
});
