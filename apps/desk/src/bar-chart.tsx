import { useId } from 'preact/hooks';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

/** The chart's size in CSS pixels at most; on a narrow screen it shrinks to fit (desk.css). */
const ROW = 28;
const LABEL_WIDTH = 170;
const BAR_SPACE = 260;
const VALUE_SPACE = 50;

/**
 * Horizontal bars drawn as SVG elements, one row a value. The chart is an image with a title and
 * a description that reads out every figure; the same numbers stand in a table next to it, so
 * nothing is said by the length of a bar alone. Colours come from classes in desk.css.
 */
export function BarChart({
  title,
  bars,
  testId,
  scale,
  description,
  labelWidth = LABEL_WIDTH,
}: {
  title: string;
  bars: Bar[];
  testId: string;
  /** The value a full bar stands for, so that several charts compare; the largest bar by default. */
  scale?: number;
  /** What is read out; every bar's label and value by default. */
  description?: string;
  /** Room for the labels, for charts whose labels are all short (dates). */
  labelWidth?: number;
}) {
  const id = useId();
  const largest = Math.max(1, scale ?? 0, ...bars.map((bar) => bar.value));
  const height = Math.max(1, bars.length) * ROW;
  return (
    <svg
      class="chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      width={labelWidth + BAR_SPACE + VALUE_SPACE}
      height={height}
      viewBox={`0 0 ${labelWidth + BAR_SPACE + VALUE_SPACE} ${height}`}
      preserveAspectRatio="xMinYMin meet"
      data-testid={testId}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description ?? bars.map((bar) => `${bar.label}: ${bar.value}`).join('; ')}</desc>
      {bars.map((bar, index) => {
        const y = index * ROW;
        const width = bar.value === 0 ? 0 : Math.max(2, (bar.value / largest) * BAR_SPACE);
        return (
          <g key={bar.key} class={`bar bar-${bar.key}`} data-key={bar.key} data-value={bar.value}>
            <text class="bar-label" x={labelWidth - 8} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle">
              {bar.label}
            </text>
            <rect x={labelWidth} y={y + 5} width={width} height={ROW - 10} rx={3} />
            <text class="bar-value" x={labelWidth + width + 6} y={y + ROW / 2} dominant-baseline="middle">
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The chart's figures as a table, for reading exactly and for assistive technology. */
export function BarTable({ caption, head, bars, testId }: { caption: string; head: [string, string]; bars: Bar[]; testId: string }) {
  return (
    <table class="figures" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head[0]}</th>
          <th scope="col">{head[1]}</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => (
          <tr key={bar.key} data-key={bar.key}>
            <th scope="row">{bar.label}</th>
            <td>{bar.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
