import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { statusOf } from '../support/probe';
import { repositoryRoot } from '../support/repository-root';
import { waitFor } from '../support/wait-for';

const MAIN = join(repositoryRoot(), 'dist', 'apps', 'plaint', 'src', 'main.js');

/** One Plaint service of the campaign as its own process from the build; killable and restartable. */
export class Service {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private logs = '';
  private stopping = false;
  url = '';
  /** Exits nobody asked for, with the end of the log before each. */
  readonly crashes: { code: number | null; signal: string | null; logTail: string }[] = [];
  /** Called when the process exits on its own; the campaign restarts it, as an orchestrator would. */
  onCrash: () => void = () => undefined;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  static checkBuilt(): void {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  }

  /** Starts the process on its port (env PORT); resolves once it answers HTTP (not yet ready: see `ready`). */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const began = this.logs.length;
    const keep = (chunk: Buffer) => (this.logs += chunk.toString());
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.stopping = false;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.stopping) {
          this.crashes.push({ code, signal, logTail: this.logs.slice(-2000) });
          this.onCrash();
        }
        resolve();
      }),
    );
    this.url = `http://127.0.0.1:${this.env.PORT}`;
    const answer = await waitFor(async () => (child.exitCode === null ? await this.probe('/health/live') : -1), (status) => status !== 0, {
      timeoutMs: 90_000,
      intervalMs: 100,
      what: `${this.name} to listen`,
    });
    if (answer === -1) throw new Error(`${this.name} exited at start:\n${this.logs.slice(began).slice(-4000)}`);
  }

  /** SIGKILL: no shutdown hook runs, as in a crash or an OOM kill. */
  async kill(): Promise<void> {
    this.url = '';
    this.stopping = true;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    this.url = '';
    this.stopping = true;
    this.child?.kill('SIGTERM');
    await this.exited;
  }

  get log(): string {
    return this.logs;
  }

  async probe(path: string): Promise<number> {
    // A loaded machine answers slowly: a longer wait than a plain probe's.
    return this.url ? statusOf(`${this.url}${path}`, 5_000) : 0;
  }

  ready(timeoutMs = 90_000): Promise<number> {
    return waitFor(() => this.probe('/health/ready'), (status) => status === 200, { timeoutMs, intervalMs: 100, what: `${this.name} to be ready` });
  }
}
