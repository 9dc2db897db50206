// A horizontal bar chart in plain SVG (no chart library): one bar per row, its label on
// the left and its number as text on the right, so the numbers are there to read, not
// only to see; the chart has a title and description (role="img", aria-labelledby), and
// each bar a <title> in words.

export interface Bar {
  label: string;
  value: number;
  /** the bar in words (its tooltip and accessible text) */
  title: string;
}

const ROW = 22;
const LABEL_W = 210;
const BAR_W = 260;
const NUM_W = 48;

export function BarChart({ id, title, desc, bars }: { id: string; title: string; desc: string; bars: readonly Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 4;
  const width = LABEL_W + BAR_W + NUM_W;
  return (
    <figure class="chart" data-testid={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
        <desc id={`${id}-desc`}>{`${desc}. ${bars.map((b) => b.title).join('; ')}`}</desc>
        {bars.map((b, i) => {
          const y = i * ROW + 2;
          const w = b.value === 0 ? 0 : Math.max(2, Math.round((b.value / max) * BAR_W));
          return (
            <g key={b.label} class="bar" data-value={b.value}>
              <title>{b.title}</title>
              <text x={LABEL_W - 6} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle" class="bar-label">
                {b.label.length > 16 ? `${b.label.slice(0, 15)}…` : b.label}
              </text>
              <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 6} rx="2" class="bar-fill" />
              <text x={LABEL_W + w + 4} y={y + ROW / 2} dominant-baseline="middle" class="bar-value">
                {b.value}
              </text>
            </g>
          );
        })}
      </svg>
      <p class="muted hint">{desc}</p>
    </figure>
  );
}
