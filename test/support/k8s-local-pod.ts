import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { localCommand, type Probe, type ProbeName, REPO_ROOT, type Workload } from './k8s-rehearsal';
import { containerEnv, podPath, type PodSources } from './k8s-pod-environment';

/**
 * Gives every container port a free local port and sets the env var whose value is the
 * containerPort to it. A port no env var carries cannot be moved, and two carrying it are
 * ambiguous: both fail.
 */
export async function placePorts(workload: Workload, env: Record<string, string>): Promise<Map<number, number>> {
  const placed = new Map<number, number>();
  for (const port of workload.container.ports ?? []) {
    const carriers = Object.keys(env).filter((name) => env[name] === String(port.containerPort));
    if (carriers.length !== 1) {
      throw new Error(
        carriers.length === 0
          ? `${workload.name}: no env var is ${port.containerPort}, the containerPort of ${port.name ?? 'a port'}, so the rehearsal cannot move it to a free local port`
          : `${workload.name}: ${carriers.join(' and ')} are all ${port.containerPort}; the rehearsal cannot tell which one is port ${port.name ?? port.containerPort}`,
      );
    }
    const local = await unclaimedPort();
    env[carriers[0] as string] = String(local);
    placed.set(port.containerPort, local);
  }
  return placed;
}

const claimedPorts = new Set<number>();

/** A free local port no pod of this rehearsal was given yet (the OS may hand out a closed one again). */
async function unclaimedPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (claimedPorts.has(port)) continue;
    claimedPorts.add(port);
    return port;
  }
}

/** The local URL a probe of the container asks, with a named port resolved through `ports`. */
export function probeUrl(workload: Workload, probe: Probe, ports: Map<number, number>): string {
  const get = probe.httpGet;
  if (!get) throw new Error(`${workload.name}: the rehearsal checks httpGet probes only`);
  if (get.scheme && get.scheme !== 'HTTP') throw new Error(`${workload.name}: probe scheme ${get.scheme} is not rehearsed`);
  const containerPort =
    typeof get.port === 'number' ? get.port : workload.container.ports?.find((port) => port.name === get.port)?.containerPort;
  if (containerPort === undefined) throw new Error(`${workload.name}: the probe names port ${get.port}, which the container does not declare`);
  const local = ports.get(containerPort);
  if (local === undefined) throw new Error(`${workload.name}: the probe's port ${containerPort} is not a declared containerPort`);
  return `http://127.0.0.1:${local}${get.path ?? '/'}`;
}

/** One replica of a workload as a local process. */
export class LocalPod {
  private output = '';
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    readonly workload: Workload,
    readonly name: string,
    readonly env: Record<string, string>,
    readonly ports: Map<number, number>,
    private readonly root: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        resolve(this.exitCode);
      }),
    );
  }

  /**
   * Starts replica `index` of `workload`. `overrides` are the only values a test may add on top
   * of the manifests, and only for names the manifests leave unset.
   */
  static async start(sources: PodSources, workload: Workload, index: number, overrides: Record<string, string> = {}): Promise<LocalPod> {
    const name = `${workload.name}-${index}`;
    const root = join(tmpdir(), `${name}-${randomBytes(4).toString('hex')}`);
    const env = containerEnv(sources, workload, name, root);
    const masked = Object.keys(overrides).filter((key) => key in env && key !== 'HOSTNAME');
    if (masked.length > 0) throw new Error(`${name}: the test overrides ${masked.join(', ')}, which the manifests set`);
    Object.assign(env, overrides);
    const ports = await placePorts(workload, env);
    const command = localCommand(sources.image, workload);
    // The kubelet mounts every volume before the container starts.
    for (const mount of workload.container.volumeMounts ?? []) mkdirSync(podPath(sources, workload, root, mount.mountPath), { recursive: true });
    mkdirSync(root, { recursive: true });
    const child = spawn(command.file, command.args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    return new LocalPod(workload, name, env, ports, root, child);
  }

  get log(): string {
    return this.output;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** The local URL of a container port, by its name. */
  url(portName: string): string {
    const port = this.workload.container.ports?.find((one) => one.name === portName);
    const local = port && this.ports.get(port.containerPort);
    if (!local) throw new Error(`${this.name} has no port ${portName}`);
    return `http://127.0.0.1:${local}`;
  }

  /** Waits for the process to end by itself; fails when it runs past `timeoutMs`. */
  async completion(timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name} did not finish within ${timeoutMs} ms; its log:\n${this.tail()}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Polls the probes as the kubelet runs them: the startupProbe first, then the liveness and
   * readiness probes, each until it succeeds (an HTTP status from 200 to 399). The startupProbe
   * gets the time the manifest grants it (initialDelaySeconds + periodSeconds × failureThreshold)
   * or `startupWithinMs` if less; the other two get `readyWithinMs` after it passed. Fails naming
   * the Deployment, the probe and its last answer, or the exit of the process.
   */
  async passProbes({ startupWithinMs = Infinity, readyWithinMs }: { startupWithinMs?: number; readyWithinMs: number }): Promise<void> {
    const { container } = this.workload;
    const startup = container.startupProbe;
    const granted = startup ? ((startup.initialDelaySeconds ?? 0) + (startup.periodSeconds ?? 10) * (startup.failureThreshold ?? 3)) * 1000 : 0;
    await this.poll('startupProbe', startup, Date.now() + Math.min(granted, startupWithinMs));
    const deadline = Date.now() + readyWithinMs;
    await Promise.all([this.poll('livenessProbe', container.livenessProbe, deadline), this.poll('readinessProbe', container.readinessProbe, deadline)]);
  }

  /** Waits until the process has written a line matching `pattern`, or has exited. */
  async logged(pattern: RegExp, timeoutMs: number): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.output.split('\n').find((one) => pattern.test(one));
      if (line !== undefined || !this.running) return line;
      if (Date.now() > deadline) throw new Error(`${this.name} wrote nothing matching ${pattern} within ${timeoutMs} ms; its log:\n${this.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async poll(name: ProbeName, probe: Probe | undefined, deadline: number): Promise<void> {
    if (!probe) throw new Error(`${this.workload.kind} ${this.workload.name} has no ${name}`);
    const url = probeUrl(this.workload, probe, this.ports);
    const port = probe.httpGet?.port;
    let last = 'no answer yet';
    for (;;) {
      if (!this.running) throw new Error(`${this.workload.kind} ${this.workload.name} (${this.name}) exited with ${this.exitCode} before its ${name} passed; its log:\n${this.tail()}`);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(1000), redirect: 'manual' });
        const body = (await response.text()).slice(0, 300);
        if (response.status >= 200 && response.status < 400) return;
        last = `${response.status} ${body}`;
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        last = cause?.code ?? (error as Error).message;
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.workload.kind} ${this.workload.name} (${this.name}): ${name} GET ${probe.httpGet?.path ?? '/'} on port ${port} (${url}) did not pass; last answer: ${last}; its log:\n${this.tail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGTERM, as the kubelet sends, then SIGKILL after the grace period; removes the pod's root. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.root, { recursive: true, force: true });
  }

  tail(lines = 40): string {
    return this.output.trimEnd().split('\n').slice(-lines).join('\n');
  }
}
