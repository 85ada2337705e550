import { Decimal } from "../../src/engine";

/** Decimals as plain strings with two places, for readable expectations. */
export const pounds = (values: readonly Decimal[]): string[] => values.map((v) => v.toFixed(2));

/** Exact sum of Decimals. */
export const total = (values: readonly Decimal[]): Decimal => values.reduce((a, b) => a.plus(b), new Decimal(0));
