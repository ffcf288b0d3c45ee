import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { loadAll } from 'js-yaml';
import { freePort } from './free-port';

/**
 * A rehearsal of the Kubernetes manifests on this machine: the rendered overlay is read the way
 * the kubelet reads it, and each container becomes a local process with the environment, the
 * arguments and the probes the manifest gives it. What differs from a cluster is named here and
 * nowhere else:
 *
 * - places: in-cluster addresses become local ones (an explicit map, every entry of which must
 *   be used), and absolute container paths become directories of a per-pod temporary root, except
 *   the image's working directory, which is this repository (it holds the same dist/ and
 *   node_modules/ the image copies);
 * - ports: each container port gets a free local port, and the env var whose value is that
 *   containerPort is set to it. An env var the app does not read then leaves the app on its own
 *   default, and the probe, which goes to the local port, fails as it would in the cluster.
 *
 * Nothing of the test runner's own environment reaches a pod.
 */

const REPO_ROOT = join(__dirname, '..', '..');
const KUBECTL = process.env.PLAINT_KUBECTL ?? '/usr/bin/kubectl';
const CONTAINER = 'plaint';
const execFileAsync = promisify(execFile);

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  spec?: unknown;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string };
  };
}

interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}

export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  ports?: { name?: string; containerPort: number }[];
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}

export const PROBES = ['startupProbe', 'livenessProbe', 'readinessProbe'] as const;
export type ProbeName = (typeof PROBES)[number];

/** A Deployment or Job of the rendered overlay, reduced to what a pod of it runs. */
export interface Workload {
  kind: 'Deployment' | 'Job';
  name: string;
  replicas: number;
  container: Container;
  volumes: Volume[];
}

interface Volume {
  name: string;
  emptyDir?: object;
  persistentVolumeClaim?: { claimName: string };
}

/** `kubectl kustomize <dir>`, parsed. */
export async function renderOverlay(dir: string): Promise<KubeObject[]> {
  const { stdout } = await execFileAsync(KUBECTL, ['kustomize', join(REPO_ROOT, dir)], { maxBuffer: 16 * 1024 * 1024 });
  return loadAll(stdout).filter((doc): doc is KubeObject => typeof doc === 'object' && doc !== null);
}

export function findObject(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`the rendered overlay has no ${kind} ${name}`);
  return found;
}

/** Every Deployment and Job, with its `plaint` container. */
export function workloads(objects: KubeObject[]): Workload[] {
  return objects
    .filter((object) => object.kind === 'Deployment' || object.kind === 'Job')
    .map((object) => {
      const spec = object.spec as { replicas?: number; template: { spec: { containers: Container[]; volumes?: Volume[] } } };
      const container = spec.template.spec.containers.find((one) => one.name === CONTAINER);
      if (!container) throw new Error(`${object.kind} ${object.metadata.name} has no container named ${CONTAINER}`);
      return {
        kind: object.kind as Workload['kind'],
        name: object.metadata.name,
        replicas: object.kind === 'Job' ? 1 : replicasOf(objects, object.metadata.name, spec.replicas ?? 1),
        container,
        volumes: spec.template.spec.volumes ?? [],
      };
    });
}

/** A Deployment's replicas, held within its HorizontalPodAutoscaler's bounds when it has one. */
function replicasOf(objects: KubeObject[], deployment: string, replicas: number): number {
  const hpa = objects.find((object) => {
    const target = (object.spec as { scaleTargetRef?: { kind: string; name: string } } | undefined)?.scaleTargetRef;
    return object.kind === 'HorizontalPodAutoscaler' && target?.kind === 'Deployment' && target.name === deployment;
  });
  if (!hpa) return replicas;
  const { minReplicas = 1, maxReplicas } = hpa.spec as { minReplicas?: number; maxReplicas: number };
  return Math.min(Math.max(replicas, minReplicas), maxReplicas);
}

/** The final stage of docker/Dockerfile: what a container of the image starts from. */
export interface Image {
  entrypoint: string[];
  workdir: string;
  env: Record<string, string>;
}

