/**
 * Phasing given as amounts rather than percentages (RULES.md §6, issue 17): the saving arriving in
 * each year as the reports print it, "2,700,000; 2,600,000; 3,360,000; 1,200,000" (the ICT
 * gross savings by year of `003` ch. 9(d), 9,860,000 in all). Items are separated by semicolons
 * (commas group the digits); each may be a range (£2.6m–£2.8m) and takes the scenario's figure
 * (RULES.md §1). That they add up to the service's saving is checked once the saving is known
 * (outcome/services.ts), at this cell.
 */
import { Decimal, type Scenario, parseRangeText, roundMoney } from "../../engine";
import { refText } from "../a1";
import { pounds } from "../format";
import { CellRef, cellAt } from "../grid";
import type { Units } from "../inputs";
import { Reading, report } from "./cells";
import { Read, parseAmountText } from "./rule-values";

const IN_THOUSANDS = /\s*(?:£\s*'?000'?s?|£\s*k|£\s*thousands?)\s*$/i;
const HAS_SCALE = /\d\s*(?:k|m|million|bn|billion)\b/i;

/**
 * A Phasing cell that holds amounts: text with no percentage that is a list by semicolons, or one
 * amount or range ("10, 45, 45" stays a percentage list, refused for its missing % signs).
 */
export function isAmountPhasing(r: Reading, at: CellRef): boolean {
  const value = cellAt(r.grid, at.row, at.column);
  if (typeof value !== "string" || !/\d/.test(value) || value.includes("%")) return false;
  return value.includes(";") || !("reason" in amountOf(value.trim(), "pounds", undefined));
}

/** The amounts of a Phasing cell, in pounds, each year's figure under the scenario read. */
export function readPhasingAmounts(r: Reading, at: CellRef, service: string, units: Units): Read<Decimal[]> {
  const value = String(cellAt(r.grid, at.row, at.column));
  const what = `Phasing for ${service}`;
  const fix =
    "Write each year's saving, separated by semicolons, adding up to the service's saving: 2,700,000; 2,600,000; 3,360,000; 1,200,000 (or percentages adding up to 100%: 10%, 45%, 45%).";
  const amounts: Decimal[] = [];
  for (const [i, written] of value
    .split(";")
    .map((s) => s.trim())
    .entries()) {
    if (written === "") {
      report(r, at, `${what} ("${value}") has an empty item.`, fix, "§6");
      return null;
    }
    const amount = amountOf(written, units, r.scenario);
    if ("reason" in amount) {
      report(r, at, `${what}: ${amount.reason}.`, fix, "§6");
      return null;
    }
    // A saving's range: the low scenario (the lower saving) takes its low end, as amountOf does.
    if (amount.range) r.ranges?.push({ at, what: `${what}, year ${i + 1}` });
    if (amount.range)
      r.notes.push(
        `${refText(at)}: ${what}, year ${i + 1}, is the range ${written} (low ${pounds(amount.range.low)}, mid ${pounds(amount.range.mid)}, ` +
          `high ${pounds(amount.range.high)}); the tables use ${pounds(amount.value)} (scenario ${r.scenario ?? "mid"}, RULES.md §1).`,
      );
    amounts.push(amount.value);
  }
  return amounts;
}

/** One item: an amount, or a range low–high taking the scenario's end (mid-range by default). */
function amountOf(
  written: string,
  units: Units,
  scenario: Scenario | undefined,
): { value: Decimal; range?: { low: Decimal; mid: Decimal; high: Decimal } } | { reason: string } {
  const thousands = IN_THOUSANDS.test(written) || units === "thousands";
  const text = written.replace(IN_THOUSANDS, "");
  const range = parseRangeText(text);
  if (range === undefined) return parseAmountText(text, thousands ? "thousands" : "pounds");
  const scale = HAS_SCALE.test(text) ? 1 : thousands ? 1000 : 1;
  const [low, high] = range.map((d) => d.times(scale));
  if (low.greaterThan(high))
    return { reason: `the range "${written}" is written backwards: its low end is above its high end` };
  if (low.decimalPlaces() > 2 || high.decimalPlaces() > 2)
    return { reason: `the range "${written}" has fractions of a penny` };
  const ends = { low, mid: roundMoney(low.plus(high).dividedBy(2)), high };
  return { value: ends[scenario ?? "mid"], range: ends };
}
