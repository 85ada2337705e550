/**
 * The Tracker sheet: savings achieved per service, partner and year (RULES.md §7), for the
 * Realisation sheet. A blank Achieved is "not yet reported". Each line must be a service on the
 * Rules sheet and one of its partners.
 */
import { cellAt, isBlankCell } from "../grid";
import type { ServiceRule, TrackerLine, TrackerSheet } from "../inputs";
import { Reading, listed, nameKey, readMoney, readText, ref, report, rowIsBlank } from "./cells";
import type { Catalogue } from "./catalogue";
import { SheetColumns, readHeadings, readUnits, requireColumns, unitsText } from "./headings";
import { Canonical } from "./names";
import { readYear } from "./rule-values";
import { parseYear } from "../../engine";
import { roleLabel } from "./sheets";

export const TRACKER_COLUMNS: SheetColumns = {
  fields: ["service", "partner", "year", "achieved", "forecast", "revisedYear"],
  required: ["service", "partner", "year", "achieved"],
};

/** What the Tracker is checked against; undefined where the Rules or Budget could not be read. */
export interface Known {
  rules?: readonly ServiceRule[];
  services?: Catalogue;
}

export function readTracker(r: Reading, names: Canonical, known: Known): TrackerSheet | undefined {
  const sheet = r.grid.name;
  const headings = readHeadings(r, TRACKER_COLUMNS.fields, "Service, Partner, Year, Achieved");
  if (headings === undefined || !requireColumns(r, headings, TRACKER_COLUMNS.required)) return undefined;
  const c = headings.columns as Record<"service" | "partner" | "year" | "achieved", number> &
    Partial<Record<"forecast" | "revisedYear", number>>;
  const units = readUnits(r, headings, [c.achieved, ...(c.forecast === undefined ? [] : [c.forecast])]);
  const lines: TrackerLine[] = [];
  const seen = new Map<string, number>();
  const used = Object.values(c).filter((x): x is number => x !== undefined);
  for (let row = headings.row + 1; row <= r.grid.values.length; row++) {
    if (rowIsBlank(r.grid, row, used)) continue;
    const at = (column: number) => ref(sheet, row, column);
    const service = readText(r, at(c.service), "Service");
    const partner = readText(r, at(c.partner), "Partner");
    if (service === undefined)
      report(r, at(c.service), "This Tracker line has no Service.", "Enter it, or delete the line.");
    if (partner === undefined)
      report(r, at(c.partner), "This Tracker line has no Partner.", "Enter it, or delete the line.");
    const who = `${partner ?? "this line"}${service === undefined ? "" : `, ${service}`}`;
    const year = readYear(r, at(c.year), `Year for ${who}`, "§7");
    if (year === undefined)
      report(r, at(c.year), `Year for ${who} is blank.`, "Enter the financial year, like 2012/13.", "§7");
    const achieved = isBlankCell(cellAt(r.grid, row, c.achieved))
      ? undefined
      : (readMoney(r, at(c.achieved), `Achieved for ${who}`, units.of(c.achieved)) ?? null);
    const forecast =
      c.forecast === undefined || isBlankCell(cellAt(r.grid, row, c.forecast))
        ? undefined
        : (readMoney(r, at(c.forecast), `Forecast for ${who}`, units.of(c.forecast)) ?? null);
    const revised =
      c.revisedYear === undefined ? undefined : readYear(r, at(c.revisedYear), `Revised year for ${who}`, "§7");
    if (
      revised !== undefined &&
      revised !== null &&
      typeof year === "string" &&
      c.revisedYear !== undefined &&
      parseYear(revised) <= parseYear(year)
    ) {
      report(
        r,
        at(c.revisedYear),
        `Revised year for ${who} is ${revised}, not after its Year (${year}): a saving that slips moves to a later year.`,
        "Enter the later financial year the saving now arrives in, or leave Revised year blank.",
        "§7",
      );
      continue;
    }
    if (
      service === undefined ||
      partner === undefined ||
      year === undefined ||
      year === null ||
      achieved === null ||
      forecast === null ||
      revised === null
    )
      continue;
    const line: TrackerLine = {
      service: names.service(service),
      partner: names.partner(partner),
      year: { value: year, at: at(c.year) },
      ...(achieved === undefined ? {} : { achieved }),
      ...(forecast === undefined ? {} : { forecast }),
      ...(revised === undefined || c.revisedYear === undefined
        ? {}
        : { revisedYear: { value: revised, at: at(c.revisedYear) } }),
    };
    if (!isKnown(r, line, at(c.service), at(c.partner), known)) continue;
    const key = [line.service, line.partner, year].map(nameKey).join("\u0000");
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report(
        r,
        line.year.at,
        `${line.partner}, ${line.service}, ${year} is on the Tracker sheet twice (row ${earlier} and row ${row}).`,
        "Keep one line per service, partner and year: delete or merge the other.",
        "§7",
      );
      continue;
    }
    seen.set(key, row);
    lines.push(line);
  }
  r.notes.push(
    `${roleLabel("tracker", r.grid)}: headings in row ${headings.row}, ${lines.length} lines, ${unitsText(units.sheet)}.`,
  );
  return { sheet, headerRow: headings.row, units: units.sheet, lines };
}

/** The line's service is on the Rules sheet and its partner takes part in it. */
function isKnown(
  r: Reading,
  line: TrackerLine,
  serviceAt: TrackerLine["year"]["at"],
  partnerAt: TrackerLine["year"]["at"],
  known: Known,
): boolean {
  if (known.rules === undefined) return true;
  const rule = known.rules.find((x) => nameKey(x.service) === nameKey(line.service));
  if (rule === undefined) {
    report(
      r,
      serviceAt,
      `${line.service} is not a service on the Rules sheet.`,
      "Spell it as the Rules sheet does, or delete the line.",
      "§7",
    );
    return false;
  }
  const service = known.services?.get(nameKey(rule.service));
  const partners =
    rule.partners?.value.map((p) => p.partner) ?? [...(service?.partners.values() ?? [])].map((p) => p.name);
  if (rule.partners === undefined && (service === undefined || service.incomplete)) return true;
  if (!partners.some((p) => nameKey(p) === nameKey(line.partner))) {
    report(
      r,
      partnerAt,
      `${line.partner} is not a partner in ${line.service} (its partners are ${listed(partners)}).`,
      "Spell it as the Rules and Budget sheets do, or delete the line.",
      "§7",
    );
    return false;
  }
  return true;
}
