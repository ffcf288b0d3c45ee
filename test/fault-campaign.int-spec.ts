import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CampaignReport, runCampaign } from './chaos/campaign';
import { reportText } from './chaos/report';

/**
 * The fault campaign's short run (docs/fault-campaign.md): 1,000 customer messages over the chat,
 * the form, e-mail and Telegram into separate services on a Kafka broker, a PostgreSQL cluster and
 * a Redis of the test's own, while one core instance is SIGKILLed, the broker and the database
 * are restarted, SMTP refuses for 30 s and Redis is down for 10 s. `npm run chaos` runs the full one.
 */
describe('the fault campaign, short run', () => {
  let report: CampaignReport;

  beforeAll(async () => {
    report = await runCampaign({
      messages: 1_000,
      seed: Number(process.env.PLAINT_CHAOS_SEED ?? 20261203),
      kills: 1,
      rate: 14,
      kafkaPort: Number(process.env.PLAINT_CHAOS_KAFKA_PORT ?? 29292),
      smtpRefusalMs: 30_000,
      redisDownMs: 10_000,
      log: () => undefined,
    });
    const out = join(__dirname, '..', 'test-output', 'chaos');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'fault-campaign-short.txt'), `${reportText(report)}\n`);
    writeFileSync(join(out, 'fault-campaign-short.json'), `${JSON.stringify(report, null, 2)}\n`);
  }, 540_000);

  it('ran every fault it was to run', () => {
    expect(report.faults.map((fault) => fault.kind).sort()).toEqual(['core-kill', 'kafka-restart', 'postgres-restart', 'redis-stop', 'smtp-4xx']);
  });

  it('stores every acknowledged message exactly once, on every channel', () => {
    const { messages } = report.verdict;
    expect(messages.total.sent).toBe(1_000);
    for (const channel of ['chat', 'form', 'email', 'telegram'] as const) {
      expect({ channel, sent: messages[channel].sent > 0, lost: messages[channel].lost, duplicates: messages[channel].duplicates }).toEqual({
        channel,
        sent: true,
        lost: 0,
        duplicates: 0,
      });
    }
    expect(messages.total.acknowledged).toBe(messages.total.sent);
    expect(report.verdict.complaints.stored).toBe(report.verdict.complaints.expected);
  });

  it('tells every customer of every complaint exactly once, where they read it', () => {
    expect(report.verdict.notices).toMatchObject({ missing: 0, twice: 0, unknown: 0 });
    expect(report.verdict.notices.sent).toBe(report.verdict.notices.expected);
  });

  it('leaves no consumer behind and nothing in a dead-letter topic', () => {
    expect(Object.keys(report.verdict.lag).length).toBeGreaterThan(0);
    expect(Object.entries(report.verdict.lag).filter(([, n]) => n !== 0)).toEqual([]);
    expect(Object.entries(report.verdict.deadLetters).filter(([, n]) => n !== 0)).toEqual([]);
    expect(report.verdict.problems).toEqual([]);
  });
});
