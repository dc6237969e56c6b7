import { DAILY_OUTCOMES, type DailyCount } from '../shared/admin-console';

const LABELS = { delivered: 'Delivered', duplicate: 'Duplicate', held: 'Held', failed: 'Failed (dead letter)' } as const satisfies Record<
  (typeof DAILY_OUTCOMES)[number],
  string
>;

const WIDTH = 720;
const HEIGHT = 200;
const AXIS = 28;

/**
 * Leads per day by outcome as stacked bars in inline SVG: no chart library (nothing to keep up to
 * date, a few hundred bytes), drawn under the console's strict CSP with classes only, and read
 * out as a table for anyone who cannot see it.
 */
export function DailyChart(props: { days: readonly DailyCount[] }) {
  const { days } = props;
  const totals = days.map((d) => DAILY_OUTCOMES.reduce((sum, o) => sum + d[o], 0));
  const max = Math.max(1, ...totals);
  const slot = (WIDTH - AXIS) / Math.max(1, days.length);
  const bar = Math.max(2, slot * 0.7);
  const scale = (n: number) => (n / max) * (HEIGHT - 20);
  const sum = totals.reduce((a, b) => a + b, 0);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 20}`} role="img" aria-labelledby="chart-title chart-desc" focusable="false">
        <title id="chart-title">Leads per day by outcome, last {days.length} days</title>
        <desc id="chart-desc">
          {sum} leads in {days.length} days; the most on one day: {max === 1 && sum === 0 ? 0 : max}. The table below has every day.
        </desc>
        <line class="axis" x1={AXIS} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} />
        <text class="tick" x={AXIS - 4} y={HEIGHT} text-anchor="end">
          0
        </text>
        <text class="tick" x={AXIS - 4} y={HEIGHT - scale(max) + 10} text-anchor="end">
          {max}
        </text>
        {days.map((day, i) => {
          let y = HEIGHT;
          const x = AXIS + i * slot + (slot - bar) / 2;
          return (
            <g key={day.day}>
              {DAILY_OUTCOMES.map((outcome) => {
                const h = scale(day[outcome]);
                if (h === 0) return null;
                y -= h;
                return (
                  <rect class={`bar bar-${outcome}`} x={x} y={y} width={bar} height={h}>
                    <title>
                      {day.day}: {day[outcome]} {LABELS[outcome].toLowerCase()}
                    </title>
                  </rect>
                );
              })}
              {(days.length - 1 - i) % 7 === 0 && (
                <text class="tick" x={x + bar / 2} y={HEIGHT + 14} text-anchor="middle">
                  {day.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {DAILY_OUTCOMES.map((outcome) => (
            <li key={outcome}>
              <span class={`swatch bar-${outcome}`} aria-hidden="true" /> {LABELS[outcome]}
            </li>
          ))}
        </ul>
      </figcaption>
      <details>
        <summary>The chart as a table</summary>
        <table class="daily">
          <caption>Leads per day by outcome</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              {DAILY_OUTCOMES.map((o) => (
                <th scope="col" class="num" key={o}>
                  {LABELS[o]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <th scope="row">{day.day}</th>
                {DAILY_OUTCOMES.map((o) => (
                  <td class="num" key={o}>
                    {day[o]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
