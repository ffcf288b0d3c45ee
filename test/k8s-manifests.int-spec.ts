/**
 * The Kubernetes manifests (k8s/) as a platform engineer applies them: each overlay renders,
 * every object is valid by the schemas of Kubernetes and of the operators it targets (Strimzi,
 * CloudNativePG, Prometheus operator), and the manifests agree with the code: probes on paths the
 * app serves, settings the app reads, a topic for every topic it uses, network policies that
 * let each service reach what it needs. The alerts pass promtool's checks and unit tests.
 * Offline: the Strimzi CRDs come from scripts/k8s/fetch-schemas.sh (run by scripts/test.sh).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { dump, load } from 'js-yaml';
import type { IDeployment } from 'kubernetes-models/apps/v1' with { 'resolution-mode': 'import' };
import type { IJob } from 'kubernetes-models/batch/v1' with { 'resolution-mode': 'import' };
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2' with { 'resolution-mode': 'import' };
import type { IIngress, INetworkPolicy, INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1' with { 'resolution-mode': 'import' };
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1' with { 'resolution-mode': 'import' };
import type { IConfigMap, IContainer, IPodTemplateSpec, IService } from 'kubernetes-models/v1' with { 'resolution-mode': 'import' };
import type { IIoK8sApimachineryPkgApisMetaV1LabelSelector as LabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector' with { 'resolution-mode': 'import' };
import { loadConfig, type PlaintConfig } from '../libs/config/src';
import { TOPICS } from '../libs/contracts/src/topics';
import { deadLetterTopicOf } from '../libs/bus/src/message-bus';
import { exportedMetrics } from './support/exported-metrics';
import { K8S_DIR, type K8sObject, render, schemaProblems, strimziValidators } from './support/k8s-manifests';

const ROOT = join(__dirname, '..');
const OVERLAYS = ['dev', 'prod'] as const;
const NAMESPACES = { dev: 'plaint-dev', prod: 'plaint' };
const SERVICES = ['core', 'notifier', 'ingest-chat', 'ingest-web', 'ingest-email', 'ingest-social'];
/** ingest-web keeps nothing in the database; core, ingest-email and ingest-social keep files. */
const WITHOUT_DATABASE = ['ingest-web'];
const WITH_BLOBS = ['core', 'ingest-email', 'ingest-social'];

interface KafkaTopic extends K8sObject {
  spec: { topicName?: string; partitions: number; replicas: number; config?: Record<string, unknown> };
}

const rendered = new Map(OVERLAYS.map((overlay) => [overlay, render(`overlays/${overlay}`)]));
function objects(overlay: (typeof OVERLAYS)[number]): K8sObject[] {
  return rendered.get(overlay)!;
}
function ofKind<T>(overlay: (typeof OVERLAYS)[number], kind: string): (T & K8sObject)[] {
  return objects(overlay).filter((object) => object.kind === kind) as (T & K8sObject)[];
}
/** Plaint's own Deployments (development brings a Redis too). */
function deployments(overlay: (typeof OVERLAYS)[number]): (IDeployment & K8sObject)[] {
  return ofKind<IDeployment>(overlay, 'Deployment').filter(({ metadata }) => metadata.labels?.['app.kubernetes.io/name'] === 'plaint');
}
function container(template: IPodTemplateSpec | undefined): IContainer {
  const containers = template?.spec?.containers ?? [];
  expect(containers.map(({ name }) => name)).toEqual(['plaint']);
  return containers[0]!;
}
function config(overlay: (typeof OVERLAYS)[number]): Record<string, string> {
  const maps = ofKind<IConfigMap>(overlay, 'ConfigMap').filter(({ metadata }) => metadata.name === 'plaint-config');
  expect(maps).toHaveLength(1);
  return maps[0]!.data ?? {};
}
function selects(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  const matchLabels = Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return (
    matchLabels &&
    (selector?.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      switch (operator) {
        case 'In':
          return values.includes(labels[key] ?? '\0');
        case 'NotIn':
          return !values.includes(labels[key] ?? '\0');
        case 'Exists':
          return key in labels;
        case 'DoesNotExist':
          return !(key in labels);
        default:
          throw new Error(`unknown selector operator ${operator}`);
      }
    })
  );
}
/** The pod templates of an overlay, by their workload's name. */
function podTemplates(overlay: (typeof OVERLAYS)[number]): Map<string, IPodTemplateSpec> {
  const templates = new Map<string, IPodTemplateSpec>();
  for (const deployment of deployments(overlay)) templates.set(deployment.metadata.name, deployment.spec!.template);
  for (const job of ofKind<IJob>(overlay, 'Job')) templates.set(job.metadata.name, job.spec!.template);
  return templates;
}

