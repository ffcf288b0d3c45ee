import { resolve } from 'node:path';
import { DEFAULT_STAFFING } from './agent-model';
import { headline, writeOutput } from './report-writer';
import { QUARTER, runSimulation } from './run-simulation';

const USAGE = 'usage: npm run simulate -- [--complaints N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--seed N] [--out DIR]';

function parse(argv: readonly string[]): { complaints: number; from: string; to: string; seed: number; out: string } {
  const options = { complaints: QUARTER.complaints, from: QUARTER.from, to: QUARTER.to, seed: QUARTER.seed, out: 'test-output/simulation' };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name ?? ''} needs a value\n${USAGE}`);
    if (name === '--complaints' || name === '--seed') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < (name === '--seed' ? 0 : 1)) throw new Error(`${name} must be a whole number, got "${value}"`);
      options[name === '--seed' ? 'seed' : 'complaints'] = n;
    } else if (name === '--from' || name === '--to') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new Error(`${name} must be a date YYYY-MM-DD, got "${value}"`);
      options[name === '--from' ? 'from' : 'to'] = value;
    } else if (name === '--out') {
      options.out = value;
    } else {
      throw new Error(`unknown option ${name}\n${USAGE}`);
    }
  }
  if (options.from >= options.to) throw new Error('--from must be before --to');
  return options;
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const result = await runSimulation({ ...QUARTER, ...options, staffing: DEFAULT_STAFFING, log: (line) => console.log(line) });
  const out = resolve(options.out);
  const summary = writeOutput(result, out);
  console.log(headline(summary));
  console.log(`written to ${out}`);
  process.exitCode = summary.violations.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  // A failed request says why only in its cause (the socket's error).
  const cause = (error as Error).cause as Error | undefined;
  console.error((error as Error).stack ?? String(error));
  if (cause) console.error(`caused by: ${cause.stack ?? String(cause)}`);
  process.exitCode = 2;
});
