/**
 * A service's cost lines on the Attribution sheet (RULES.md §2, costs visited on their cause,
 * `003` ch. 11): lines across from column D, each line's amount from the Costs sheet, for each
 * partner whether it bears the line (1 or 0) and its part, =SHARED.APPORTION of the line over the
 * service's weights with the bearers as its include, so a TUPE burden falls only on the partners
 * that gave rise to it. A partner's cost share in the table above is the sum of its parts.
 */
import { ONE, ZERO } from "../../engine";
import type { MoneyCell } from "../inputs";
import type { ServiceResult } from "../outcome";
import { SheetBuilder, rangeText } from "./sheet";

export interface CostLinesLayout {
  amountRow: number;
  /** Per partner, in the service's order. */
  bearRows: number[];
  partRows: number[];
  firstColumn: number;
  lastColumn: number;
  lastRow: number;
}

/** Lines across from column D, as the by-year section has its years. */
export const COST_LINES_FROM = 4;

export function costLinesSection(
  b: SheetBuilder,
  s: ServiceResult,
  at: { start: number; weights: string; qualities: string; moneyRef: (cell: MoneyCell) => string },
): CostLinesLayout {
  const lines = s.costLines ?? [];
  const n = s.partners.length;
  const service = s.rule.service;
  b.text(
    at.start,
    1,
    `${service} cost lines (Costs sheet): each line shared only among the partners that bear it (RULES.md §2)`,
    "header",
  );
  const head = at.start + 1;
  b.headings(head, ["Service", "Partner", "Line"]);
  const column = (i: number): number => COST_LINES_FROM + i;
  lines.forEach((l, i) => b.text(head, column(i), l.entry.line ?? `Line ${i + 1}`, "header"));
  let next = head + 1;
  const amountRow = next++;
  const bearRows = Array.from({ length: n }, () => next++);
  const partRows = Array.from({ length: n }, () => next++);
  const label = (r: number, partner: string, what: string): void => {
    b.text(r, 1, service);
    b.text(r, 2, partner);
    b.text(r, 3, what);
  };
  label(amountRow, "Bearers", "Amount");
  s.partners.forEach((p, i) => {
    label(bearRows[i], p.partner, "Bears the line (1 = yes)");
    label(partRows[i], p.partner, "Share of the line");
  });
  const weights = absoluteRange(at.weights);
  const qualities = at.qualities === "" ? "" : `,${absoluteRange(at.qualities.slice(1))}`;
  lines.forEach((l, i) => {
    const c = column(i);
    const amount = rangeText(amountRow, c, amountRow);
    b.formula(amountRow, c, `=${at.moneyRef(l.entry.amount)}`, l.entry.amount.value, "total");
    l.bears.forEach((bears, k) => b.number(bearRows[k], c, bears ? ONE : ZERO, "number"));
    b.spill(
      partRows[0],
      c,
      `=SHARED.APPORTION(${amount},${weights}${qualities},${rangeText(bearRows[0], c, bearRows[n - 1])})`,
      l.parts.map((part) => [part]),
      "money",
    );
  });
  return {
    amountRow,
    bearRows,
    partRows,
    firstColumn: COST_LINES_FROM,
    lastColumn: column(Math.max(lines.length, 1) - 1),
    lastRow: next - 1,
  };
}

/** $E$6:$E$8: fixed both ways, as the by-year section writes its weights. */
const absoluteRange = (range: string): string => range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
