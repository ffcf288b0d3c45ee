import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { repositoryRoot } from './support/repository-root';

/**
 * When PostgreSQL stops or restarts, every backend sends `FATAL 57P01 terminating connection due
 * to administrator command`. A connection whose handshake is just ending may deliver that message
 * in the same network read as its "ready for query": the pool has handed the client out, and no
 * one listens for its errors yet. A service must survive that (the query fails and is retried),
 * not end on an unhandled 'error' event.
 *
 * The proxy below stands between a process of the product's data layer and the machine's real
 * PostgreSQL. When armed, it holds the server's "ready for query" of the next handshake, has the
 * real server terminate that backend (pg_terminate_backend sends the backend SIGTERM, as a fast
 * shutdown does), and delivers the ready message and the server's FATAL in one write.
 */
const adminUrl = process.env.PLAINT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const READY_FOR_QUERY = 0x5a;
const BACKEND_KEY_DATA = 0x4b;

class HandshakeKillingProxy {
  armed = false;
  readonly terminated: number[] = [];
  /** The backend pid of each connection made through the proxy, in order. */
  readonly backends: number[] = [];
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {}

  static async start(upstream: URL): Promise<HandshakeKillingProxy> {
    const server = createServer();
    const proxy = new HandshakeKillingProxy(server);
    server.on('connection', (socket) => proxy.pass(socket, upstream));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  private pass(client: Socket, upstream: URL): void {
    const server = connect(Number(upstream.port || 5432), upstream.hostname);
    this.sockets.add(client).add(server);
    const kill = this.armed;
    this.armed = false;
    client.pipe(server);
    let held = Buffer.alloc(0);
    let stage: 'handshake' | 'awaiting the FATAL' | 'passing' = 'handshake';
    server.on('data', (chunk: Buffer) => {
      if (stage === 'passing') {
        client.write(chunk);
        return;
      }
      held = Buffer.concat([held, chunk]);
      if (stage === 'awaiting the FATAL') {
        // The FATAL has come: the ready message and it go out in one write.
        stage = 'passing';
        client.write(held);
        return;
      }
      const { pid, ready } = readHandshake(held);
      if (!ready || pid === undefined) return;
      this.backends.push(pid);
      if (!kill) {
        stage = 'passing';
        client.write(held);
        return;
      }
      stage = 'awaiting the FATAL';
      void this.terminate(pid);
    });
    const close = () => {
      client.destroy();
      server.destroy();
    };
    client.on('error', close).on('close', close);
    server.on('error', close).on('close', () => client.end());
  }

  async terminate(pid: number): Promise<void> {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      this.terminated.push(pid);
    } finally {
      await admin.end();
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, 'close');
  }
}

/** The backend's pid (BackendKeyData) and whether ReadyForQuery is in the bytes so far. */
function readHandshake(bytes: Buffer): { pid?: number; ready: boolean } {
  let pid: number | undefined;
  for (let at = 0; at + 5 <= bytes.length; ) {
    const type = bytes[at]!;
    const length = bytes.readInt32BE(at + 1);
    if (at + 1 + length > bytes.length) break;
    if (type === BACKEND_KEY_DATA) pid = bytes.readInt32BE(at + 5);
    if (type === READY_FOR_QUERY) return { pid, ready: true };
    at += 1 + length;
  }
  return { pid, ready: false };
}

/**
 * The child: the product's data source (dist/, as a service runs it) with one pooled connection.
 * It reports each step on stdout and waits for the parent's word between them.
 */
const CHILD = `
const { DataSource } = require('typeorm');
const { dataSourceOptions } = require(${JSON.stringify(join(repositoryRoot(), 'dist/libs/persistence/src'))});
const readline = require('node:readline');
const say = (line) => process.stdout.write(line + '\\n');
const steps = readline.createInterface({ input: process.stdin });
const source = new DataSource(dataSourceOptions({ kind: 'postgres', url: process.env.URL, migrateOnBoot: false, poolSize: 1 }));
steps.on('line', async (step) => {
  try {
    if (step === 'init') { await source.initialize(); say('ready'); return; }
    const rows = await source.query('SELECT 1 AS one');
    say('query answered ' + rows[0].one);
  } catch (error) {
    say('query failed: ' + error.message);
  }
});
`;

describe('a database connection that the server ends at the end of its handshake', () => {
  let proxy: HandshakeKillingProxy;

  beforeAll(async () => {
    proxy = await HandshakeKillingProxy.start(new URL(adminUrl));
  });

  afterAll(async () => {
    await proxy.close();
  });

  it('fails the query on it, and the service goes on to answer the next one', async () => {
    const url = new URL(adminUrl);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const child = spawn(process.execPath, ['-e', CHILD], { cwd: repositoryRoot(), env: { ...process.env, URL: url.toString() }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const exited = once(child, 'exit');
    // The child's own words; the product's log lines go to the same stdout.
    const lines = () => output.split('\n').filter((line) => /^(ready|query )/.test(line));
    const step = async (word: string, count: number) => {
      child.stdin.write(`${word}\n`);
      const deadline = Date.now() + 15_000;
      while (lines().length < count && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      await step('init', 1);
      await step('query', 2);
      // The pooled connection goes (as in a restart: its backend is terminated while idle).
      expect(proxy.backends).toHaveLength(1);
      await proxy.terminate(proxy.backends[0]!);
      await new Promise((r) => setTimeout(r, 300));
      proxy.armed = true;
      await step('query', 3);
      await step('query', 4);
      expect(proxy.terminated).toHaveLength(2);
      expect({ exitCode: child.exitCode, lines: lines(), errors: errors.includes('57P01') ? errors : '' }).toEqual({
        exitCode: null,
        lines: ['ready', 'query answered 1', expect.stringMatching(/^query failed: /), 'query answered 1'],
        errors: '',
      });
    } finally {
      child.kill();
      await exited;
    }
  }, 60_000);
});
