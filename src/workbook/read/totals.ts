/**
 * Totals reconciled: a Budget sheet copied from a report often carries its own "Total" rows and
 * columns. The add-in adds up the lines itself and never reads a total as a line, but a total that
 * does not equal its lines means a line was mistyped (or the total was), so it is a warning at the
 * total's cell with both figures. A "Total" row checks the lines since the previous total row (a
 * "Grand total" row every line above it); a "Total" column checks the partners' cells in its row.
 */
import { Decimal, ZERO } from "../../engine";
import { cellAt, isBlankCell } from "../grid";
import type { Units } from "../inputs";
import { pounds } from "../format";
import { Reading, dateShown, fromExcelNumber, ref, report } from "./cells";

interface Running {
  sum: Decimal;
  first?: number;
  last?: number;
  /** A cell in the run could not be read: its own problem says so, and no total is checked against it. */
  broken: boolean;
}

const fresh = (): Running => ({ sum: ZERO, broken: false });

/** What a cell holds as pounds, if it is a plain number (a total's text or error is not checked). */
function amountAt(r: Reading, row: number, column: number, units: Units): Decimal | undefined {
  const value = cellAt(r.grid, row, column);
  if (typeof value !== "number" || !Number.isFinite(value) || dateShown(r, ref(r.grid.name, row, column)) !== undefined)
    return undefined;
  const n = fromExcelNumber(value);
  return units === "thousands" ? n.times(1000) : n;
}

const rows = (run: Running): string =>
  run.first === run.last ? `row ${run.first}` : `rows ${run.first} to ${run.last}`;

function differs(total: Decimal, lines: Decimal): string {
  const gap = total.minus(lines);
  return `${pounds(gap.abs())} ${gap.isNegative() ? "less" : "more"} than the lines`;
}

const FIX = "Check the lines and the total: the add-in adds up the lines and does not read the total.";

export class TotalsCheck {
  private section = new Map<number, Running>();
  private all = new Map<number, Running>();

  constructor(
    private readonly r: Reading,
    /** The money columns and whose they are ("Westminster", or "the Baseline column"). */
    private readonly columns: readonly { column: number; whose: string }[],
    /** Each column's unit (README "Input template": its heading's, else the title's, else pounds). */
    private readonly unitOf: (column: number) => Units,
  ) {}

  /** A line row: each money column's amount as read, or undefined where it could not be read (blank cells count for nothing). */
  line(row: number, amounts: ReadonlyMap<number, Decimal>): void {
    for (const { column } of this.columns) {
      const blank = isBlankCell(cellAt(this.r.grid, row, column));
      for (const runs of [this.section, this.all]) {
        const run = runs.get(column) ?? fresh();
        runs.set(column, run);
        if (blank) continue;
        const amount = amounts.get(column);
        if (amount === undefined) run.broken = true;
        else run.sum = run.sum.plus(amount);
        run.first ??= row;
        run.last = row;
      }
    }
  }

  /** A "Total…" row: each money column's total against the lines it totals. */
  total(row: number, label: string): void {
    const grand = /^grand/i.test(label.trim());
    for (const { column, whose } of this.columns) {
      const run = (grand ? this.all : this.section).get(column);
      const total = amountAt(this.r, row, column, this.unitOf(column));
      if (run === undefined || run.first === undefined || run.broken || total === undefined || total.equals(run.sum))
        continue;
      report(
        this.r,
        ref(this.r.grid.name, row, column),
        `"${label}" (row ${row}) gives ${pounds(total)} for ${whose}, but the lines it totals (${rows(run)}) add up to ${pounds(run.sum)}: the total is ${differs(total, run.sum)}.`,
        FIX,
        "§1",
        "warning",
      );
    }
    this.section = new Map();
  }

  /** A wide layout's "Total" column on a line row: against the partners' amounts in that row. */
  totalColumn(row: number, column: number, heading: string, amounts: ReadonlyMap<number, Decimal>): void {
    const total = amountAt(this.r, row, column, this.unitOf(column));
    if (total === undefined) return;
    let sum = ZERO;
    for (const { column: c } of this.columns) {
      if (isBlankCell(cellAt(this.r.grid, row, c))) continue;
      const amount = amounts.get(c);
      if (amount === undefined) return;
      sum = sum.plus(amount);
    }
    if (total.equals(sum)) return;
    report(
      this.r,
      ref(this.r.grid.name, row, column),
      `"${heading}" in row ${row} is ${pounds(total)}, but the partners' amounts in the row add up to ${pounds(sum)}: the total is ${differs(total, sum)}.`,
      FIX,
      "§1",
      "warning",
    );
  }
}
