import { useEffect, useId, useRef, type ReactNode } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { useT } from '../app/i18n';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
  Filler,
);

/** The app's chart colours (colour-blind safe pairs; text contrast is carried by the tables). */
export const PALETTE = {
  blue: '#2563eb',
  orange: '#d97706',
  green: '#15803d',
  red: '#b91c1c',
  grey: '#6b7280',
  purple: '#7c3aed',
} as const;

/** Vertical dashed lines at the given category labels (price changes on a monthly axis). */
export function markerPlugin(labels: string[], color = PALETTE.red): Plugin {
  return {
    id: 'markers',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x;
      if (!x || !labels.length) return;
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.setLineDash([4, 4]);
      ctx.lineWidth = 1.5;
      for (const label of labels) {
        const i = (chart.data.labels ?? []).indexOf(label);
        if (i < 0) continue;
        const px = x.getPixelForValue(i);
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
      }
      ctx.restore();
    },
  };
}

export interface ChartTable {
  head: string[];
  rows: (string | number)[][];
}

/**
 * A chart.js chart in a figure with its text alternative: the canvas is an image named by the
 * summary sentence, which is also shown under it, and the figures behind it are one click away
 * in a table. Charts do not animate (they show at once, and print as they are).
 */
export function ChartFigure({
  title,
  summary,
  config,
  table,
  children,
  height = 220,
}: {
  title: string;
  summary: string;
  config: ChartConfiguration;
  table: ChartTable;
  children?: ReactNode;
  height?: number;
}) {
  const { t } = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const id = useId();

  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options },
    });
    return () => chart.destroy();
  }, [config]);

  return (
    <figure className="chart-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="chart-box" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      <figcaption>{summary}</figcaption>
      {children}
      <details className="no-print">
        <summary>{t('insights.showTable')}</summary>
        <table className="chart-table">
          <thead>
            <tr>
              {table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {c}
                    </th>
                  ) : (
                    <td key={j}>{c}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/**
 * Bars on the left axis with a line on the right one (a count and a rate month by month): the
 * shape of the active-customers and the value-lost charts.
 */
export function barAndLineConfig(c: {
  labels: string[];
  bar: { label: string; data: (number | null)[]; color: string; axis: string };
  line: { label: string; data: (number | null)[]; color: string; axis: string };
}): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: c.labels,
      datasets: [
        // the line is drawn over the bars (a lower order is drawn later), never hidden behind one
        { type: 'bar', label: c.bar.label, data: c.bar.data, backgroundColor: c.bar.color, yAxisID: 'y', order: 2 },
        {
          type: 'line',
          label: c.line.label,
          data: c.line.data,
          borderColor: c.line.color,
          backgroundColor: c.line.color,
          yAxisID: 'y1',
          order: 1,
        },
      ],
    },
    options: {
      scales: {
        y: { beginAtZero: true, title: { display: true, text: c.bar.axis } },
        y1: {
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          title: { display: true, text: c.line.axis },
        },
      },
    },
  };
}
