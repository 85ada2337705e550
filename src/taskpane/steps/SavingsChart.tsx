import * as React from "react";
import { tokens } from "@fluentui/react-components";
import { Decimal } from "../../engine";
import { pounds } from "../../workbook/format";

export interface SavingsChartProps {
  years: readonly string[];
  values: readonly Decimal[];
  /** What the bars show, for the chart's accessible name. */
  title: string;
}

/**
 * A small column chart of one partner's figures by year, drawn in SVG (the pane needs no chart
 * library for this). A screen reader gets the figures from its label; the table beside it has them too.
 */
export function SavingsChart({ years, values, title }: SavingsChartProps): React.JSX.Element {
  const width = 280;
  const height = 120;
  const top = 8;
  const bottom = 20;
  const numbers = values.map((v) => v.toNumber()); // drawing only: the figures shown are the Decimals
  const max = Math.max(0, ...numbers);
  const min = Math.min(0, ...numbers);
  const span = max - min || 1;
  const plot = height - top - bottom;
  const y = (n: number): number => top + ((max - n) / span) * plot;
  const slot = width / Math.max(1, years.length);
  const label = `${title}: ${years.map((year, i) => `${year} ${pounds(values[i])}`).join("; ")}.`;

  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={label}>
      <line x1={0} x2={width} y1={y(0)} y2={y(0)} stroke={tokens.colorNeutralStroke1} strokeWidth={1} />
      {numbers.map((n, i) => {
        const x = i * slot + slot * 0.2;
        const barTop = Math.min(y(n), y(0));
        return (
          <g key={years[i]}>
            <rect
              x={x}
              y={barTop}
              width={slot * 0.6}
              height={Math.max(1, Math.abs(y(n) - y(0)))}
              fill={n < 0 ? tokens.colorPaletteRedBackground3 : tokens.colorBrandBackground}
            />
            <text
              x={x + slot * 0.3}
              y={height - 6}
              textAnchor="middle"
              fontSize={10}
              fill={tokens.colorNeutralForeground2}
            >
              {years[i]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
