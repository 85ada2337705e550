/**
 * The FTE sheet: staff numbers per partner and service (the FTE basis, RULES.md §2), with an
 * optional staff cost and manager flag.
 */
import { cellAt, isBlankCell } from "../grid";
import type { FteLine, FteSheet } from "../inputs";
import { Reading, readMoney, readNonNegative, readText, ref, report, rowIsBlank, shown } from "./cells";
import { SheetColumns, readHeadings, readUnits, requireColumns, unitsText } from "./headings";
import { roleLabel } from "./sheets";
import { Canonical } from "./names";

export const FTE_COLUMNS: SheetColumns = {
  fields: ["partner", "service", "fte", "cost", "manager"],
  required: ["partner", "service", "fte"],
};

const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0"]);

export function readFte(r: Reading, names: Canonical): FteSheet | undefined {
  const sheet = r.grid.name;
  const headings = readHeadings(r, FTE_COLUMNS.fields, "Partner, Service, FTE");
  if (headings === undefined || !requireColumns(r, headings, FTE_COLUMNS.required)) return undefined;
  const c = headings.columns as Record<"partner" | "service" | "fte", number> &
    Partial<Record<"cost" | "manager", number>>;
  const units = readUnits(r, headings, c.cost === undefined ? [] : [c.cost]);
  const lines: FteLine[] = [];
  const used = Object.values(headings.columns);
  for (let row = headings.row + 1; row <= r.grid.values.length; row++) {
    if (rowIsBlank(r.grid, row, used)) continue;
    const partner = readText(r, ref(sheet, row, c.partner), "Partner");
    const service = readText(r, ref(sheet, row, c.service), "Service");
    const who = `${partner ?? "this line"}${service === undefined ? "" : `, ${service}`}`;
    if (partner === undefined)
      report(r, ref(sheet, row, c.partner), "This FTE line has no Partner.", "Enter it, or delete the line.");
    if (service === undefined)
      report(r, ref(sheet, row, c.service), "This FTE line has no Service.", "Enter it, or delete the line.");
    const fteAt = ref(sheet, row, c.fte);
    let fte;
    if (isBlankCell(cellAt(r.grid, row, c.fte)))
      report(
        r,
        fteAt,
        `FTE for ${who} is blank.`,
        "Enter the FTE (0 if there are no staff), or delete the line.",
        "§2",
      );
    else fte = readNonNegative(r, fteAt, `FTE for ${who}`, "§2");
    const costAt = c.cost === undefined ? undefined : ref(sheet, row, c.cost);
    const cost =
      costAt === undefined || isBlankCell(cellAt(r.grid, row, costAt.column))
        ? undefined
        : (readMoney(r, costAt, `Cost for ${who}`, units.of(costAt.column)) ?? null);
    const manager = readManager(r, row, c.manager);
    if (partner === undefined || service === undefined || fte === undefined || cost === null || manager === null)
      continue;
    lines.push({
      partner: names.partner(partner),
      service: names.service(service),
      fte: { value: fte, at: fteAt },
      ...(cost === undefined ? {} : { cost }),
      ...(manager === undefined ? {} : { manager }),
    });
  }
  r.notes.push(
    `${roleLabel("fte", r.grid)}: headings in row ${headings.row}, ${lines.length} lines, ${unitsText(units.sheet)}.`,
  );
  return { sheet, headerRow: headings.row, lines };
}

/** Yes/No (or TRUE/FALSE, Y/N, 1/0); blank = not said; anything else is a problem (null). */
function readManager(r: Reading, row: number, column: number | undefined): boolean | undefined | null {
  if (column === undefined) return undefined;
  const value = cellAt(r.grid, row, column);
  if (isBlankCell(value)) return undefined;
  const text = typeof value === "object" ? "" : String(value).trim().toLowerCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  report(
    r,
    ref(r.grid.name, row, column),
    `Manager is ${shown(value)}, not Yes or No.`,
    "Enter Yes or No, or leave it blank.",
  );
  return null;
}
