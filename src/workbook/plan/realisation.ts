/**
 * The Realisation sheet (RULES.md §7), written when the workbook has a Tracker: for each tracked
 * service, partner and year, the planned saving (from the Savings profile), the saving achieved,
 * the variance, the share delivered and a RAG status, all live formulas.
 */
import { DEFAULT_RAG_THRESHOLDS } from "../../engine";
import { MARKER, a1, sheetPrefix } from "../a1";
import { percentText } from "../format";
import type { Realisation } from "../outcome";
import { moneyRef } from "./attribution";
import type { ProfileLayout } from "./profile";
import { SheetBuilder, rangeText } from "./sheet";
import type { CellStyle, SheetPlan } from "./types";

const HEADER_ROW = 5;
const RAG_NAMES = { green: "Green", amber: "Amber", red: "Red" } as const;
const RAG_STYLES: Record<string, CellStyle> = { green: "good", amber: "warn", red: "bad" };

export function realisationSheet(
  name: string,
  realisation: Realisation,
  profile: ProfileLayout,
  header: { marker: string; source: string },
): SheetPlan {
  const { tracker, lines: tracked, total } = realisation;
  const b = new SheetBuilder("realisation", name);
  const green = DEFAULT_RAG_THRESHOLDS.green.toString();
  const amber = DEFAULT_RAG_THRESHOLDS.amber.toString();
  b.text(1, 1, "Benefit realisation: planned against achieved savings", "title");
  b.text(MARKER.row, MARKER.column, header.marker, "marker");
  b.text(
    3,
    1,
    `From ${header.source}. Planned is the new saving for that year on the Savings profile sheet; achieved is from the ` +
      `${tracker.sheet} sheet. RAG: Green when at least ${percentText(DEFAULT_RAG_THRESHOLDS.green)} of the plan is delivered, ` +
      `Amber from ${percentText(DEFAULT_RAG_THRESHOLDS.amber)}, Red below (RULES.md §7). A blank achieved is not yet reported.`,
    "note",
  );
  b.headings(HEADER_ROW, ["Service", "Partner", "Year", "Planned £", "Achieved £", "Variance £", "Delivered %", "RAG"]);

  let row = HEADER_ROW + 1;
  tracked.forEach((t, i) => {
    const line = tracker.lines[i];
    const r = row++;
    const D = `D${r}`;
    const E = `E${r}`;
    b.text(r, 1, t.service);
    b.text(r, 2, t.partner);
    b.text(r, 3, t.year);
    // Planned points at the partner's saving that year on the Savings profile sheet.
    const ref =
      t.at && profile.years.includes(line.year.value)
        ? `${sheetPrefix(profile.sheet)}${a1(profile.savingRows[t.at.service][t.at.partner], profile.yearColumn(line.year.value))}`
        : undefined;
    if (ref) b.formula(r, 4, `=${ref}`, t.planned, "money");
    else b.number(r, 4, t.planned, "money");
    if (line.achieved) b.formula(r, 5, `=${moneyRef(line.achieved)}`, line.achieved.value, "money");
    b.formula(r, 6, `=IF(${E}="","",${E}-${D})`, t.variance ?? "", "money");
    b.formula(r, 7, `=IF(OR(${E}="",${D}<=0),"",${E}/${D})`, t.delivered ?? "", "percent");
    b.formula(
      r,
      8,
      `=IF(${E}="","",IF(${D}>0,IF(${E}>=${D}*${green},"Green",IF(${E}>=${D}*${amber},"Amber","Red")),IF(${E}>=${D},"Green","Red")))`,
      t.rag ? RAG_NAMES[t.rag] : "",
      t.rag ? RAG_STYLES[t.rag] : undefined,
    );
  });
  if (tracked.length > 0) {
    const first = HEADER_ROW + 1;
    const last = row - 1;
    b.text(row, 1, "Total", "total");
    b.formula(row, 4, `=SUM(${rangeText(first, 4, last)})`, total.planned, "total");
    b.formula(row, 5, `=SUM(${rangeText(first, 5, last)})`, total.actual, "total");
    b.formula(row, 6, `=SUM(${rangeText(first, 6, last)})`, total.variance, "total");
  }
  return b.build({ widths: [26, 24, 10, 14, 14, 14, 12, 8], freezeRows: HEADER_ROW });
}
