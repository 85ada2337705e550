import { Decimal } from "../../src/engine";

/** Exact sum of cell values (Excel numbers), through their decimal digits. */
export const exactSum = (values: readonly unknown[]): Decimal =>
  values.reduce<Decimal>((acc, v) => acc.plus(new Decimal(String(v))), new Decimal(0));

/** The engine's Decimals as the numbers Excel would show. */
export const asNumbers = (values: readonly Decimal[]): number[] => values.map((d) => d.toNumber());
