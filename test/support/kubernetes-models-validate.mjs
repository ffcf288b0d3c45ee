// Validates Kubernetes objects against the schemas that the kubernetes-models packages bundle:
// the Kubernetes API itself, CloudNativePG and the Prometheus operator. Those packages are ES
// modules only, which Jest's CommonJS registry cannot load, so test/k8s-manifests.int-spec.ts
// runs this file with Node: a JSON array of objects on stdin, and on stdout a JSON array with,
// for each object in order, null when it is valid, else what is wrong.
const PACKAGES = [
  { groups: /^postgresql\.cnpg\.io$/, module: (group, version) => `@kubernetes-models/cloudnative-pg/${group}/${version}` },
  { groups: /^monitoring\.coreos\.com$/, module: (group, version) => `@kubernetes-models/prometheus-operator/${group}/${version}` },
  { groups: /^(core|[a-z0-9.]*k8s\.io|apps|batch|autoscaling|policy)$/, module: (group, version) => (group === 'core' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`) },
];

async function problem(object) {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['core', object.apiVersion];
  const known = PACKAGES.find(({ groups }) => groups.test(group));
  if (!known) return `no schema for ${object.apiVersion}`;
  let models;
  try {
    models = await import(known.module(group, version));
  } catch {
    return `no schema for ${object.apiVersion}`;
  }
  const Model = models[object.kind];
  if (!Model) return `no schema for ${object.kind} in ${object.apiVersion}`;
  try {
    new Model(object).validate();
    return null;
  } catch (error) {
    return error.message;
  }
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const objects = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const results = [];
for (const object of objects) results.push(await problem(object));
process.stdout.write(JSON.stringify(results));
