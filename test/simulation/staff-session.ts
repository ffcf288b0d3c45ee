import { CreateAgent } from '../../apps/core/src/auth/create-agent.use-case';
import type { RunningPlaint } from '../../apps/plaint/src/bootstrap';
import type { StaffApi } from './entry-points';

const PASSWORD = 'simulated staff password';

/**
 * The staff accounts of the simulated installation over the real API: the admin made as the
 * `agent:create-admin` command makes one, the rest through the admin API. Tokens live on the
 * virtual clock: a token older than the renewal age is renewed with `/auth/refresh`, as the desk
 * renews it, so each account signs in with its password only once.
 */
export class StaffSession implements StaffApi {
  private readonly tokens = new Map<string, { token: string; at: number }>();
  /** Account ids by username. */
  readonly ids = new Map<string, string>();

  private constructor(
    private readonly plaint: RunningPlaint,
    private readonly now: () => Date,
    private readonly renewAfterMs: number,
  ) {}

  static async hire(plaint: RunningPlaint, now: () => Date, renewAfterMs: number, people: readonly [string, 'agent' | 'supervisor'][]): Promise<StaffSession> {
    const session = new StaffSession(plaint, now, renewAfterMs);
    await plaint.app.get(CreateAgent).execute({ username: 'admin', displayName: 'Admin', password: PASSWORD, role: 'admin' });
    for (const [username, role] of people) {
      const created = await session.post('admin', '/api/v1/agent/agents', { username, displayName: username, password: PASSWORD, role });
      if (created.status !== 201) throw new Error(`could not create ${username}: ${created.status} ${JSON.stringify(created.body)}`);
      session.ids.set(username, created.body.id as string);
    }
    return session;
  }

  async post(username: string, path: string, body: object): Promise<{ status: number; body: Record<string, unknown> }> {
    return this.call(username, path, { method: 'POST', body: JSON.stringify(body) }) as Promise<{ status: number; body: Record<string, unknown> }>;
  }

  async get(username: string, path: string): Promise<{ status: number; body: unknown }> {
    return this.call(username, path, { method: 'GET' });
  }

  /** A GET answered as text (CSV, HTML). */
  async text(username: string, path: string): Promise<{ status: number; text: string }> {
    const answer = await fetch(`${this.plaint.url}${path}`, { headers: { authorization: `Bearer ${await this.token(username)}` } });
    return { status: answer.status, text: await answer.text() };
  }

  private async call(username: string, path: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
    const answer = await fetch(`${this.plaint.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token(username)}` },
    });
    const text = await answer.text();
    return { status: answer.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  /** Renews every token past the renewal age, while it is still valid. */
  async keepAlive(): Promise<void> {
    for (const username of [...this.tokens.keys()]) await this.token(username);
  }

  private async token(username: string): Promise<string> {
    const held = this.tokens.get(username);
    const now = this.now().getTime();
    if (held && now - held.at < this.renewAfterMs) return held.token;
    const answer = held
      ? await fetch(`${this.plaint.url}/api/v1/agent/auth/refresh`, { method: 'POST', headers: { authorization: `Bearer ${held.token}` } })
      : await fetch(`${this.plaint.url}/api/v1/agent/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
    if (answer.status !== 200) throw new Error(`${username} could not ${held ? 'renew the token' : 'sign in'}: ${answer.status}`);
    const token = ((await answer.json()) as { accessToken: string }).accessToken;
    this.tokens.set(username, { token, at: now });
    return token;
  }
}
