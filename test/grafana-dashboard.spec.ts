/**
 * The Grafana dashboard (k8s/dashboards/plaint-overview.json) asks Prometheus only for metrics
 * the services export, grouped only by labels those metrics have: a renamed metric or label
 * would leave a panel silently empty.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportedMetrics } from './support/exported-metrics';

const DASHBOARD = join(__dirname, '..', 'k8s', 'dashboards', 'plaint-overview.json');
/** Metrics the dashboard takes from elsewhere: the Kafka exporter of the Kafka cluster. */
const EXTERNAL = new Map([['kafka_consumergroup_lag', ['consumergroup', 'topic', 'partition']]]);
/** Labels Prometheus adds to every series it scrapes, and a histogram's bucket bound. */
const SCRAPE_LABELS = ['job', 'pod', 'namespace', 'instance', 'le'];

interface Panel {
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr: string }[];
  panels?: Panel[];
}

function expressions(panels: Panel[]): { title: string; expr: string }[] {
  return panels.flatMap((panel) => [...(panel.targets ?? []).map(({ expr }) => ({ title: panel.title, expr })), ...expressions(panel.panels ?? [])]);
}

describe('Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[] };
  const queries = expressions(dashboard.panels);

  it('has panels, each query on a Prometheus data source variable', () => {
    expect(dashboard.uid).toBe('plaint-overview');
    expect(queries.length).toBeGreaterThan(15);
    const charts = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(charts.filter((panel) => panel.datasource?.type !== 'prometheus' || panel.datasource.uid !== '${datasource}').map((panel) => panel.title)).toEqual([]);
  });

  it('queries only metrics the services export, by labels they have', async () => {
    const known = new Map([...(await exportedMetrics()), ...EXTERNAL]);
    const problems: string[] = [];
    for (const { title, expr } of queries) {
      const used = [...expr.matchAll(/\b((?:plaint|process|nodejs|kafka)_[a-z0-9_]+)\b/g)].map((match) => match[1]!);
      expect(used.length).toBeGreaterThan(0);
      for (const name of used) if (!known.has(name)) problems.push(`${title}: no metric ${name}`);
      const grouped = [...expr.matchAll(/\bby \(([^)]*)\)/g)].flatMap((match) => match[1]!.split(',').map((label) => label.trim()));
      const selectors = [...expr.matchAll(/\{([^}]*)\}/g)].flatMap((match) => [...match[1]!.matchAll(/([a-z_]+)\s*[=!~]/g)].map((m) => m[1]!));
      for (const label of [...grouped, ...selectors]) {
        if (SCRAPE_LABELS.includes(label)) continue;
        if (!used.some((name) => known.get(name)?.includes(label))) problems.push(`${title}: no label ${label} on ${used.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
