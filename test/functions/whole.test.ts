/**
 * SHARED.APPORTION's integer way (src/functions/whole.ts) against its full reading: the same
 * calls through `apportion` with the integer way switched off (mocked to decline) must give the
 * same parts, or the full reading's error where the integer way declined.
 */
import fc from "fast-check";
import { Decimal, splitDetail } from "../../src/engine";
import { excelWhole, fromExcelNumber } from "../../src/functions/cells";
import { apportion } from "../../src/functions/functions";
import * as whole from "../../src/functions/whole";
import { at, installRuntime } from "./runtime";

jest.mock("../../src/functions/whole", () => {
  const actual = jest.requireActual<typeof import("../../src/functions/whole")>("../../src/functions/whole");
  return { apportionWhole: jest.fn(actual.apportionWhole) };
});
const actual = jest.requireActual<typeof import("../../src/functions/whole")>("../../src/functions/whole");
const mocked = whole.apportionWhole as jest.MockedFunction<typeof whole.apportionWhole>;

installRuntime();

type Args = [unknown, unknown[][], unknown[][] | null, unknown[][] | null, unknown];

/** The call through the full reading (Decimal cells, the runner), as it was before whole.ts. */
function fullReading(args: Args): number[][] | { error: string } {
  mocked.mockReturnValueOnce(undefined);
  try {
    return apportion(args[0], args[1], args[2]!, args[3]!, args[4], at());
  } catch (error) {
    return { error: String((error as { message?: string }).message) };
  } finally {
    mocked.mockReset();
    mocked.mockImplementation(actual.apportionWhole);
  }
}

describe("numbers from Excel read straight into whole units (excelWhole)", () => {
  test("give the number fromExcelNumber reads, digit for digit, or decline", () => {
    const noisy = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 })).map(([n, k]) => {
      // Calculated cells: 0.1 + 0.2, 1.1 * 100, a third.
      const x = n / 10 ** k;
      return [x, x * 1.1, x + 0.1, x / 3][Math.abs(n) % 4];
    });
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: false }), noisy), (value) => {
        const places = excelWhole(value);
        if (places < 0) return;
        expect(new Decimal(excelWhole.units).dividedBy(10 ** places).toString()).toBe(
          fromExcelNumber(value).toString(),
        );
      }),
      { numRuns: 5000 },
    );
  });

  test("never decline a number typed with up to 15 digits and 15 places", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }),
        fc.integer({ min: 0, max: 15 }),
        (digits, places) => {
          const value = digits / 10 ** places;
          const found = excelWhole(value);
          expect(found).toBeGreaterThanOrEqual(0);
          expect(
            new Decimal(excelWhole.units).dividedBy(10 ** found).equals(new Decimal(digits).dividedBy(10 ** places)),
          ).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("-0, infinities and NaN", () => {
    expect(excelWhole(-0)).toBe(0);
    expect(Object.is(excelWhole.units, 0)).toBe(true);
    expect(excelWhole(Infinity)).toBe(-1);
    expect(excelWhole(NaN)).toBe(-1);
    expect(excelWhole(1e15)).toBe(-1); // 16 digits: fromExcelNumber's 15-digit reading decides
  });
});

/** Which integers the engine counts this call's split in, given its cells read as Decimals. */
function engineIntegers([amount, weights, quality, include, decimals]: Args): string {
  const cells = (m: unknown[][] | null) => m?.flat();
  const [w, q, i] = [cells(weights)!, cells(quality), cells(include)];
  const by = w.flatMap((x, k) => {
    if (i && !i[k]) return [];
    const factor = q === undefined || q[k] === null ? new Decimal(1) : fromExcelNumber(q[k] as number);
    return [fromExcelNumber(x as number).times(factor)];
  });
  const total = amount === null ? new Decimal(0) : fromExcelNumber(amount as number);
  return splitDetail(total, by, { decimals: (decimals as number | null) ?? 2 }).integers;
}

describe("SHARED.APPORTION: the integer way gives the full reading's parts", () => {
  /** Weights, factors and amounts as finance officers type them. */
  const typed = (most: number, places: number) => fc.integer({ min: 0, max: most }).map((n) => n / 10 ** places);
  const everyday = fc
    .integer({ min: 1, max: 24 })
    .chain((n) =>
      fc.tuple(
        fc.integer({ min: -(10 ** 11), max: 10 ** 11 }).map((p) => p / 100),
        fc.array(fc.oneof(typed(100_000, 2), typed(10 ** 9, 0), typed(9999, 4)), { minLength: n, maxLength: n }),
        fc.option(fc.array(fc.oneof(typed(150, 2), fc.constant(null)), { minLength: n, maxLength: n })),
        fc.option(fc.array(fc.oneof(fc.boolean(), fc.constantFrom(0, 1, 2)), { minLength: n, maxLength: n })),
        fc.constantFrom(null, 2, 0, 4),
        fc.boolean(),
      ),
    )
    .map(([amount, w, q, inc, decimals, column]): Args => {
      const shape = (xs: unknown[]): unknown[][] => (column ? xs.map((x) => [x]) : [xs]);
      // Whole pounds for decimals 0.
      const a = decimals === 0 ? Math.round(amount) : amount;
      return [a, shape(w), q && shape(q), inc && shape(inc), decimals];
    });

  test("on everyday calls the integer way answers, with exactly the full reading's parts", () => {
    fc.assert(
      fc.property(everyday, (args) => {
        const full = fullReading(args);
        const fast = actual.apportionWhole(...args);
        if ("error" in full) {
          // Only the cases the full reading refuses: all left out or all zero.
          expect(fast).toBeUndefined();
          return;
        }
        // Declining is right only where the engine itself counts in BigInt (a product reaching 2^53).
        if (fast === undefined) expect(engineIntegers(args)).toBe("bigint");
        else expect(fast).toEqual(full);
        expect(apportion(args[0], args[1], args[2]!, args[3]!, args[4], at())).toEqual(full);
      }),
      { numRuns: 1000 },
    );
  });

  test("on anything a cell can hold, the integer way declines or agrees, and APPORTION gives the full reading's answer", () => {
    const cell = fc.oneof(
      fc.double(),
      fc.integer({ min: -5, max: 1000 }),
      fc.constantFrom(null, "", "12", true, false, 0.1 + 0.2, 1e15, 1e-16, -0, 123456789012345.6),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        cell,
        row,
        fc.option(row),
        fc.option(row),
        fc.constantFrom(null, "", 2, 0, 1.5, 11, "2"),
        (a, w, q, i, d) => {
          const args: Args = [a, [w], q && [q], i && [i], d];
          const full = fullReading(args);
          const fast = actual.apportionWhole(...args);
          if (fast !== undefined) expect(fast).toEqual(full);
          let through: unknown;
          try {
            through = apportion(a, [w], (q && [q])!, (i && [i])!, d, at());
          } catch (error) {
            through = { error: String((error as { message?: string }).message) };
          }
          expect(through).toEqual(full);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("the seed examples through both ways", () => {
    // 003 ch. 9(a): £100,000 transitional cost by net reductions 281,000 / 80,000 / 70,000.
    const args: Args = [100000, [[281000, 80000, 70000]], null, null, null];
    expect(actual.apportionWhole(...args)).toEqual([[65197.22, 18561.48, 16241.3]]);
    expect(fullReading(args)).toEqual([[65197.22, 18561.48, 16241.3]]);
    // 000 §1.11: £120,000 in six.
    expect(actual.apportionWhole(120000, [[1, 1, 1, 1, 1, 1]], null, null, null)).toEqual([Array(6).fill(20000)]);
  });
});
