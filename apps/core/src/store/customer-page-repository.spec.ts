import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CustomerSessionEntity, CustomerSignInLinkEntity, dataSourceOptions, NoticeEntity } from '@plaint/persistence';
import { CoreStore } from './core-store';

const NOW = new Date('2026-11-10T08:00:00Z');
const HOUR = 60 * 60_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
const contact = { contactKind: 'email', contact: 'aysel@example.az' };

describe('CustomerPageRepository (SQLite)', () => {
  let dataSource: DataSource;
  let store: CoreStore;

  beforeEach(async () => {
    dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
    await dataSource.initialize();
    store = new CoreStore(dataSource);
  });
  afterEach(async () => {
    await dataSource.destroy();
  });

  const link = (name: string, createdAt: Date, usedAt: Date | null = null) =>
    Object.assign(new CustomerSignInLinkEntity(), { id: randomUUID(), tokenHash: name.padEnd(64, '0'), ...contact, createdAt, expiresAt: new Date(createdAt.getTime() + HOUR / 4), usedAt });
  const session = (name: string, createdAt: Date, endedAt: Date | null = null) =>
    Object.assign(new CustomerSessionEntity(), {
      id: randomUUID(),
      tokenHash: name.padEnd(64, '0'),
      linkId: randomUUID(),
      ...contact,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + HOUR / 2),
      endedAt,
      endReason: endedAt ? ('signed-out' as const) : null,
    });
  const notice = (createdAt: Date, status: 'pending' | 'sent') =>
    Object.assign(new NoticeEntity(), {
      id: randomUUID(),
      eventId: randomUUID(),
      complaintId: null,
      reference: '',
      eventType: 'customer.sign-in-link',
      channel: 'customer_page',
      recipient: 'aysel@example.az',
      route: 'email',
      alternatives: [],
      language: 'az',
      text: 'Your link: {{link}}',
      status,
      statusReason: null,
      attempts: 0,
      createdAt,
      sentAt: null,
      nextAttemptAt: null,
      messageId: null,
      emailThread: null,
      receipt: null,
      receiptAt: null,
      customerWroteAt: null,
      expiresAt: new Date(createdAt.getTime() + HOUR / 4),
    });

  it('forgets links and sessions a day after they ended, and the addresses of the link notices sent by then', async () => {
    const page = store.reads().customerPage;
    await page.insertLink(link('old', ago(30)));
    await page.insertLink(link('recent', ago(2), ago(2)));
    await page.insertSession(session('expired', ago(30)));
    await page.insertSession(session('signed-out', ago(3), ago(26)));
    await page.insertSession(session('live', ago(0.1)));
    const old = notice(ago(30), 'sent');
    const waiting = notice(ago(30), 'pending');
    await dataSource.getRepository(NoticeEntity).insert([old, waiting, notice(ago(1), 'sent')]);

    expect(await page.forgetBefore(ago(24))).toBe(4);
    expect((await dataSource.getRepository(CustomerSignInLinkEntity).find()).map((l) => l.tokenHash.replace(/0+$/, ''))).toEqual(['recent']);
    expect((await dataSource.getRepository(CustomerSessionEntity).find()).map((s) => s.tokenHash.replace(/0+$/, ''))).toEqual(['live']);
    const notices = await dataSource.getRepository(NoticeEntity).find({ order: { createdAt: 'ASC' } });
    expect(notices.map((n) => [n.id === old.id ? 'old' : n.id === waiting.id ? 'waiting' : 'recent', n.recipient])).toEqual(
      expect.arrayContaining([
        ['old', null],
        ['waiting', 'aysel@example.az'],
        ['recent', 'aysel@example.az'],
      ]),
    );
  });

  it('counts the links of a contact in the last hour, and uses a link once, before it expires', async () => {
    const page = store.reads().customerPage;
    await page.insertLink(link('fresh', ago(0.1)));
    await page.insertLink(link('earlier', ago(2)));
    expect(await page.countLinksSince({ kind: 'email', value: 'aysel@example.az' }, ago(1))).toBe(1);
    expect(await page.countLinksSince({ kind: 'phone', value: '+994501234567' }, ago(1))).toBe(0);
    expect(await page.useLink('earlier'.padEnd(64, '0'), NOW)).toBeNull();
    expect((await page.useLink('fresh'.padEnd(64, '0'), NOW))?.usedAt).toEqual(NOW);
    expect(await page.useLink('fresh'.padEnd(64, '0'), NOW)).toBeNull();
  });
});
