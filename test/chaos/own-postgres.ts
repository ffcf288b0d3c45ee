import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/free-port';

const BIN = process.env.PLAINT_CHAOS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

/**
 * A PostgreSQL cluster of the campaign's own (initdb in a temporary directory, a free port, a
 * socket directory of its own), so it can be stopped and started without touching the server
 * other tests share. PostgreSQL refuses to run as root: as root, it runs as the `postgres` user.
 */
export class OwnPostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'plaint-chaos-pg-'));
    chmodSync(dir, 0o700);
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(group.trim()));
    }
    const cluster = new OwnPostgres(dir, await freePort());
    await cluster.pg('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await cluster.start();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    return this.pg('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-o', options, '-w', '-t', '120', 'start']);
  }

  /** A fast shutdown: open connections are cut, as a failover or a restart of the server does. */
  stop(): Promise<void> {
    return this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '120', 'stop']);
  }

  /** Stops the server if it runs and deletes the cluster. */
  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async pg(program: string, args: string[]): Promise<void> {
    const asRoot = process.getuid?.() === 0;
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, program), ...args]] : [join(BIN, program), args];
    try {
      await run(file, argv, { timeout: 180_000, maxBuffer: 4 * 1024 * 1024 });
    } catch (error) {
      throw new Error(`${program} ${args.at(-1) ?? ''} failed: ${(error as Error).message}\n${(error as { stderr?: string }).stderr ?? ''}`.trimEnd());
    }
  }
}
