import { metaConfig, type PlaintConfig } from '@plaint/config';
import type { Clock } from '@plaint/domain';
import { NoticeEntity } from '@plaint/persistence';
import type { GraphClient } from '@plaint/meta';

/** For the transports' specs: a notice, the installation's Meta settings, a fixed clock, a recording Graph client. */
export const NOW = new Date('2026-12-02T12:00:00Z');
export const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3600_000);
export const fixedClock: Clock = { now: () => NOW };

export function notice(fields: Partial<NoticeEntity>): NoticeEntity {
  return Object.assign(new NoticeEntity(), {
    id: 'n1',
    eventType: 'complaint.received',
    reference: 'AB12-CD34-EF56',
    language: 'az',
    text: 'Şikayətiniz qəbul edildi.',
    customerWroteAt: hoursAgo(1),
    ...fields,
  });
}

export function configWith(env: Record<string, string>): PlaintConfig {
  return { meta: metaConfig(env) } as PlaintConfig;
}

export function recordingGraph(answer: (path: string, body: unknown) => unknown): { graph: GraphClient; posts: { path: string; token: string; body: unknown }[] } {
  const posts: { path: string; token: string; body: unknown }[] = [];
  const graph = {
    post: (path: string, token: string, body: unknown) => {
      posts.push({ path, token, body });
      return Promise.resolve(answer(path, body));
    },
  } as unknown as GraphClient;
  return { graph, posts };
}
