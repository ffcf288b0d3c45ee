import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { K8sObject } from './k8s-manifests';

/**
 * A rehearsal of the Kubernetes manifests on this machine: the rendered overlay is read the way
 * the kubelet reads it, and each container becomes a local process (k8s-local-pod.ts) with the
 * environment (k8s-pod-environment.ts), the arguments and the probes the manifest gives it. What
 * differs from a cluster is only this:
 *
 * - places: in-cluster addresses become local ones (an explicit map, every entry of which must
 *   be used); absolute container paths become local directories: the image's working directory
 *   is this repository (it holds the same dist/ and node_modules/ the image copies), a
 *   PersistentVolumeClaim one directory all pods share, an emptyDir and the rest of the
 *   container's filesystem directories of the pod's own;
 * - ports: each container port gets a free local port, and the env var whose value is that
 *   containerPort is set to it. An env var the app does not read then leaves the app on its own
 *   default, and the probe, which goes to the local port, fails as it would in the cluster.
 *
 * Nothing of the test runner's own environment reaches a pod.
 */

export const REPO_ROOT = join(__dirname, '..', '..');
const CONTAINER = 'plaint';

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

export function findObject(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`the rendered overlay has no ${kind} ${name}`);
  return found;
}

/** The `data` of a rendered ConfigMap or Secret (a Secret's base64), changed in place when changed. */
export function dataOf(object: K8sObject): Record<string, string> {
  object.data ??= {};
  return object.data as Record<string, string>;
}

/** Every Deployment and Job, with its `plaint` container. */
export function workloads(objects: K8sObject[]): Workload[] {
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
function replicasOf(objects: K8sObject[], deployment: string, replicas: number): number {
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

/** What the image is agreed to start with, for a checkout without docker/Dockerfile. */
const AGREED_IMAGE: Image = { entrypoint: ['/usr/bin/tini', '--', 'node', '/app/dist/apps/plaint/src/main.js'], workdir: '/app', env: {} };

/** The ENTRYPOINT, WORKDIR and ENV of the Dockerfile's final stage (an ENV line may hold several). */
export function readImage(dockerfile = join(REPO_ROOT, 'docker', 'Dockerfile')): Image {
  if (!existsSync(dockerfile)) return AGREED_IMAGE;
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
  objects: K8sObject[],
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
