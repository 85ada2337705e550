/**
 * In-year variances and next-year adjustments on each partner's statement (issue 18, RULES.md
 * §3): each variance of a service the council takes part in, as it falls on that council, and
 * its total by financial year; across the partners' statements every variance's shares add up
 * exactly to the variance, the host-bears adjustments to zero, and each year's totals to the
 * partnership's. Worked out here from the Variances sheet's own lines, not from the statement.
 */
import { readFileSync } from "fs";
import { Decimal, ZERO, sum } from "../../../src/engine";
import { refText } from "../../../src/workbook/a1";
import { type Outcome, outcomeOf } from "../../../src/workbook/outcome";
import { readInputs } from "../../../src/workbook/read";
import { statementSheet, variancesOf } from "../../../src/workbook/statement";
import { readXlsx } from "../../../src/xlsx/read";

let outcome: Outcome;
beforeAll(async () => {
  const read = readInputs(await readXlsx(readFileSync("assets/sample.xlsx")));
  outcome = outcomeOf(read.inputs!).outcome!;
});

const key = (d: Decimal): string => d.toFixed(2);

describe("variances on the partners' statements (the sample)", () => {
  it("the sample has variances, among them a host-bears one with next-year adjustments", () => {
    expect(outcome.variances!.items.length).toBeGreaterThan(1);
    expect(outcome.variances!.items.some((v) => v.cause === "indirect-host")).toBe(true);
  });

  it("every variance's shares add up exactly to it, and its adjustments to zero, across the statements", () => {
    const items = outcome.variances!.items;
    const perPartner = outcome.partners.map((p) => variancesOf(outcome, p).rows);
    items.forEach((item) => {
      const service = outcome.services[item.service].rule.service;
      const cell = `${item.entry.amount.at.sheet}!`;
      const rows = perPartner.flatMap((rows) =>
        rows.filter(
          (r) =>
            r.service === service &&
            r.year === item.entry.year.value &&
            r.cellAt.startsWith(cell) &&
            r.amount.eq(item.entry.amount.value),
        ),
      );
      // One row on the statement of each partner of the service.
      expect(rows.length).toBeGreaterThanOrEqual(outcome.services[item.service].partners.length);
    });
    // By the Amount cell: the shares of each variance across all statements.
    const byCell = new Map<string, { amount: Decimal; inYear: Decimal; adjustment: Decimal; partners: number }>();
    for (const rows of perPartner)
      for (const r of rows) {
        const was = byCell.get(r.cellAt) ?? { amount: r.amount, inYear: ZERO, adjustment: ZERO, partners: 0 };
        expect(r.amount.eq(was.amount)).toBe(true);
        byCell.set(r.cellAt, {
          ...was,
          inYear: was.inYear.plus(r.inYear),
          adjustment: was.adjustment.plus(r.adjustment),
          partners: was.partners + 1,
        });
      }
    expect(byCell.size).toBe(items.length);
    for (const item of items) {
      const got = byCell.get(refText(item.entry.amount.at))!;
      expect(got.partners).toBe(outcome.services[item.service].partners.length);
      expect(key(got.inYear)).toBe(key(item.entry.amount.value));
      expect(key(got.adjustment)).toBe("0.00");
    }
  });

  it("each council's total by year adds up, over the councils, to the variances arising in that year", () => {
    const years = outcome.variances!.years;
    const arising = years.map((y) =>
      sum(outcome.variances!.items.filter((v) => v.entry.year.value === y).map((v) => v.entry.amount.value)),
    );
    const all = outcome.partners.map((p) => variancesOf(outcome, p));
    for (const v of all) {
      expect(v.years).toEqual(years);
      expect(v.partnershipByYear.map(key)).toEqual(arising.map(key));
    }
    years.forEach((_, y) => expect(key(sum(all.map((v) => v.byYear[y])))).toBe(key(arising[y])));
    // And each council's by-year total is its rows': in-year shares in the year, adjustments the year after.
    for (const v of all) {
      const fromRows = years.map((y) =>
        sum(v.rows.flatMap((r) => [...(r.year === y ? [r.inYear] : []), ...(r.nextYear === y ? [r.adjustment] : [])])),
      );
      expect(v.byYear.map(key)).toEqual(fromRows.map(key));
    }
  });

  it("is on the statement sheet as a section of its own, its rows as the figures give them, naming no other council", () => {
    for (const partner of outcome.partners) {
      const { sheet } = statementSheet(outcome, partner, { when: "now", source: "sample.xlsx" });
      const texts = sheet.rows.map((row) => row.map((c) => (c?.kind === "text" ? c.text : "")));
      const heading = texts.findIndex((t) => (t[0] ?? "").startsWith("3. In-year variances and next-year adjustments"));
      expect(heading).toBeGreaterThan(0);
      const { rows } = variancesOf(outcome, partner);
      rows.forEach((r, i) => {
        const cells = sheet.rows[heading + 2 + i];
        expect(texts[heading + 2 + i].slice(0, 3)).toEqual([r.service, r.year, r.cause]);
        const n = (c: number): string => {
          const cell = cells[c - 1];
          return cell?.kind === "number" ? key(cell.value) : cell?.kind === "formula" ? key(cell.value as Decimal) : "";
        };
        expect([n(4), n(5), n(6), n(9)]).toEqual([
          key(r.amount),
          key(r.expected),
          key(r.inYear),
          key(r.inYear.plus(r.adjustment)),
        ]);
        if (r.nextYear) expect(n(8)).toBe(key(r.adjustment));
        const formula = cells[8];
        expect(formula?.kind === "formula" && formula.formula).toMatch(/^=ROUND\(F\d+\+H\d+,2\)$/);
      });
      const others = outcome.partners.filter((p) => p !== partner);
      for (const r of rows) for (const o of others) expect(r.cause).not.toContain(o);
    }
  });

  it("a council with no variance in its services says so", () => {
    const none = { ...outcome, variances: undefined };
    const { sheet } = statementSheet(none, outcome.partners[0], { when: "now", source: "sample.xlsx" });
    const texts = sheet.rows.map((row) => (row[0]?.kind === "text" ? row[0].text : ""));
    expect(texts).toContain("3. In-year variances: none in the Variances sheet for this council's services.");
  });
});
