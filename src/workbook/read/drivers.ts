/**
 * The Drivers sheet: each partner's demand for a service (Quantity × Quality, the demand basis of
 * RULES.md §2) and any other measure a rule can name as its basis (Population…).
 */
import type { Decimal } from "../../engine";
import { CellRef, cellAt, isBlankCell } from "../grid";
import type { DriverLine, DriversSheet, FromCell } from "../inputs";
import { Reading, nameKey, readNonNegative, readText, ref, report, rowIsBlank } from "./cells";
import { SheetColumns, readHeadings, requireColumns } from "./headings";
import { Canonical } from "./names";
import { roleLabel } from "./sheets";

export const DRIVERS_COLUMNS: SheetColumns = {
  fields: ["service", "partner", "quantity", "quality"],
  required: ["service", "partner"],
};

export function readDrivers(r: Reading, names: Canonical): DriversSheet | undefined {
  const sheet = r.grid.name;
  const headings = readHeadings(r, DRIVERS_COLUMNS.fields, "Service, Partner, Quantity");
  if (headings === undefined || !requireColumns(r, headings, DRIVERS_COLUMNS.required)) return undefined;
  const c = headings.columns;
  const measures = headings.others.map((h) => ({ column: h.column, name: h.text }));
  const lines: DriverLine[] = [];
  const seen = new Map<string, number>();
  const used = [...Object.values(c), ...measures.map((m) => m.column)];
  for (let row = headings.row + 1; row <= r.grid.values.length; row++) {
    if (rowIsBlank(r.grid, row, used)) continue;
    const serviceAt = ref(sheet, row, c.service as number);
    const partnerAt = ref(sheet, row, c.partner as number);
    const service = readText(r, serviceAt, "Service");
    const partner = readText(r, partnerAt, "Partner");
    if (service === undefined)
      report(r, serviceAt, "This Drivers line has no Service.", "Enter it, or delete the line.");
    if (partner === undefined)
      report(r, partnerAt, "This Drivers line has no Partner.", "Enter it, or delete the line.");
    const who = `for ${partner ?? "this line"}${service === undefined ? "" : `, ${service}`}`;
    const number = (column: number | undefined, heading: string): FromCell<Decimal> | undefined | null => {
      if (column === undefined || isBlankCell(cellAt(r.grid, row, column))) return undefined;
      const at: CellRef = ref(sheet, row, column);
      const value = readNonNegative(r, at, `${heading} ${who}`, "§2");
      return value === undefined ? null : { value, at };
    };
    const quantity = number(c.quantity, "Quantity");
    const quality = number(c.quality, "Quality");
    const read: Record<string, FromCell<Decimal>> = {};
    let ok = quantity !== null && quality !== null;
    for (const m of measures) {
      const value = number(m.column, m.name);
      if (value === null) ok = false;
      else if (value !== undefined) read[m.name] = value;
    }
    if (service === undefined || partner === undefined || !ok) continue;
    const line: DriverLine = {
      service: names.service(service),
      partner: names.partner(partner),
      ...(quantity ? { quantity } : {}),
      ...(quality ? { quality } : {}),
      measures: read,
    };
    const key = `${nameKey(line.service)}\u0000${nameKey(line.partner)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report(
        r,
        partnerAt,
        `${line.partner}, ${line.service} is on the Drivers sheet twice (row ${earlier} and row ${row}).`,
        "Keep one line per service and partner: delete or merge the other.",
        "§2",
      );
      continue;
    }
    seen.set(key, row);
    lines.push(line);
  }
  const list = measures.length === 0 ? "" : `, measures ${measures.map((m) => m.name).join(", ")}`;
  r.notes.push(`${roleLabel("drivers", r.grid)}: headings in row ${headings.row}, ${lines.length} lines${list}.`);
  return { sheet, headerRow: headings.row, measures: measures.map((m) => m.name), lines };
}