export function readImage(dockerfile = join(REPO_ROOT, 'docker', 'Dockerfile')): Image {
  const lines = readFileSync(dockerfile, 'utf8').replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const stages = lines.reduce<string[][]>((all, line) => (/^\s*FROM\s/i.test(line) ? [...all, []] : (all.at(-1)?.push(line), all)), []);
  const image: Image = { entrypoint: [], workdir: '/', env: {} };
  for (const line of stages.at(-1) ?? []) {
    const [, instruction = '', rest = ''] = /^\s*(\w+)\s+(.*)$/.exec(line) ?? [];
    switch (instruction.toUpperCase()) {
      case 'WORKDIR':
        image.workdir = posix.resolve(image.workdir, rest.trim());
        break;
      case 'ENV':
        for (const [, name = '', quoted, bare] of rest.matchAll(/(\w+)=(?:"([^"]*)"|(\S*))/g)) image.env[name] = quoted ?? bare ?? '';
        break;
      case 'ENTRYPOINT':
        image.entrypoint = JSON.parse(rest) as string[];
        break;
    }
  }
  if (image.entrypoint.length === 0) throw new Error(`${dockerfile} has no ENTRYPOINT in JSON form in its final stage`);
  return image;
}

/**
 * The local command for the image's ENTRYPOINT plus the container's args: an init (tini) in
 * front is dropped, `node <script>` runs this machine's node on the script's counterpart in
 * the repository (the image's working directory is the repository). A container that sets
 * `command` replaces the ENTRYPOINT, which the rehearsal refuses: the manifests set `args` only.
 */
export function localCommand(image: Image, workload: Workload): { file: string; args: string[] } {
  if (workload.container.command) {
    throw new Error(`${workload.kind} ${workload.name} sets command ${JSON.stringify(workload.container.command)}: the manifests must set only args`);
  }
  let entrypoint = image.entrypoint;
  if (entrypoint[0]?.endsWith('/tini') && entrypoint[1] === '--') entrypoint = entrypoint.slice(2);
  const [program, script, ...rest] = entrypoint;
  if (program !== 'node' && !program?.endsWith('/node')) throw new Error(`the image's ENTRYPOINT ${JSON.stringify(image.entrypoint)} does not run node`);
  if (!script) throw new Error(`the image's ENTRYPOINT ${JSON.stringify(image.entrypoint)} names no script`);
  const inImage = posix.resolve(image.workdir, script);
  const fromWorkdir = posix.relative(image.workdir, inImage);
  if (fromWorkdir.startsWith('..')) throw new Error(`the ENTRYPOINT's script ${inImage} lies outside the image's WORKDIR ${image.workdir}`);
  const main = join(REPO_ROOT, fromWorkdir);
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  return { file: process.execPath, args: [main, ...rest, ...(workload.container.args ?? [])] };
}

/**
 * The values the test supplies for the Secrets the manifests name (the overlay commits no
 * Secret). Each key read is recorded, so a key nobody reads shows up in `unread`.
 */
export class SecretValues {
  private readonly read = new Set<string>();

  constructor(private readonly secrets: Record<string, Record<string, string>>) {}

  /** One key, for a `secretKeyRef`; a key the test cannot supply fails loudly. */
  key(secret: string, key: string, optional = false): string | undefined {
    const value = this.secrets[secret]?.[key];
    if (value === undefined && !optional) {
      throw new Error(`Secret ${secret} key ${key} is referenced by the manifests, but the rehearsal has no value for it`);
    }
    this.read.add(`${secret}/${key}`);
    return value;
  }

  /** The whole Secret, for `envFrom`; `declared` are the keys the overlay says it holds. */
  all(secret: string, declared: readonly string[] | undefined, optional = false): Record<string, string> {
    const values = this.secrets[secret];
    if (!values) {
      if (optional) return {};
      throw new Error(`Secret ${secret} is referenced by envFrom, but the rehearsal supplies no values for it`);
    }
    if (declared) {
      const missing = declared.filter((key) => !(key in values));
      if (missing.length > 0) throw new Error(`Secret ${secret} declares ${missing.join(', ')}, but the rehearsal has no value for it`);
      const undeclared = Object.keys(values).filter((key) => !declared.includes(key));
      if (undeclared.length > 0) throw new Error(`the rehearsal supplies ${undeclared.join(', ')} for Secret ${secret}, which does not declare it`);
    }
    for (const key of Object.keys(values)) this.read.add(`${secret}/${key}`);
    return values;
  }

  /** The supplied keys no manifest read, as `secret/key`. */
  unread(): string[] {
    return Object.entries(this.secrets)
      .flatMap(([secret, values]) => Object.keys(values).map((key) => `${secret}/${key}`))
      .filter((name) => !this.read.has(name));
  }
}

/**
 * The keys of each Secret the overlay renders (the dev overlay generates plaint-secrets from
 * its secrets.example.env, with placeholder values the rehearsal replaces).
 */
export function declaredSecrets(objects: KubeObject[]): Record<string, string[]> {
  return Object.fromEntries(
    objects
      .filter((object) => object.kind === 'Secret')
      .map((object) => {
        const { stringData = {} } = object as { stringData?: Record<string, string> };
        return [object.metadata.name, [...new Set([...Object.keys(object.data ?? {}), ...Object.keys(stringData)])]];
      }),
  );
}

/**
 * In-cluster address → local address, replaced wherever it appears in a value the manifests
 * set. Every entry must be used: an entry that matches nothing means the manifests changed
 * under the rehearsal.
 */
export class LocalAddresses {
  private readonly used = new Set<string>();

  constructor(private readonly map: Record<string, string>) {}

  apply(value: string): string {
    let result = value;
    for (const [inCluster, local] of Object.entries(this.map)) {
      if (!result.includes(inCluster)) continue;
      this.used.add(inCluster);
      result = result.split(inCluster).join(local);
    }
    if (/\.svc(\.cluster\.local)?\b/.test(result)) throw new Error(`"${value}" names an in-cluster service the rehearsal has no local address for`);
    return result;
  }

  unused(): string[] {
    return Object.keys(this.map).filter((key) => !this.used.has(key));
  }
}

/** What the environment of one pod's container is built from. */
export interface PodSources {
  objects: KubeObject[];
  image: Image;
  secrets: SecretValues;
  /** Per Secret name, the keys the overlay declares it holds (for envFrom). */
  declaredSecrets: Record<string, readonly string[]>;
  addresses: LocalAddresses;
  /** Where the PersistentVolumeClaims live, one directory per claim, shared by every pod. */
  claimsDir: string;
}

/**
 * The container's environment as the kubelet assembles it: the image's ENV, then each envFrom
 * source in order, then `env` in order (later wins), with `$(VAR)` in an env value expanded from
 * what is defined before it. Values the manifests set (not the test's secrets) go through the
 * local address map and the pod's filesystem (`podPath`).
 */
export function containerEnv(sources: PodSources, workload: Workload, podName: string, podRoot: string): Record<string, string> {
  const { container } = workload;
  const place = (value: string) => podPath(sources, workload, podRoot, sources.addresses.apply(value));
  const env: Record<string, string> = { HOSTNAME: podName };
  for (const [name, value] of Object.entries(sources.image.env)) env[name] = place(value);
  const defined: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const map = sources.objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === from.configMapRef?.name);
      if (!map && !from.configMapRef.optional) throw new Error(`${workload.name}: envFrom names ConfigMap ${from.configMapRef.name}, which the overlay does not render`);
      for (const [name, value] of Object.entries(map?.data ?? {})) defined[prefix + name] = place(value);
    } else if (from.secretRef) {
      const { name, optional } = from.secretRef;
      for (const [key, value] of Object.entries(sources.secrets.all(name, sources.declaredSecrets[name], optional))) defined[prefix + key] = value;
    }
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom;
    if (variable.value !== undefined || !ref) {
      defined[variable.name] = place(expand(variable.value ?? '', defined));
    } else if (ref.secretKeyRef) {
      const value = sources.secrets.key(ref.secretKeyRef.name, ref.secretKeyRef.key, ref.secretKeyRef.optional);
      if (value !== undefined) defined[variable.name] = value;
    } else if (ref.configMapKeyRef) {
      const map = findObject(sources.objects, 'ConfigMap', ref.configMapKeyRef.name);
      const value = map.data?.[ref.configMapKeyRef.key];
      if (value === undefined && !ref.configMapKeyRef.optional) throw new Error(`${workload.name}: ConfigMap ${map.metadata.name} has no key ${ref.configMapKeyRef.key}`);
      if (value !== undefined) defined[variable.name] = place(value);
    } else if (ref.fieldRef) {
      defined[variable.name] = podField(ref.fieldRef.fieldPath, podName, workload.name);
    } else {
      throw new Error(`${workload.name}: env ${variable.name} has a valueFrom the rehearsal does not know`);
    }
  }
  return { ...env, ...defined };
}

