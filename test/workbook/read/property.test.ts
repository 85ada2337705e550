/** Any valid long-layout Budget reads back to the same per-partner, per-service sums, exactly. */
import fc from "fast-check";
import { Decimal } from "../../../src/engine";
import type { CellValue } from "../../../src/workbook/grid";
import { read } from "./workbook";

const PARTNERS = ["Hammersmith & Fulham", "Kensington & Chelsea", "Westminster", "Tower Hamlets"];
const SERVICES = ["Youth Offending Service", "Libraries", "Parking", "ICT"];

const line = fc.record({
  partner: fc.nat(PARTNERS.length - 1),
  service: fc.nat(SERVICES.length - 1),
  // Whole pence (or, in £000s, whole pence of the thousands) up to about £10bn: within 15 digits.
  pence: fc.bigInt(-(10n ** 12n), 10n ** 12n),
  // How the name is written: as on the first line, shouted, or padded.
  spelling: fc.constantFrom<(s: string) => string>(
    (s) => s,
    (s) => s.toUpperCase(),
    (s) => `  ${s.replace(" ", "  ")} `,
  ),
  blankRowBefore: fc.boolean(),
});

const key = (service: string, partner: string) => `${service.toLowerCase()}|${partner.toLowerCase()}`;

test("per-partner, per-service sums survive reading, in pounds or £000s, under a title or not", () => {
  fc.assert(
    fc.property(
      fc.array(line, { minLength: 1, maxLength: 40 }),
      fc.boolean(),
      fc.boolean(),
      (lines, thousands, title) => {
        const expected = new Map<string, Decimal>();
        const rows: CellValue[][] = title ? [["Service budgets 2011/12" + (thousands ? " (£000)" : "")], []] : [];
        rows.push(["Partner", "Service", thousands && !title ? "Baseline £k" : "Baseline", "Cost centre"]);
        lines.forEach((l, i) => {
          if (l.blankRowBefore) rows.push([null, "", null]);
          const pounds = new Decimal(l.pence.toString()).dividedBy(100);
          const written = thousands ? pounds.dividedBy(1000) : pounds;
          rows.push([l.spelling(PARTNERS[l.partner]), l.spelling(SERVICES[l.service]), written.toNumber(), `CC${i}`]);
          const k = key(SERVICES[l.service], PARTNERS[l.partner]);
          expected.set(k, (expected.get(k) ?? new Decimal(0)).plus(thousands ? pounds : pounds));
        });
        const services = [...new Set(lines.map((l) => SERVICES[l.service]))];
        const rules: CellValue[][] = [
          ["Service", "Basis", "New cost", "First year"],
          ...services.map((s) => [s, "equal", 0, "2011/12"]),
        ];
        const result = read({ Budget: rows, Rules: rules });
        expect(result.problems).toEqual([]);
        const budget = result.inputs?.budget;
        expect(budget?.units).toBe(thousands ? "thousands" : "pounds");
        const got = new Map<string, Decimal>();
        for (const b of budget?.lines ?? []) {
          const k = key(b.service, b.partner);
          got.set(k, (got.get(k) ?? new Decimal(0)).plus(b.baseline.value));
        }
        expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [k, v] of expected) expect(got.get(k)?.toFixed()).toBe(v.toFixed());
        // One spelling per partner: the first written.
        expect(new Set(budget?.lines.map((b) => b.partner)).size).toBe(new Set(lines.map((l) => l.partner)).size);
      },
    ),
    { numRuns: 200 },
  );
});
