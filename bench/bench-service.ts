import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

/** A free local TCP port, for a service the benchmark starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Waits until a started Plaint answers its readiness probe (its consumers have joined). */
export async function waitUntilReady(url: string, exited: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (exited()) throw new Error('the service exited while starting');
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the service did not become ready');
}

/** A fresh database on the local server for one benchmark, dropped by `drop`. */
export async function createBenchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `plaint_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface BenchPlaint {
  url: string;
  process: ChildProcess;
  /** Whether it has ended. */
  exited: () => boolean;
  /** Resolves when it has ended. */
  stopped: Promise<void>;
  /** Stops it (SIGTERM, a clean shutdown) and waits until it has. */
  stop(): Promise<void>;
}

/**
 * Plaint from the build, as `npm start` runs it, in a process of its own (so the simulated
 * customers do not share its event loop), on the given database and the benchmark's Kafka
 * (topics of its own); `env` adds PLAINT_APP and the rest. PLAINT_BENCH_NODE_ARGS are its node
 * flags (e.g. --cpu-prof).
 */
export async function spawnPlaint(databaseUrl: string, env: Record<string, string>): Promise<BenchPlaint> {
  const port = await freePort();
  const nodeArgs = (process.env.PLAINT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', 'apps', 'plaint', 'src', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PLAINT_METRICS_PORT: 'off',
      PLAINT_LOG_LEVEL: 'warn',
      PLAINT_DATABASE_URL: databaseUrl,
      PLAINT_KAFKA_TOPIC_PREFIX: `bench-${randomUUID().slice(0, 8)}.`,
      PLAINT_KAFKA_PARTITIONS: '6',
      PLAINT_REFERENCE_SECRET: 'bench-secret-bench-secret-bench-secret',
      PLAINT_AUTH_SECRET: 'bench-auth-secret-bench-auth-secret-bench',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const { exited, stopped } = watchExit(child);
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    exited,
    stopped,
    stop: () => {
      child.kill('SIGTERM');
      return stopped;
    },
  };
}

export function watchExit(child: ChildProcess): { exited: () => boolean; stopped: Promise<void> } {
  let exited = false;
  const stopped = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  return { exited: () => exited, stopped };
}

/** Runs a benchmark's main, ending the process with its error. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
