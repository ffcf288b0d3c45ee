import { join, posix } from 'node:path';
import type { K8sObject } from './k8s-manifests';
import { dataOf, findObject, type Image, REPO_ROOT, type Workload } from './k8s-rehearsal';

/**
 * The values the test supplies for the Secrets the manifests name, in place of what a cluster
 * holds (the dev overlay renders placeholders, CloudNativePG makes plaint-db-app). Each key read
 * is recorded, so a key nobody reads shows up in `unread`.
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
export function declaredSecrets(objects: K8sObject[]): Record<string, string[]> {
  return Object.fromEntries(
    objects
      .filter((object) => object.kind === 'Secret')
      .map((object) => {
        const { stringData = {} } = object as { stringData?: Record<string, string> };
        return [object.metadata.name, [...new Set([...Object.keys(dataOf(object)), ...Object.keys(stringData)])]];
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
  objects: K8sObject[];
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
 * what is defined before it; HOSTNAME is the pod's name. No service-link variables are made (the
 * manifests set enableServiceLinks: false). Values the manifests set (not the test's secrets) go
 * through the local address map and the pod's filesystem (`podPath`).
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
      for (const [name, value] of Object.entries(map ? dataOf(map) : {})) defined[prefix + name] = place(value);
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
      const value = dataOf(map)[ref.configMapKeyRef.key];
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
export function podPath(sources: PodSources, workload: Workload, podRoot: string, value: string): string {
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
