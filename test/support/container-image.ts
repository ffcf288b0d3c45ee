import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const BUILDAH = join(ROOT, 'scripts', 'image', 'buildah.sh');
const BUILD = join(ROOT, 'scripts', 'image', 'build.sh');
const run = promisify(execFile);

/** Fails, saying how to get it, when buildah is missing: the image tests never skip. */
export function requireBuildah(): void {
  if (spawnSync('buildah', ['--version']).status !== 0) {
    throw new Error('buildah is not installed: run scripts/install-test-prerequisites.sh (Debian: apt-get install buildah debootstrap)');
  }
}

export interface BuiltImage {
  tag: string;
  /** Bytes of every file in the image's file system, as unpacked on a node. */
  bytes: number;
  seconds: number;
}

/** Builds docker/Dockerfile through scripts/image/build.sh (base image and layers cached). */
export async function buildImage(tag: string): Promise<BuiltImage> {
  const started = Date.now();
  const child = spawn('bash', [BUILD, tag], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`scripts/image/build.sh exited with ${code}:\n${log.split('\n').slice(-60).join('\n')}`);
  const bytes = /PLAINT_IMAGE_BYTES=(\d+)/.exec(stdout)?.[1];
  if (!bytes) throw new Error(`scripts/image/build.sh printed no size:\n${stdout}`);
  return { tag, bytes: Number(bytes), seconds: (Date.now() - started) / 1000 };
}

/**
 * The files of the repository that an image build receives as its context (what .dockerignore
 * lets through), as paths relative to the repository: an image of `COPY . /context/`, listed.
 */
export async function buildContextFiles(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'plaint-context-'));
  const tag = `localhost/plaint-context:${randomBytes(4).toString('hex')}`;
  let container: ImageContainer | undefined;
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY . /context/\n');
    await buildah(['bud', '--isolation', 'chroot', '--quiet', '--file', join(dir, 'Dockerfile'), '--tag', tag, ROOT]);
    container = await ImageContainer.create(tag);
    return readdirSync(join(await container.mount(), 'context'), { recursive: true, encoding: 'utf8' });
  } finally {
    await container?.remove();
    await buildah(['rmi', tag]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** buildah on the project's image store; resolves with its stdout. */
export async function buildah(args: string[]): Promise<string> {
  const { stdout } = await run('bash', [BUILDAH, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The parts of an image's (Docker format) configuration a runtime acts on. */
export interface ImageConfig {
  User: string;
  Entrypoint: string[];
  Cmd: string[];
  Env: string[];
  WorkingDir: string;
  ExposedPorts: Record<string, object>;
  Healthcheck?: { Test: string[] };
  Labels: Record<string, string>;
}

export async function imageConfig(tag: string): Promise<ImageConfig> {
  const inspected = JSON.parse(await buildah(['inspect', '--type', 'image', tag])) as { Docker: { config: ImageConfig } };
  return inspected.Docker.config;
}

/** A working container of an image: its file system to look at, and commands run in it. */
export class ImageContainer {
  private constructor(readonly name: string) {}

  static async create(tag: string): Promise<ImageContainer> {
    const name = `plaint-test-${randomBytes(4).toString('hex')}`;
    await buildah(['from', '--pull-never', '--name', name, tag]);
    return new ImageContainer(name);
  }

  /** The container's root file system on this machine (needs root, as buildah here does). */
  async mount(): Promise<string> {
    return (await buildah(['mount', this.name])).trim();
  }

  /**
   * Runs a command in the container the way buildah does without an engine: chroot isolation,
   * the host's network, the image's user, working directory and environment plus `env`.
   */
  start(command: string[], env: Record<string, string> = {}): ContainerProcess {
    const envArgs = Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
    const child = spawn('bash', [BUILDAH, 'run', '--isolation', 'chroot', ...envArgs, this.name, '--', ...command], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ContainerProcess(child);
  }

  async remove(): Promise<void> {
    await buildah(['rm', this.name]).catch(() => undefined);
  }
}

/** A command running in a container, seen from this machine (buildah's chroot has no PID namespace). */
export class ContainerProcess {
  private output = '';
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? 128 : null);
        resolve(this.exitCode);
      }),
    );
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  exit(): Promise<number | null> {
    return this.exited;
  }

  /** The command's processes below buildah's, each with its parent and command line. */
  processes(): ProcessInfo[] {
    const all = listProcesses();
    const inside = new Set<number>([this.child.pid ?? -1]);
    let grown = true;
    while (grown) {
      grown = false;
      for (const candidate of all) {
        if (!inside.has(candidate.pid) && inside.has(candidate.ppid)) {
          inside.add(candidate.pid);
          grown = true;
        }
      }
    }
    return all.filter((candidate) => inside.has(candidate.pid) && candidate.pid !== this.child.pid);
  }

  /** Sends a signal to the container's first process, the one whose command line starts with `executable`. */
  signal(executable: string, signal: NodeJS.Signals): void {
    const entry = this.processes().find((candidate) => candidate.argv[0] === executable);
    if (!entry) throw new Error(`no ${executable} among the container's processes: ${JSON.stringify(this.processes())}`);
    process.kill(entry.pid, signal);
  }

  /** Kills the whole command at once (cleanup after a failed test). */
  kill(): void {
    for (const { pid } of this.processes()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.child.kill('SIGKILL');
  }
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  uid: number;
  argv: string[];
}

function listProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      processes.push({ pid: Number(entry), ppid, uid, argv });
    } catch {
      // the process ended while we looked
    }
  }
  return processes;
}
