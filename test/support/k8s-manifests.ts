import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { load, loadAll } from 'js-yaml';

export const K8S_DIR = join(__dirname, '..', '..', 'k8s');

/** A rendered object, as far as the checks read it; the schemas check the rest. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** `kubectl kustomize` of a directory under k8s/: what `kubectl apply -k` would send. */
export function render(dir: string): K8sObject[] {
  const yaml = execFileSync('kubectl', ['kustomize', join(K8S_DIR, dir)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return (loadAll(yaml) as (K8sObject | null)[]).filter((object): object is K8sObject => object !== null);
}

/**
 * Each object's problems by the schemas of the kubernetes-models packages (Kubernetes,
 * CloudNativePG, Prometheus operator): null when valid. Those packages are ES modules only, so
 * a Node child process does the validating (kubernetes-models-validate.mjs).
 */
export function kubernetesModelsProblems(objects: K8sObject[]): (string | null)[] {
  const out = execFileSync(process.execPath, [join(__dirname, 'kubernetes-models-validate.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as (string | null)[];
}

/** Where scripts/k8s/fetch-schemas.sh puts Strimzi's CRDs. */
export const STRIMZI_CRDS = join(process.env.PLAINT_CACHE_DIR || join(homedir(), '.cache', 'plaint'), 'strimzi-crds');

type JsonSchema = { [keyword: string]: unknown };

/**
 * Like the API server with strict field validation (kubectl's default): a field the schema does
 * not declare is an error, except where the schema keeps unknown fields (a topic's `config`).
 */
function refuseUnknownFields(schema: JsonSchema): JsonSchema {
  const copy: JsonSchema = { ...schema };
  if (copy.properties && copy.additionalProperties === undefined && !copy['x-kubernetes-preserve-unknown-fields']) copy.additionalProperties = false;
  for (const keyword of ['properties', 'patternProperties']) {
    const children = copy[keyword] as Record<string, JsonSchema> | undefined;
    if (children) copy[keyword] = Object.fromEntries(Object.entries(children).map(([name, child]) => [name, refuseUnknownFields(child)]));
  }
  for (const keyword of ['items', 'additionalProperties']) {
    const child = copy[keyword];
    if (child && typeof child === 'object') copy[keyword] = refuseUnknownFields(child as JsonSchema);
  }
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    const children = copy[keyword] as JsonSchema[] | undefined;
    if (children) copy[keyword] = children.map(refuseUnknownFields);
  }
  return copy;
}

interface Crd {
  spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: JsonSchema } }[] };
}

/** Validators for Strimzi's custom resources, by `apiVersion/kind`, from the fetched CRDs. */
export function strimziValidators(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validators = new Map<string, ValidateFunction>();
  for (const file of ['kafkatopic.yaml', 'kafka.yaml', 'kafkanodepool.yaml']) {
    let text: string;
    try {
      text = readFileSync(join(STRIMZI_CRDS, file), 'utf8');
    } catch {
      throw new Error(`${join(STRIMZI_CRDS, file)} is missing: run scripts/k8s/fetch-schemas.sh (scripts/test.sh does)`);
    }
    const crd = load(text) as Crd;
    for (const version of crd.spec.versions) {
      validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(refuseUnknownFields(version.schema.openAPIV3Schema)));
    }
  }
  return validators;
}

/** Each object's schema problems, null when valid: Strimzi's CRDs, or the kubernetes-models schemas. */
export function schemaProblems(objects: K8sObject[], strimzi: Map<string, ValidateFunction>): (string | null)[] {
  const isStrimzi = (object: K8sObject) => object.apiVersion.startsWith('kafka.strimzi.io/');
  const others = kubernetesModelsProblems(objects.filter((object) => !isStrimzi(object)));
  return objects.map((object) => {
    if (!isStrimzi(object)) return others.shift() ?? null;
    const validate = strimzi.get(`${object.apiVersion}/${object.kind}`);
    if (!validate) return `no schema for ${object.kind} in ${object.apiVersion}`;
    return validate(object) ? null : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('; ');
  });
}
