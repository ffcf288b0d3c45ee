import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { APP_NAMES } from '@plaint/config';
import { type BuiltImage, buildContextFiles, buildImage, buildah, type ContainerProcess, ImageContainer, type ImageConfig, imageConfig, requireBuildah } from './support/container-image';
import { freePort } from './support/free-port';
import { createTestDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

/**
 * The container image as a platform engineer meets it: built from docker/Dockerfile (with
 * buildah, through scripts/image/build.sh), small, without a shell, running as an unprivileged
 * user under tini, and booting the services the Kubernetes manifests start from it against a
 * real Kafka and PostgreSQL. A cold build (no cached base image, layers or npm cache) takes
 * 8 to 10 minutes on two cores; with everything cached, seconds.
 */
const ROOT = join(__dirname, '..');
const TAG = 'localhost/plaint:test';
const MAX_IMAGE_BYTES = 250 * 1000 * 1000;
const ENTRYPOINT = ['/usr/bin/tini', '--', 'node', '/app/dist/apps/plaint/src/main.js'];
const STOP_WITHIN_MS = 20_000;

requireBuildah();

describeWithRealParts('the container image', (parts) => {
  const dataDir = join(ROOT, 'data');
  const marker = `image-context-marker-${randomBytes(6).toString('hex')}`;
  let image: BuiltImage;
  let context: string[];
  let config: ImageConfig;
  let inspected: ImageContainer;
  let rootfs: string;
  let db: TestDatabase;
  const running: ContainerProcess[] = [];
  const containers: ImageContainer[] = [];

  beforeAll(async () => {
    // A file in ./data while the image builds: the build context must leave it out.
    const createdDataDir = !existsSync(dataDir);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, marker), 'customer data that must never reach an image\n');
    try {
      context = await buildContextFiles();
      image = await buildImage(TAG);
    } finally {
      rmSync(join(dataDir, marker), { force: true });
      // Removed again only if still empty: something else may have started using it meanwhile.
      if (createdDataDir) rmdirIfEmpty(dataDir);
    }
    config = await imageConfig(TAG);
    inspected = await ImageContainer.create(TAG);
    containers.push(inspected);
    rootfs = await inspected.mount();
    db = await createTestDatabase(parts.postgresUrl);
    console.log(`image ${TAG}: ${(image.bytes / 1e6).toFixed(1)} MB, built in ${image.seconds.toFixed(0)} s`);
  }, 30 * 60_000);

  afterAll(async () => {
    for (const service of running) if (service.running) service.kill();
    await Promise.all(running.map((service) => service.exit()));
    for (const container of containers) await container.remove();
    await buildah(['rmi', TAG]).catch(() => undefined);
    await db?.drop();
  }, 60_000);

  it(`is at most ${MAX_IMAGE_BYTES / 1e6} MB unpacked`, () => {
    expect(image.bytes).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
  });

  it('starts tini, which starts the service; serve is the default command', () => {
    expect(config.Entrypoint).toEqual(ENTRYPOINT);
    expect(config.Cmd).toEqual(['serve']);
    expect(config.WorkingDir).toBe('/app');
    expect(config.Env).toEqual(expect.arrayContaining(['NODE_ENV=production', 'PLAINT_DATA_DIR=/var/lib/plaint', 'PLAINT_METRICS_HOST=0.0.0.0']));
    expect(Object.keys(config.ExposedPorts).sort()).toEqual(['3000/tcp', '9464/tcp']);
    expect(config.Labels).toMatchObject({ 'org.opencontainers.image.title': 'Plaint', 'org.opencontainers.image.licenses': 'Apache-2.0' });
    expect(config.Labels['org.opencontainers.image.revision']).toMatch(/^[0-9a-f]{40}$/);
  });

  it('runs as 10001:10001, which owns the data directory and nothing of the app', async () => {
    expect(config.User).toBe('10001:10001');
    const probe = inspected.start([
      'node',
      '-e',
      "const fs = require('node:fs'); fs.writeFileSync('/var/lib/plaint/probe', 'x'); let app = 'read-only'; try { fs.writeFileSync('/app/dist/probe', 'x'); app = 'writable'; } catch {} console.log(JSON.stringify({ uid: process.getuid(), gid: process.getgid(), app }))",
    ]);
    expect(await probe.exit()).toBe(0);
    expect(JSON.parse(probe.log.trim().split('\n').pop() ?? '{}')).toEqual({ uid: 10001, gid: 10001, app: 'read-only' });
    expect(statSync(join(rootfs, 'var/lib/plaint')).uid).toBe(10001);
  });

  it('has no shell or package manager, only node and tini to run', () => {
    for (const path of ['bin/sh', 'usr/bin/sh', 'bin/bash', 'usr/bin/bash', 'usr/bin/apt-get', 'usr/bin/dpkg', 'usr/local/bin/npm']) {
      expect({ path, present: existsSync(join(rootfs, path)) }).toEqual({ path, present: false });
    }
    expect(readdirSync(join(rootfs, 'usr/local/bin'))).toEqual(['node']);
    expect(readdirSync(join(rootfs, 'usr/bin'))).toEqual(['tini']);
  });

  it('is built from a context without ./data, node_modules, dist, .git or tests', () => {
    expect(context).toContain('apps/plaint/src/main.ts');
    expect(context.filter((file) => file.includes(marker))).toEqual([]);
    expect(context.filter((file) => /^(data|node_modules|dist|\.git|test|coverage)(\/|$)/.test(file))).toEqual([]);
    expect(context.filter((file) => /\.(spec|int-spec|e2e-spec)\.ts$/.test(file))).toEqual([]);
  });

  it('holds no customer data, sources, tests or dev dependencies', () => {
    const files = readdirSync(rootfs, { recursive: true, encoding: 'utf8' });
    expect(files).toContain('app/dist/apps/plaint/src/main.js');
    expect(files.filter((file) => file.includes(marker))).toEqual([]);
    expect(files.filter((file) => file.startsWith('app/dist/') && /\.(ts|map)$/.test(file))).toEqual([]);
    expect(files.filter((file) => /^app\/(apps|libs|test|src)\//.test(file))).toEqual([]);
    expect(existsSync(join(rootfs, 'app/node_modules/jest'))).toBe(false);
    expect(existsSync(join(rootfs, 'app/node_modules/typescript'))).toBe(false);
    expect(existsSync(join(rootfs, 'app/dist/desk/index.html'))).toBe(true);
  });

  describe.each(['core', 'ingest-chat'])('PLAINT_APP=%s from the image', (app) => {
    let service: ContainerProcess;
    let port: number;
    let env: Record<string, string>;

    it('becomes ready against Kafka and PostgreSQL, and its HEALTHCHECK passes', async () => {
      const container = await ImageContainer.create(TAG);
      containers.push(container);
      port = await freePort();
      env = serviceEnv(parts, newInstallation(db.url), app, {
        PORT: String(port),
        HOST: '127.0.0.1',
        PLAINT_METRICS_PORT: String(await freePort()),
        PLAINT_METRICS_HOST: '127.0.0.1',
        // Without a PID namespace tini is not PID 1 here; as a subreaper it still reaps orphans.
        TINI_SUBREAPER: '1',
      });
      const started = Date.now();
      service = container.start([...config.Entrypoint, ...config.Cmd], env);
      running.push(service);
      await waitFor(
        () => (service.running ? probe(port, '/health/ready').catch(() => 0) : Promise.reject(new Error(`the service exited:\n${service.log}`))),
        (status) => status === 200,
        { timeoutMs: 90_000, intervalMs: 100, what: `${app} from the image to answer /health/ready with 200` },
      );
      console.log(`PLAINT_APP=${app} from the image: ready ${Date.now() - started} ms after start`);

      const [entry, nodeProcess] = [service.processes().find((p) => p.argv[0] === '/usr/bin/tini'), service.processes().find((p) => p.argv[0] === 'node')];
      expect(entry).toMatchObject({ uid: 10001 });
      expect(nodeProcess).toMatchObject({ ppid: entry?.pid, uid: 10001, argv: ['node', '/app/dist/apps/plaint/src/main.js', 'serve'] });

      const healthcheck = config.Healthcheck?.Test ?? [];
      expect(healthcheck.slice(0, 2)).toEqual(['CMD', 'node']);
      const check = container.start(healthcheck.slice(1), { PORT: String(port) });
      expect(await check.exit()).toBe(0);
    }, 180_000);

    it('stops on SIGTERM to tini', async () => {
      const nodePid = service.processes().find((p) => p.argv[0] === 'node')?.pid;
      expect(nodePid).toBeDefined();
      const started = Date.now();
      service.signal('/usr/bin/tini', 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), STOP_WITHIN_MS)));
      const code = await Promise.race([service.exit(), deadline]).finally(() => clearTimeout(timer));
      // tini hands SIGTERM to node, which finishes its work and exits 0; 143 (128 + 15) would be
      // a node killed by the signal, without its graceful stop.
      expect(code).toBe(0);
      console.log(`PLAINT_APP=${app} from the image: stopped ${Date.now() - started} ms after SIGTERM, exit ${code}`);
      expect(processExists(nodePid ?? 0)).toBe(false);
      await expect(probe(port, '/health/live')).rejects.toThrow();
    }, STOP_WITHIN_MS + 10_000);
  });

  it('docker/compose.yaml runs every service from the one image, each with its PLAINT_APP', () => {
    // Compose reads YAML 1.1, whose merge keys (<<) the file uses to share the services' settings.
    const compose = load(readFileSync(join(ROOT, 'docker', 'compose.yaml'), 'utf8'), { schema: YAML11_SCHEMA }) as {
      services: Record<string, { image?: string; build?: unknown; command?: unknown; environment?: Record<string, string> }>;
    };
    const plaint = Object.entries(compose.services).filter(([, service]) => service.environment?.PLAINT_APP !== undefined);
    const images = new Set(plaint.map(([, service]) => service.image));
    expect(images.size).toBe(1);
    expect(plaint.map(([, service]) => service.environment?.PLAINT_APP).sort()).toEqual([...APP_NAMES].sort());
    expect(compose.services.migrate).toMatchObject({ image: [...images][0], command: ['migrate'] });
  });
});

function rmdirIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function probe(port: number, path: string): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) })).status;
}
