import { GraphError } from '@plaint/meta';
import { failureOf, sendParts } from './send-parts';

describe('sendParts', () => {
  it('sends the parts in order and names the last one’s id', async () => {
    const sent: string[] = [];
    const outcome = await sendParts('WhatsApp', ['a', 'b'], (part) => {
      sent.push(part);
      return Promise.resolve(`id-${part}`);
    });
    expect(sent).toEqual(['a', 'b']);
    expect(outcome).toEqual({ ok: true, messageId: 'id-b' });
  });

  it('reports the platform’s refusal with its reason and wait', async () => {
    const outcome = await sendParts('Messenger', ['a'], () => Promise.reject(new GraphError('Calls to this API have exceeded the rate limit', 429, 613, undefined, 2000)));
    expect(outcome).toEqual({ ok: false, permanent: false, reason: 'Messenger refused the message: Calls to this API have exceeded the rate limit (code 613)', retryAfterMs: 2000 });
    expect(failureOf('Instagram', new Error('socket hang up'))).toEqual({ ok: false, permanent: false, reason: 'Instagram: socket hang up' });
  });
});
