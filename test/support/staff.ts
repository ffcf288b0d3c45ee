import request from 'supertest';
import { CreateAgent } from '../../apps/core/src/auth/create-agent.use-case';
import type { RunningPlaint } from '../../apps/plaint/src/bootstrap';

export const STAFF_PASSWORD = 'a long enough test password';

/**
 * The staff of a test installation, signed in over the real API: an admin made the way the
 * `agent:create-admin` command makes one, who then creates the others through the admin API.
 */
export class Staff {
  private readonly tokens = new Map<string, string>();
  private readonly ids = new Map<string, string>();

  private constructor(private readonly core: RunningPlaint) {}

  static async hire(core: RunningPlaint, people: readonly (readonly [string, 'agent' | 'supervisor' | 'admin'])[]): Promise<Staff> {
    const staff = new Staff(core);
    const admin = await core.app.get(CreateAgent).execute({ username: 'admin', displayName: 'Admin', password: STAFF_PASSWORD, role: 'admin' });
    staff.ids.set('admin', admin.id);
    await staff.signIn('admin');
    for (const [username, role] of people) {
      const created = await staff
        .as('admin')
        .post('/api/v1/agent/agents', { username, displayName: username, password: STAFF_PASSWORD, role })
        .expect(201);
      staff.ids.set(username, created.body.id as string);
      await staff.signIn(username);
    }
    return staff;
  }

  /** Bearer tokens are short-lived on the installation's clock: sign in again after moving it. */
  async signIn(username: string): Promise<void> {
    const response = await request(this.core.url).post('/api/v1/agent/auth/token').send({ username, password: STAFF_PASSWORD }).expect(200);
    this.tokens.set(username, response.body.accessToken as string);
  }

  id(username: string): string {
    return this.ids.get(username) ?? '';
  }

  token(username: string): string {
    return this.tokens.get(username) ?? '';
  }

  as(username: string) {
    const auth = `Bearer ${this.token(username)}`;
    return {
      get: (path: string) => request(this.core.url).get(path).set('Authorization', auth),
      post: (path: string, body: object = {}) => request(this.core.url).post(path).set('Authorization', auth).send(body),
      put: (path: string, body: object = {}) => request(this.core.url).put(path).set('Authorization', auth).send(body),
      patch: (path: string, body: object = {}) => request(this.core.url).patch(path).set('Authorization', auth).send(body),
      delete: (path: string) => request(this.core.url).delete(path).set('Authorization', auth),
    };
  }
}