function expand(value: string, defined: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name?: string) => (name === undefined ? '$' : (defined[name] ?? match)));
}

function podField(path: string, podName: string, workload: string): string {
  switch (path) {
    case 'metadata.name':
      return podName;
    case 'status.podIP':
    case 'status.hostIP':
      return '127.0.0.1';
    default:
      throw new Error(`${workload}: the rehearsal does not know the pod field ${path}`);
  }
}

/**
 * Where an absolute container path is on this machine: under the image's WORKDIR, the
 * repository; under a volumeMount, the volume (a PersistentVolumeClaim is one directory every
 * pod shares, an emptyDir the pod's own); anywhere else, the pod's own root. Other values pass.
 */
function podPath(sources: PodSources, workload: Workload, podRoot: string, value: string): string {
  if (!value.startsWith('/') || value.startsWith('//')) return value;
  const within = (dir: string) => {
    const rest = posix.relative(dir, value);
    return rest.startsWith('..') || posix.isAbsolute(rest) ? undefined : rest;
  };
  const mounts = [...(workload.container.volumeMounts ?? [])].sort((a, b) => b.mountPath.length - a.mountPath.length);
  for (const mount of mounts) {
    const rest = within(mount.mountPath);
    if (rest === undefined) continue;
    const volume = workload.volumes.find((one) => one.name === mount.name);
    if (volume?.persistentVolumeClaim) return join(sources.claimsDir, volume.persistentVolumeClaim.claimName, mount.subPath ?? '', rest);
    if (volume?.emptyDir) return join(podRoot, 'volumes', mount.name, mount.subPath ?? '', rest);
    throw new Error(`${workload.name}: volume ${mount.name} at ${mount.mountPath} is neither an emptyDir nor a PersistentVolumeClaim`);
  }
  const inWorkdir = within(sources.image.workdir);
  if (inWorkdir !== undefined) return join(REPO_ROOT, inWorkdir);
  return join(podRoot, 'rootfs', value);
}

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

interface KafkaTopicSpec {
  topicName?: string;
  partitions?: number;
  replicas?: number;
  config?: Record<string, string | number | boolean>;
}

/**
 * The topics the overlay's Strimzi KafkaTopic resources declare, as the Topic Operator would
 * create them (partitions, replicas, config), named `prefix` + the topic name.
 */
export function kafkaTopics(
  objects: KubeObject[],
  prefix: string,
): { topic: string; numPartitions: number; replicationFactor: number; configEntries: { name: string; value: string }[] }[] {
  return objects
    .filter((object) => object.kind === 'KafkaTopic')
    .map((object) => {
      const spec = (object.spec ?? {}) as KafkaTopicSpec;
      return {
        topic: `${prefix}${spec.topicName ?? object.metadata.name}`,
        numPartitions: spec.partitions ?? 1,
        replicationFactor: spec.replicas ?? 1,
        configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
      };
    });
}
