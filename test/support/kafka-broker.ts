import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from './repository-root';

const SCRIPTS = join(repositoryRoot(), 'scripts', 'kafka');

/**
 * A Kafka broker of a test's own (scripts/kafka, on ports no other test uses), so the test can
 * stop and restart it without disturbing the broker the rest of the suite shares.
 */
export class TestKafkaBroker {
  constructor(
    readonly port: number,
    private readonly controllerPort = port + 1,
    /** The port the broker tells clients to connect to, when a proxy stands in front of it. */
    private readonly advertisedPort = port,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.advertisedPort}`;
  }

  start(): Promise<void> {
    return this.run('start.sh');
  }

  /** A clean shutdown (SIGTERM, as a rolling restart does); the data stays for the next start. */
  stop(): Promise<void> {
    return this.run('stop.sh');
  }

  /** Stops it and deletes its data. */
  destroy(): Promise<void> {
    return this.run('stop.sh', '--wipe');
  }

  private run(script: string, ...args: string[]): Promise<void> {
    const env = {
      ...process.env,
      PLAINT_KAFKA_PORT: String(this.port),
      PLAINT_KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      PLAINT_KAFKA_ADVERTISED_PORT: String(this.advertisedPort),
    };
    const child = spawn('bash', [join(SCRIPTS, script), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) =>
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kafka ${script} exited with ${code}:\n${output}`)))),
    );
  }
}
