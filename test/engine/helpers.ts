import { Amount, Decimal, RuleError, yearSequence } from "../../src/engine";

/** Decimals as plain strings with two places, for readable expectations. */
export const pounds = (values: readonly Decimal[]): string[] => values.map((v) => v.toFixed(2));

/** Exact sum of Decimals. */
export const total = (values: readonly Decimal[]): Decimal => values.reduce((a, b) => a.plus(b), new Decimal(0));

/** Runs `run`, expecting a RuleError with this code and exactly this message. */
export function expectRuleError(run: () => unknown, code: string, message: string): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(RuleError);
  expect((caught as RuleError).code).toBe(code);
  expect((caught as RuleError).message).toBe(message);
}

/** A profile from a first year and one value per year: byYear("2011/12", [1, 2]). */
export const byYear = (first: string, values: readonly Amount[]): { year: string; amount: Amount }[] =>
  yearSequence(first, values.length).map((year, i) => ({ year, amount: values[i] }));
