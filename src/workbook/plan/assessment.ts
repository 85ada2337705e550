/**
 * The Assessment sheet (RULES.md §9), written when the workbook has a Compatibility sheet: for each
 * candidate service its risk band, how many of the eleven criteria are red, amber and green (live
 * COUNTIF formulas over the Compatibility sheet's cells) and how many are not yet scored, and the
 * plain reading (a live IF over those), then how many services read each way.
 */
import { CRITERIA, Decimal, READING_RULE, RiskBand, ServiceReading, capitalised } from "../../engine";
import { MARKER, a1, refText } from "../a1";
import type { Assessment } from "../outcome";
import { SheetBuilder, quoted, rangeText, sheetRange } from "./sheet";
import type { CellStyle, SheetPlan } from "./types";

const HEADER_ROW = 5;

export const ASSESSMENT_COLUMNS = {
  service: 1,
  band: 2,
  bandFrom: 3,
  red: 4,
  amber: 5,
  green: 6,
  unscored: 7,
  reading: 8,
} as const;
const C = ASSESSMENT_COLUMNS;

const READINGS: readonly ServiceReading[] = ["Ready", "Needs work", "High risk"];
export const READING_STYLES: Record<ServiceReading, CellStyle> = {
  Ready: "good",
  "Needs work": "warn",
  "High risk": "bad",
};

/** What COUNTIF counts for each score: the word and its letter (COUNTIF ignores case). */
const SPELLINGS = { red: ["red", "r"], amber: ["amber", "a"], green: ["green", "g"] } as const;

/**
 * The criteria cells of one row of the Compatibility sheet as ranges, one for each run of
 * columns side by side ("Compatibility!C6:M6", or two where a Notes column sits between them).
 */
export function criteriaRanges(sheet: string, row: number, columns: readonly number[]): string[] {
  const sorted = [...columns].sort((a, b) => a - b);
  const ranges: string[] = [];
  let first = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1] + 1) continue;
    ranges.push(sheetRange(sheet, row, first, row, sorted[i - 1]));
    first = sorted[i];
  }
  return ranges;
}

export function assessmentSheet(
  name: string,
  assessment: Assessment,
  header: { marker: string; source: string },
): SheetPlan {
  const { compatibility, services } = assessment;
  const b = new SheetBuilder("assessment", name);
  b.text(1, 1, "Choosing services to share: compatibility assessment", "title");
  b.text(MARKER.row, MARKER.column, header.marker, "marker");
  b.text(
    3,
    1,
    `From ${header.source}. Each candidate service's scores against the eleven criteria of the compatibility analysis ` +
      `(${CRITERIA.join(", ")}; 001 schedule 1) are counted from the ${compatibility.sheet} sheet; ` +
      `not scored is a criterion left blank. ${READING_RULE} (RULES.md §9; the rule is the add-in's, see the README's Choices.)`,
    "note",
  );
  b.text(
    4,
    1,
    "Risk bands of the London study (004 ch. 6): low, professional services and transactions with little customer or staff contact; " +
      "medium, revenues and benefits, payroll, building control, call centres; high, housing, IT infrastructure, social care, education.",
    "note",
  );
  b.headings(HEADER_ROW, ["Service", "Risk band", "Band from", "Red", "Amber", "Green", "Not scored", "Reading"]);

  let row = HEADER_ROW + 1;
  for (const { candidate, counts, reading } of services) {
    const ranges = criteriaRanges(compatibility.sheet, candidate.service.at.row, compatibility.columns);
    const count = (rag: keyof typeof SPELLINGS): string =>
      "=" + ranges.flatMap((range) => SPELLINGS[rag].map((s) => `COUNTIF(${range},${quoted(s)})`)).join("+");
    b.text(row, C.service, candidate.service.value);
    b.text(row, C.band, bandName(candidate.band.value));
    b.text(
      row,
      C.bandFrom,
      candidate.band.kind === undefined
        ? `as written in ${refText(candidate.band.at)}`
        : `${candidate.band.kind}, the study's kind of service (${refText(candidate.band.at)})`,
    );
    b.formula(row, C.red, count("red"), new Decimal(counts.red), "number");
    b.formula(row, C.amber, count("amber"), new Decimal(counts.amber), "number");
    b.formula(row, C.green, count("green"), new Decimal(counts.green), "number");
    b.formula(
      row,
      C.unscored,
      `=${CRITERIA.length}-SUM(${rangeText(row, C.red, row, C.green)})`,
      new Decimal(counts.unscored),
      "number",
    );
    const at = (column: number): string => a1(row, column);
    b.formula(
      row,
      C.reading,
      `=IF(OR(${at(C.band)}="High",${at(C.red)}>0),"High risk",IF(${at(C.amber)}+${at(C.unscored)}>0,"Needs work","Ready"))`,
      reading,
      READING_STYLES[reading],
    );
    row++;
  }

  const first = HEADER_ROW + 1;
  const last = row - 1;
  row++;
  b.text(row, C.service, "Services by reading", "section");
  row++;
  for (const reading of READINGS) {
    b.text(row, C.service, reading);
    b.formula(
      row,
      C.band,
      `=COUNTIF(${rangeText(first, C.reading, last)},${quoted(reading)})`,
      new Decimal(services.filter((s) => s.reading === reading).length),
      "number",
    );
    row++;
  }
  return b.build({ widths: [34, 11, 46, 7, 8, 8, 11, 13], freezeRows: HEADER_ROW });
}

const bandName = (band: RiskBand): string => capitalised(band);
