import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCampaign } from './campaign';
import { reportText } from './report';

/**
 * `npm run chaos`: the full fault campaign (scripts/chaos.sh builds and runs this). Options:
 * --messages N (10000), --seed S (the time), --kills N (5), --rate R messages/s (25),
 * --out DIR (test-output/chaos). Exits 1 when the campaign found a problem.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '10000' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      kills: { type: 'string', default: '5' },
      rate: { type: 'string', default: '25' },
      out: { type: 'string', default: 'test-output/chaos' },
    },
  });
  const number = (name: keyof typeof values, min: number) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number of at least ${min}, got "${values[name]}"`);
    return value;
  };
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  const report = await runCampaign({
    messages: number('messages', 1),
    seed: number('seed', 0),
    kills: number('kills', 0),
    rate: number('rate', 1),
    kafkaPort: Number(process.env.PLAINT_CHAOS_KAFKA_PORT ?? 29292),
    smtpRefusalMs: 30_000,
    redisDownMs: 10_000,
    log: (line) => console.log(`[chaos] ${line}`),
    stopSignal: stop.signal,
  });
  const out = resolve(values.out ?? 'test-output/chaos');
  mkdirSync(out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const text = reportText(report);
  writeFileSync(join(out, `chaos-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, `chaos-${stamp}.txt`), `${text}\n`);
  console.log(`\n${text}\n\nreport: ${join(out, `chaos-${stamp}.{json,txt}`)}`);
  return report.verdict.problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`chaos: ${error.stack ?? error.message}`);
    process.exit(2);
  },
);