/** The source the services run, tests excluded: what a setting must be read by. */
function appSources(): string {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path);
      return /(?<!\.spec)(?<!\.int-spec)\.ts$/.test(entry.name) ? [path] : [];
    });
  return [...files(join(ROOT, 'apps')), ...files(join(ROOT, 'libs'))].map((file) => readFileSync(file, 'utf8')).join('\n');
}

describe('Kubernetes manifests', () => {
  let strimzi: Map<string, ValidateFunction>;
  beforeAll(() => {
    strimzi = strimziValidators();
  });

  it.each(OVERLAYS)('overlay %s renders, everything in its namespace', (overlay) => {
    const kinds = new Set(objects(overlay).map(({ kind }) => kind));
    for (const kind of ['Deployment', 'Service', 'Ingress', 'ConfigMap', 'Job', 'KafkaTopic', 'NetworkPolicy', 'Cluster', 'Kafka']) expect(kinds).toContain(kind);
    expect(objects(overlay).filter(({ metadata }) => metadata.namespace !== NAMESPACES[overlay]).map(({ kind, metadata }) => `${kind} ${metadata.name}`)).toEqual([]);
  });

  it.each(OVERLAYS)('overlay %s: every object is valid by the schema of its kind', (overlay) => {
    const problems = schemaProblems(objects(overlay), strimzi);
    const invalid = objects(overlay).flatMap((object, index) => (problems[index] ? [`${object.kind} ${object.metadata.name}: ${problems[index]}`] : []));
    expect(invalid).toEqual([]);
  });

  it("development's Redis renders in the dev namespace and is valid by the Kubernetes schemas", () => {
    const redis = render('overlays/dev/redis');
    expect(redis.map(({ kind, metadata }) => `${kind} ${metadata.name} ${metadata.namespace}`).sort()).toEqual(['Deployment redis plaint-dev', 'Service redis plaint-dev']);
    expect(schemaProblems(redis, strimzi)).toEqual([null, null]);
    const secrets = readFileSync(join(K8S_DIR, 'overlays/dev/secrets.example.env'), 'utf8');
    expect(secrets).toMatch(/^PLAINT_REDIS_URL=redis:\/\/redis:6379$/m);
  });

  it('the schemas refuse broken objects of each kind the overlays hold', () => {
    const pick = (kind: string) => structuredClone(objects('prod').find((object) => object.kind === kind)!);
    const deployment = pick('Deployment') as IDeployment & K8sObject;
    deployment.spec!.replicas = 'two' as unknown as number;
    const cluster = pick('Cluster');
    (cluster.spec as { instances: unknown }).instances = 'three';
    const rule = pick('PrometheusRule');
    (rule.spec as { groups: unknown }).groups = 'none';
    const topic = pick('KafkaTopic') as KafkaTopic;
    (topic.spec as Record<string, unknown>).partitons = 6;
    const unknownKind = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    const problems = schemaProblems([deployment, cluster, rule, topic, unknownKind], strimzi);
    expect(problems.map((problem) => problem !== null)).toEqual([true, true, true, true, true]);
    expect(problems[3]).toContain('partitons');
  });

  it.each(OVERLAYS)('overlay %s: each service runs the one image with a command the image understands', (overlay) => {
    const commands = [...readFileSync(join(ROOT, 'apps/plaint/src/main.ts'), 'utf8').matchAll(/case '([a-z:-]+)':/g)].map((match) => match[1]);
    const byName = new Map(deployments(overlay).map((deployment) => [deployment.metadata.name, deployment]));
    expect([...byName.keys()].sort()).toEqual(SERVICES.map((service) => `plaint-${service}`).sort());
    for (const service of SERVICES) {
      const plaint = container(byName.get(`plaint-${service}`)!.spec!.template);
      expect(plaint.image).toMatch(/(^|\/)plaint:[\w.-]+$/);
      expect(plaint.command).toBeUndefined();
      expect(plaint.args).toEqual(['serve']);
      expect(plaint.env?.find(({ name }) => name === 'PLAINT_APP')).toEqual({ name: 'PLAINT_APP', value: service });
    }
    const [job, ...more] = ofKind<IJob>(overlay, 'Job');
    expect(more).toEqual([]);
    expect(job!.metadata.name).toBe('plaint-migrate');
    const migrate = container(job!.spec!.template);
    expect(migrate.command).toBeUndefined();
    expect(migrate.args).toEqual(['migrate']);
    expect(migrate.image).toBe(container(byName.get('plaint-core')!.spec!.template).image);
    expect(commands).toEqual(expect.arrayContaining(['serve', 'migrate']));
  });

  it.each(OVERLAYS)('overlay %s: probes ask paths the app serves, on the ports it listens on', (overlay) => {
    const controller = readFileSync(join(ROOT, 'apps/plaint/src/health.controller.ts'), 'utf8');
    const prefix = /@Controller\('([^']+)'\)/.exec(controller)![1];
    const served = [...controller.matchAll(/@Get\('([^']*)'\)/g)].map((match) => `/${prefix}/${match[1]}`);
    const settings = config(overlay);
    for (const deployment of deployments(overlay)) {
      const plaint = container(deployment.spec!.template);
      const ports = Object.fromEntries((plaint.ports ?? []).map(({ name, containerPort }) => [name, String(containerPort)]));
      expect(ports).toEqual({ http: settings.PORT, metrics: settings.PLAINT_METRICS_PORT });
      expect(settings.HOST).toBe('0.0.0.0');
      expect(settings.PLAINT_METRICS_HOST).toBe('0.0.0.0');
      const probe = (name: 'startupProbe' | 'livenessProbe' | 'readinessProbe') => ({ path: plaint[name]?.httpGet?.path, port: plaint[name]?.httpGet?.port });
      expect(probe('startupProbe')).toEqual({ path: '/health/live', port: 'http' });
      expect(probe('livenessProbe')).toEqual({ path: '/health/live', port: 'http' });
      expect(probe('readinessProbe')).toEqual({ path: '/health/ready', port: 'http' });
      for (const name of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) expect(served).toContain(probe(name).path);
    }
  });

  it.each(OVERLAYS)('overlay %s: configuration, secrets and the database reach every service', (overlay) => {
    const settings = config(overlay);
    for (const deployment of deployments(overlay)) {
      const service = deployment.metadata.name.replace(/^plaint-/, '');
      const plaint = container(deployment.spec!.template);
      expect(plaint.envFrom).toEqual([{ configMapRef: { name: 'plaint-config' } }, { secretRef: { name: 'plaint-secrets' } }]);
      const database = plaint.env?.find(({ name }) => name === 'PLAINT_DATABASE_URL');
      if (WITHOUT_DATABASE.includes(service)) expect(database).toBeUndefined();
      else expect(database?.valueFrom?.secretKeyRef).toEqual({ name: 'plaint-db-app', key: 'uri' });
      const mounts = Object.fromEntries((plaint.volumeMounts ?? []).map(({ name, mountPath }) => [mountPath, name]));
      const volumes = new Map((deployment.spec!.template.spec!.volumes ?? []).map((volume) => [volume.name, volume]));
      expect(volumes.get(mounts['/tmp']!)?.emptyDir).toBeDefined();
      expect(mounts[settings.PLAINT_DATA_DIR!]).toBeDefined();
      const blobs = volumes.get(mounts[settings.PLAINT_BLOB_DIR!] ?? '')?.persistentVolumeClaim?.claimName;
      expect(blobs).toBe(WITH_BLOBS.includes(service) ? 'plaint-blobs' : undefined);
    }
    // The operator makes plaint-db-app from the Cluster plaint-db.
    expect(ofKind(overlay, 'Cluster').map(({ metadata }) => metadata.name)).toEqual(['plaint-db']);
    expect(settings.PLAINT_DATABASE_MIGRATE).toBe('false');
    expect(ofKind(overlay, 'PersistentVolumeClaim').map(({ metadata }) => metadata.name)).toEqual(['plaint-blobs']);
    // Development generates its placeholder secrets; production's are created out of band.
    expect(ofKind(overlay, 'Secret').map(({ metadata }) => metadata.name)).toEqual(overlay === 'dev' ? ['plaint-secrets'] : []);
  });

  it.each(OVERLAYS)('overlay %s: containers run locked down and shut down within their grace period', (overlay) => {
    const grace = Number(config(overlay).PLAINT_SHUTDOWN_GRACE_SECONDS);
    expect(grace).toBeGreaterThan(0);
    for (const [name, template] of podTemplates(overlay)) {
      const pod = template.spec!;
      const plaint = container(template);
      expect({ name, ...pod.securityContext }).toMatchObject({ name, runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
      expect({ name, ...plaint.securityContext }).toMatchObject({ name, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      if (!name.startsWith('plaint-migrate')) {
        expect(plaint.lifecycle?.preStop?.sleep?.seconds).toBe(5);
        expect(pod.terminationGracePeriodSeconds).toBe(40);
        expect(pod.terminationGracePeriodSeconds!).toBeGreaterThan(grace + plaint.lifecycle!.preStop!.sleep!.seconds);
      }
    }
  });

  it('every setting in the ConfigMap, the Deployments and the example secrets is one the app reads', () => {
    const source = appSources();
    const secrets = readFileSync(join(K8S_DIR, 'overlays/dev/secrets.example.env'), 'utf8');
    const names = new Set([
      ...OVERLAYS.flatMap((overlay) => Object.keys(config(overlay))),
      ...OVERLAYS.flatMap((overlay) => deployments(overlay).flatMap((deployment) => (container(deployment.spec!.template).env ?? []).map(({ name }) => name))),
      ...[...secrets.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!),
    ]);
    expect(names.size).toBeGreaterThan(20);
    expect([...names].filter((name) => !new RegExp(`\\b${name}\\b`).test(source))).toEqual([]);
    // Secrets stay out of the ConfigMap.
    expect(Object.keys(config('prod')).filter((name) => /SECRET|TOKEN|PASSWORD|_URL$/.test(name) && !/PAGE_URL|PUBLIC_URL/.test(name))).toEqual([]);
  });

  it.each(OVERLAYS)('overlay %s: each service accepts the settings it is given and runs what PLAINT_APP names', (overlay) => {
    // Production's Secret is made out of band with the keys of the example; the operator's
    // plaint-db-app holds a URI like this one. The data directory is a scratch one here.
    const secret =
      overlay === 'dev'
        ? Object.fromEntries(Object.entries(ofKind<{ data?: Record<string, string> }>(overlay, 'Secret')[0]!.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]))
        : Object.fromEntries([...readFileSync(join(K8S_DIR, 'overlays/dev/secrets.example.env'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
    const dataDir = mkdtempSync(join(tmpdir(), 'plaint-k8s-config-'));
    try {
      for (const deployment of deployments(overlay)) {
        const service = deployment.metadata.name.replace(/^plaint-/, '');
        const env: Record<string, string> = { ...config(overlay), ...secret, PLAINT_DATA_DIR: dataDir, PLAINT_BLOB_DIR: join(dataDir, 'blobs') };
        for (const { name, value, valueFrom } of container(deployment.spec!.template).env ?? []) {
          if (valueFrom?.secretKeyRef) expect(valueFrom.secretKeyRef).toEqual({ name: 'plaint-db-app', key: 'uri' });
          env[name] = value ?? 'postgresql://plaint:password@plaint-db-rw.plaint.svc:5432/plaint';
        }
        let loaded: PlaintConfig;
        try {
          loaded = loadConfig(env);
        } catch (error) {
          throw new Error(`${deployment.metadata.name}: ${(error as Error).message}`);
        }
        expect({ service, apps: loaded.apps, port: loaded.port, metrics: loaded.edge.metrics, bus: loaded.bus.kind }).toEqual({ service, apps: [service], port: 3000, metrics: { port: 9464, host: '0.0.0.0' }, bus: 'kafka' });
        expect({ service, database: loaded.database.kind }).toEqual({ service, database: WITHOUT_DATABASE.includes(service) ? 'sqlite' : 'postgres' });
        if (loaded.database.kind === 'postgres') expect(loaded.database.migrateOnBoot).toBe(false);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each(OVERLAYS)('overlay %s: every topic the services use has a KafkaTopic and a dead-letter one, on the cluster they connect to', (overlay) => {
    const cluster = /^([a-z0-9-]+)-kafka-bootstrap:\d+$/.exec(config(overlay).PLAINT_KAFKA_BROKERS ?? '')?.[1];
    expect(config(overlay).PLAINT_KAFKA_CREATE_TOPICS).toBe('false');
    expect(ofKind(overlay, 'Kafka').map(({ metadata }) => metadata.name)).toEqual([cluster]);
    const topics = ofKind<KafkaTopic>(overlay, 'KafkaTopic');
    const declared = new Map(topics.map((topic) => [topic.spec.topicName ?? topic.metadata.name, topic]));
    const wanted = Object.keys(TOPICS).flatMap((topic) => [topic, deadLetterTopicOf(topic)]);
    expect([...declared.keys()].sort()).toEqual(wanted.sort());
    for (const topic of topics) {
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe(cluster);
      expect(topic.spec.partitions).toBeGreaterThan(0);
      expect(Number(topic.spec.config?.['retention.ms'])).toBeGreaterThan(0);
    }
    // A consumer replica beyond a topic's partitions would sit idle.
    const partitions = Math.min(...Object.keys(TOPICS).map((topic) => declared.get(topic)!.spec.partitions));
    for (const hpa of ofKind<IHorizontalPodAutoscaler>(overlay, 'HorizontalPodAutoscaler')) expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(partitions);
  });

  it.each(OVERLAYS)('overlay %s: network policies select existing pods and let each service reach what it needs', (overlay) => {
    const templates = podTemplates(overlay);
    const policies = ofKind<INetworkPolicy>(overlay, 'NetworkPolicy');
    for (const policy of policies) {
      const selected = [...templates].filter(([, template]) => selects(policy.spec!.podSelector, template.metadata?.labels));
      expect({ policy: policy.metadata.name, selects: selected.length > 0 }).toEqual({ policy: policy.metadata.name, selects: true });
    }
    // Nothing is allowed unless a policy says so.
    expect(policies.some(({ spec }) => selects(spec!.podSelector, { 'app.kubernetes.io/name': 'plaint' }) && !spec!.ingress && !spec!.egress && spec!.policyTypes?.length === 2)).toBe(true);
    const egress = (workload: string, port: number, to: (peer: INetworkPolicyPeer) => boolean) =>
      policies.some(
        ({ spec }) =>
          selects(spec!.podSelector, templates.get(workload)!.metadata?.labels) &&
          (spec!.egress ?? []).some((rule) => (rule.ports ?? []).some((allowed) => allowed.port === port) && (rule.to === undefined || rule.to.some(to))),
      );
    const kafka = ofKind(overlay, 'Kafka')[0]!.metadata.name;
    for (const service of SERVICES) {
      const workload = `plaint-${service}`;
      expect({ workload, kafka: egress(workload, 9092, (peer) => peer.podSelector?.matchLabels?.['strimzi.io/cluster'] === kafka) }).toEqual({ workload, kafka: true });
      const postgres = egress(workload, 5432, (peer) => peer.podSelector?.matchLabels?.['cnpg.io/cluster'] === 'plaint-db');
      expect({ workload, postgres }).toEqual({ workload, postgres: !WITHOUT_DATABASE.includes(service) });
      expect({ workload, dns: egress(workload, 53, (peer) => peer.podSelector?.matchLabels?.['k8s-app'] === 'kube-dns') }).toEqual({ workload, dns: true });
    }
    expect(egress('plaint-migrate', 5432, (peer) => peer.podSelector?.matchLabels?.['cnpg.io/cluster'] === 'plaint-db')).toBe(true);
    expect(egress('plaint-notifier', 587, () => true)).toBe(true);
    expect(egress('plaint-ingest-email', 993, () => true)).toBe(true);
    expect(egress('plaint-ingest-chat', 6379, () => true)).toBe(true);
    expect(egress('plaint-ingest-web', 443, () => true)).toBe(false);
    // What an Ingress routes to takes the controller's traffic; every service lets Prometheus scrape.
    const ingressFrom = (workload: string, port: string, namespace: string) =>
      policies.some(
        ({ spec }) =>
          selects(spec!.podSelector, templates.get(workload)!.metadata?.labels) &&
          (spec!.ingress ?? []).some(
            (rule) => (rule.ports ?? []).some((allowed) => allowed.port === port) && (rule.from ?? []).some((peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === namespace),
          ),
      );
    const routed = new Set(ofKind<IIngress>(overlay, 'Ingress').flatMap((ingress) => ingress.spec!.rules!.flatMap((rule) => rule.http!.paths.map((path) => path.backend.service!.name))));
    for (const service of SERVICES) {
      const workload = `plaint-${service}`;
      expect({ workload, fromIngress: ingressFrom(workload, 'http', 'ingress-nginx') }).toEqual({ workload, fromIngress: routed.has(workload) });
      expect({ workload, fromPrometheus: ingressFrom(workload, 'metrics', 'monitoring') }).toEqual({ workload, fromPrometheus: true });
    }
  });

  it.each(OVERLAYS)('overlay %s: Services, Ingresses, autoscalers and disruption budgets point at what exists', (overlay) => {
    const byName = new Map(deployments(overlay).map((deployment) => [deployment.metadata.name, deployment]));
    const services = new Map(ofKind<IService>(overlay, 'Service').filter(({ metadata }) => metadata.labels?.['app.kubernetes.io/name'] === 'plaint').map((service) => [service.metadata.name, service]));
    for (const [name, service] of services) {
      const targets = deployments(overlay).filter((deployment) => selects({ matchLabels: service.spec!.selector }, deployment.spec!.template.metadata?.labels));
      expect({ service: name, targets: targets.map(({ metadata }) => metadata.name) }).toEqual({ service: name, targets: [name] });
      const ports = (container(targets[0]!.spec!.template).ports ?? []).map(({ name: port }) => port);
      for (const port of service.spec!.ports ?? []) expect(ports).toContain(port.targetPort);
    }
    const hosts = new Map<string, string[]>();
    for (const ingress of ofKind<IIngress>(overlay, 'Ingress')) {
      expect(ingress.spec!.ingressClassName).toBe('nginx');
      for (const rule of ingress.spec!.rules!) {
        for (const path of rule.http!.paths) {
          const backend = path.backend.service!;
          expect(services.get(backend.name)?.spec!.ports?.map(({ name }) => name)).toContain(backend.port!.name);
          hosts.set(rule.host!, [...(hosts.get(rule.host!) ?? []), `${path.path} ${backend.name}`]);
        }
      }
    }
    // The customer host: the page, its API, the webhooks and the chat; the chat pinned to a replica.
    const customerHost = [...hosts.values()].find((paths) => paths.includes('/socket.io plaint-ingest-chat'))!;
    expect(customerHost).toEqual(expect.arrayContaining(['/ plaint-ingest-web', '/webhooks plaint-ingest-social', '/api/v1/customer plaint-core']));
    const chat = ofKind<IIngress>(overlay, 'Ingress').find((ingress) => ingress.spec!.rules!.some((rule) => rule.http!.paths.some(({ path }) => path === '/socket.io')))!;
    expect(chat.metadata.annotations?.['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    for (const hpa of ofKind<IHorizontalPodAutoscaler>(overlay, 'HorizontalPodAutoscaler')) expect(byName.has(hpa.spec.scaleTargetRef.name)).toBe(true);
    expect(ofKind<IHorizontalPodAutoscaler>(overlay, 'HorizontalPodAutoscaler').map((hpa) => hpa.spec.scaleTargetRef.name).sort()).toEqual(['plaint-core', 'plaint-ingest-chat']);
    const budgets = ofKind<IPodDisruptionBudget>(overlay, 'PodDisruptionBudget');
    for (const deployment of byName.values()) {
      expect({ deployment: deployment.metadata.name, budgets: budgets.filter((budget) => selects(budget.spec!.selector, deployment.spec!.template.metadata?.labels)).length }).toEqual({ deployment: deployment.metadata.name, budgets: 1 });
    }
  });

  describe('alerts', () => {
    const rule = objects('prod').find(({ kind }) => kind === 'PrometheusRule') as K8sObject & { spec: { groups: { rules: { alert?: string; expr: string }[] }[] } };
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'plaint-rules-'));
      writeFileSync(join(dir, 'rules.yaml'), dump(rule.spec));
      copyFileSync(join(K8S_DIR, 'components/monitoring/rules.test.yaml'), join(dir, 'rules.test.yaml'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('are scraped and alerted on in production only', () => {
      expect(objects('prod').filter(({ kind }) => ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'].includes(kind))).toHaveLength(3);
      expect(objects('dev').filter(({ kind }) => ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'].includes(kind))).toEqual([]);
      const monitor = objects('prod').find(({ kind }) => kind === 'ServiceMonitor') as K8sObject & { spec: { selector: LabelSelector; endpoints: { port: string }[] } };
      const scraped = ofKind<IService>('prod', 'Service').filter((service) => selects(monitor.spec.selector, service.metadata.labels));
      expect(scraped.map(({ metadata }) => metadata.name).sort()).toEqual(SERVICES.map((service) => `plaint-${service}`).sort());
      for (const service of scraped) expect(service.spec!.ports?.map(({ name }) => name)).toContain(monitor.spec.endpoints[0]!.port);
    });

    it('ask only for metrics the services or the Kafka exporter export', async () => {
      const known = new Set([...(await exportedMetrics()).keys(), 'kafka_consumergroup_lag', 'up']);
      const expressions = rule.spec.groups.flatMap(({ rules }) => rules.map(({ expr }) => expr));
      const used = expressions.flatMap((expr) => [...expr.matchAll(/\b((?:plaint|kafka)_[a-z0-9_]+|up)\s*[{[(]/g)].map((match) => match[1]!));
      expect(used).toEqual(expect.arrayContaining(['kafka_consumergroup_lag', 'plaint_dead_letters_total', 'plaint_sla_alerts_total', 'plaint_notices_total']));
      expect(used.filter((name) => !known.has(name))).toEqual([]);
    });

    it('pass promtool check rules and their unit tests', () => {
      const run = (...args: string[]) => execFileSync('promtool', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(run('check', 'rules', 'rules.yaml')).toMatch(/SUCCESS: 6 rules found/);
      expect(run('test', 'rules', 'rules.test.yaml')).toMatch(/SUCCESS/);
      const tested = new Set([...readFileSync(join(dir, 'rules.test.yaml'), 'utf8').matchAll(/alertname: (\w+)/g)].map((match) => match[1]));
      expect(rule.spec.groups.flatMap(({ rules }) => rules.map(({ alert }) => alert)).filter((alert) => !tested.has(alert))).toEqual([]);
      expect(load(readFileSync(join(dir, 'rules.test.yaml'), 'utf8'))).toMatchObject({ rule_files: ['rules.yaml'] });
    });
  });
});
