/**
 * The bundled sample workbook (assets/sample.xlsx) and its malformed copy: the committed files are
 * what scripts/make-sample.ts builds, the sample follows the README's input template and is
 * internally consistent, its figures are the seed report's where it says so, and the malformed
 * copy holds exactly the mistakes it declares.
 *
 * These checks read the sheets with their own small helpers, not with src/workbook/read, so that
 * they say what the sample is whatever the reader does with it.
 */
/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read --
   these are ExcelJS rows and cells in memory, not Office.js proxies that need load() and sync(). */
import ExcelJS from "exceljs";
import { CRITERIA, Decimal, countRag, parseRag, parseRangeText, parseRiskBand, readingOf } from "../../src/engine";
import { CANDIDATES, CRITERION_HEADINGS } from "../../src/sample/sample";
import { HEADINGS, SHEET_NAMES } from "../../src/workbook/inputs";
import {
  MALFORMED_MISTAKES,
  MALFORMED_PATH,
  SAMPLE_PATH,
  buildMalformedWorkbook,
  buildSampleWorkbook,
  xlsxBytes,
} from "../../scripts/make-sample";

// ---------------------------------------------------------------------------------------------
// Reading the sheets as the README describes them
// ---------------------------------------------------------------------------------------------

/** As the README matches names: ignoring case, spaces, punctuation and a unit (£, £000, %). */
function normal(text: string): string {
  return text
    .toLowerCase()
    .replace(/£\s*(?:'?000s?|k|thousands?)?|%/g, "")
    .replace(/[^a-z0-9]/g, "");
}

type Field = keyof typeof HEADINGS;
const FIELD_BY_HEADING = new Map<string, Field>();
for (const [field, spellings] of Object.entries(HEADINGS) as [Field, readonly string[]][])
  for (const spelling of spellings)
    if (!FIELD_BY_HEADING.has(normal(spelling))) FIELD_BY_HEADING.set(normal(spelling), field);

function templateSheet(workbook: ExcelJS.Workbook, key: keyof typeof SHEET_NAMES): ExcelJS.Worksheet | undefined {
  const names = SHEET_NAMES[key].map(normal);
  return workbook.worksheets.find((ws) => names.includes(normal(ws.name)));
}

function text(value: ExcelJS.CellValue): string {
  return typeof value === "string" ? value.trim() : "";
}

/** The heading row: the first of the first ten rows with a Service heading. */
function headingRow(sheet: ExcelJS.Worksheet): number {
  for (let r = 1; r <= 10; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= row.cellCount; c++)
      if (FIELD_BY_HEADING.get(normal(text(row.getCell(c).value))) === "service") return r;
  }
  throw new Error(`${sheet.name}: no Service heading in the first ten rows`);
}

interface Line {
  row: number;
  /** Each column by its field (or, for a heading that is no field, such as Population, its heading). */
  cells: Map<string, ExcelJS.Cell>;
}

function columns(sheet: ExcelJS.Worksheet): Map<string, number> {
  const row = sheet.getRow(headingRow(sheet));
  const map = new Map<string, number>();
  for (let c = 1; c <= row.cellCount; c++) {
    const heading = text(row.getCell(c).value);
    if (heading) map.set(FIELD_BY_HEADING.get(normal(heading)) ?? heading, c);
  }
  return map;
}

function lines(sheet: ExcelJS.Worksheet): Line[] {
  const heading = headingRow(sheet);
  const cols = columns(sheet);
  const result: Line[] = [];
  sheet.eachRow((row, r) => {
    if (r <= heading) return;
    const cells = new Map([...cols].map(([field, c]) => [field, row.getCell(c)]));
    if ([...cells.values()].some((cell) => cell.value !== null && cell.value !== "")) result.push({ row: r, cells });
  });
  return result;
}

function value(line: Line, field: string): ExcelJS.CellValue {
  return line.cells.get(field)?.value ?? null;
}

function str(line: Line, field: string): string {
  return text(value(line, field));
}

/** A Rules amount or percentage written as a range (RULES.md §1), "£1,600k–£1,700k": its low and high ends. */
function range(line: Line, field: string): [Decimal, Decimal] | undefined {
  const v = value(line, field);
  return typeof v === "string" ? parseRangeText(v.replace(/%/g, "")) : undefined;
}

function num(line: Line, field: string): number | undefined {
  const v = value(line, field);
  return typeof v === "number" ? v : undefined;
}

/**
 * A New cost or Transitional cost written by year, as the README's template has it:
 * "1,725,000; 2,955,000 from 2013/14", "1,160,000 in 2012/13 for A and B". Each item's amount (in
 * pounds), its year and the partners it names; undefined when the cell is not such a list.
 */
function byYear(
  line: Line,
  field: "newCost" | "transitional",
): { amount: number; year?: string; for?: string[]; by?: string }[] | undefined {
  const v = value(line, field);
  if (typeof v !== "string") return undefined;
  const item =
    field === "newCost"
      ? /^(\d{1,3}(?:,\d{3})*)(?: from (\d{4}\/\d{2}))?()$/
      : /^(\d{1,3}(?:,\d{3})*)(?: in (\d{4}\/\d{2}))?(?: for (.+)| borne by (.+))?$/;
  const items = v.split(";").map((i) => item.exec(i.trim()));
  if (items.some((m) => m === null)) return undefined;
  return (items as RegExpExecArray[]).map((m) => ({
    amount: Number(m[1].replace(/,/g, "")),
    ...(m[2] ? { year: m[2] } : {}),
    ...(m[3] ? { for: m[3].split(/\s*,\s*|\s+and\s+/) } : {}),
    ...(m[4] ? { by: m[4] } : {}),
  }));
}

/** A money field as a number, a list by year (byYear) or a range (RULES.md §1): each is a figure. */
const hasFigure = (line: Line, field: string): boolean =>
  num(line, field) !== undefined ||
  ((field === "newCost" || field === "transitional") && byYear(line, field) !== undefined) ||
  ((field === "newCost" || field === "transitional" || field === "reduction") && range(line, field) !== undefined);

function address(line: Line, field: string): string {
  return line.cells.get(field)?.address ?? `?${line.row}`;
}

/** "Westminster from 2013/14" → partner and the year it joins. */
function ruleParty(entry: string): { partner: string; joins?: string } {
  const m = /^(.*?)\s+from\s+(\d{4}\/\d{2})$/i.exec(entry.trim());
  return m ? { partner: m[1].trim(), joins: m[2] } : { partner: entry.trim() };
}

function ruleParties(line: Line): { partner: string; joins?: string }[] {
  return str(line, "partners")
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map(ruleParty);
}

/** "10%, 45%, 45%" → the percentages, exactly; undefined for anything else. */
function phasingPercents(phasing: string): Decimal[] | undefined {
  const parts = phasing.split(/[,;]/).map((s) => s.trim());
  if (!parts.every((p) => /^\d+(\.\d+)?%$/.test(p))) return undefined;
  return parts.map((p) => new Decimal(p.slice(0, -1)));
}

/** "2,700,000; 2,600,000" → the amounts, exactly; undefined for anything else (phasing by amounts, RULES.md §6). */
function phasingAmounts(phasing: string): Decimal[] | undefined {
  const parts = phasing.split(";").map((s) => s.trim());
  if (!parts.every((p) => /^\d{1,3}(,\d{3})*(\.\d{1,2})?$/.test(p))) return undefined;
  return parts.map((p) => new Decimal(p.replace(/,/g, "")));
}

/** A Rules line's saving before any gain share, worked out here: its partners' Budget lines less its New cost. */
function grossSaving(s: ReturnType<typeof sheets>, line: Line): Decimal | undefined {
  const service = str(line, "service");
  const cost = num(line, "newCost");
  if (cost === undefined) return undefined;
  const lines = s.budget.filter((l) => str(l, "service") === service);
  return Decimal.sum(0, ...lines.map((l) => num(l, "baseline") ?? 0)).minus(cost);
}

function startYear(label: string): number {
  const m = /^(\d{4})\/(\d{2})$/.exec(label);
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) throw new Error(`not a financial year: ${label}`);
  return Number(m[1]);
}

/** The sheets of a workbook the tests need. */
function sheets(workbook: ExcelJS.Workbook) {
  const get = (key: keyof typeof SHEET_NAMES): ExcelJS.Worksheet => {
    const sheet = templateSheet(workbook, key);
    if (!sheet) throw new Error(`no ${key} sheet`);
    return sheet;
  };
  return {
    budget: lines(get("budget")),
    fte: lines(get("fte")),
    rules: lines(get("rules")),
    drivers: lines(get("drivers")),
    tracker: lines(get("tracker")),
  };
}

function baselineOf(budget: Line[], service: string, partner: string): number {
  return budget
    .filter((l) => str(l, "service") === service && str(l, "partner") === partner)
    .reduce((t, l) => t + (num(l, "baseline") ?? NaN), 0);
}

/**
 * The mistakes the malformed copy is meant to have, as Sheet!Cell: text or an error in a number
 * cell, a negative FTE, phasing not adding to 100%, a partner in the rules with no budget.
 */
function mistakes(workbook: ExcelJS.Workbook): string[] {
  const s = sheets(workbook);
  const found: string[] = [];
  const numberCells: [Line[], string, string[]][] = [
    [s.budget, "Budget", ["baseline"]],
    [s.fte, "FTE", ["fte", "cost"]],
    [s.rules, "Rules", ["newCost", "reduction", "transitional", "gainShare"]],
    [s.drivers, "Drivers", ["quantity", "quality", "Population"]],
    [s.tracker, "Tracker", ["achieved"]],
  ];
  for (const [sheetLines, sheet, fields] of numberCells)
    for (const line of sheetLines)
      for (const field of fields) {
        const v = value(line, field);
        if (v !== null && typeof v !== "number" && !(sheet === "Rules" && hasFigure(line, field)))
          found.push(`${sheet}!${address(line, field)}`);
      }
  for (const line of s.fte) if ((num(line, "fte") ?? 0) < 0) found.push(`FTE!${address(line, "fte")}`);
  for (const line of s.rules) {
    const phasing = str(line, "phasing");
    if (phasing) {
      const percents = phasingPercents(phasing);
      const amounts = phasingAmounts(phasing);
      const saving = grossSaving(s, line);
      const adds = percents
        ? Decimal.sum(...percents).equals(100)
        : amounts !== undefined && saving !== undefined && Decimal.sum(...amounts).equals(saving);
      if (!adds) found.push(`Rules!${address(line, "phasing")}`);
    }
    const service = str(line, "service");
    const budgeted = new Set(s.budget.filter((l) => str(l, "service") === service).map((l) => str(l, "partner")));
    if (budgeted.size === 0 || ruleParties(line).some(({ partner }) => !budgeted.has(partner)))
      found.push(`Rules!${address(line, "partners")}`);
    // A one-off cost named for partners must name partners of the service.
    if (
      byYear(line, "transitional")?.some((o) =>
        [...(o.for ?? []), ...(o.by ? [o.by] : [])].some((p) => !budgeted.has(p)),
      )
    )
      found.push(`Rules!${address(line, "transitional")}`);
  }
  return found.sort();
}

// ---------------------------------------------------------------------------------------------

async function load(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** Each non-blank cell's value by address (formulas with their stored results). */
function cellValues(sheet: ExcelJS.Worksheet): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      values[cell.address] = JSON.parse(JSON.stringify(cell.value)) as unknown;
    }),
  );
  return values;
}

/** Written and read back, as the committed file was. */
async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const read = new ExcelJS.Workbook();
  // ExcelJS declares its own global Buffer, which node's generic Buffer type no longer matches.
  await read.xlsx.load((await xlsxBytes(workbook)) as unknown as Parameters<typeof read.xlsx.load>[0]);
  return read;
}

let sample: ExcelJS.Workbook;
let malformed: ExcelJS.Workbook;
beforeAll(async () => {
  sample = await load(SAMPLE_PATH);
  malformed = await load(MALFORMED_PATH);
});

describe.each([
  ["assets/sample.xlsx", () => sample, buildSampleWorkbook],
  ["assets/sample-malformed.xlsx", () => malformed, buildMalformedWorkbook],
])("%s is what scripts/make-sample.ts builds", (_name, committed, build) => {
  it("has the same sheets, cell by cell, and the same fixed properties", async () => {
    const rebuilt = await roundTrip(build());
    const file = committed();
    expect(file.worksheets.map((ws) => ws.name)).toEqual(rebuilt.worksheets.map((ws) => ws.name));
    for (const sheet of rebuilt.worksheets)
      expect([sheet.name, cellValues(file.getWorksheet(sheet.name)!)]).toEqual([sheet.name, cellValues(sheet)]);
    expect([file.creator, file.created, file.modified]).toEqual([rebuilt.creator, rebuilt.created, rebuilt.modified]);
  });
});

it("regenerates byte for byte (no time of writing in the file)", async () => {
  const first = await xlsxBytes(buildSampleWorkbook());
  await new Promise((resolve) => setTimeout(resolve, 1100)); // zip times are in 2-second steps
  const second = await xlsxBytes(buildSampleWorkbook());
  expect(Buffer.compare(first, second)).toBe(0);
});

describe("the sample follows the input template (README, src/workbook/inputs.ts)", () => {
  it("has every template sheet, and the user's own Read me and MTFS sheets", () => {
    for (const key of Object.keys(SHEET_NAMES) as (keyof typeof SHEET_NAMES)[])
      expect([key, templateSheet(sample, key)?.name]).toEqual([key, expect.any(String)]);
    expect(sample.worksheets.map((ws) => ws.name)).toEqual(expect.arrayContaining(["Read me", "MTFS"]));
    // The user's sheets must not be taken for template or add-in sheets.
    for (const name of ["Read me", "MTFS"]) {
      const all = Object.values(SHEET_NAMES).flat().map(normal);
      expect(all).not.toContain(normal(name));
      expect(String(sample.getWorksheet(name)!.getCell("A2").value ?? "")).not.toMatch(
        /^Made by the Shared Services add-in/,
      );
    }
  });

  it.each([
    ["budget", ["partner", "service", "baseline", "costCentre", "description", "category"]],
    ["fte", ["partner", "service", "fte", "cost", "manager"]],
    [
      "rules",
      [
        "service",
        "partners",
        "basis",
        "newCost",
        "reduction",
        "transitional",
        "phasing",
        "startMonth",
        "firstYear",
        "kind",
        "gainShare",
        "host",
        "variancePolicy",
      ],
    ],
    ["drivers", ["service", "partner", "quantity", "quality", "Population"]],
    ["tracker", ["service", "partner", "year", "achieved", "forecast", "revisedYear"]],
    [
      "compatibility",
      [
        "service",
        "riskBand",
        "strategicFit",
        "politicalAlignment",
        "itCompatibility",
        "businessProcesses",
        "staffingArrangements",
        "serviceStandards",
        "costSharing",
        "risk",
        "organisationalIssues",
        "deliveryTimescales",
        "easeOfImplementation",
        "note",
      ],
    ],
  ] as const)("%s: a title above headings the template knows, and every field", (key, fields) => {
    const sheet = templateSheet(sample, key)!;
    const heading = headingRow(sheet);
    expect(heading).toBeGreaterThan(1);
    expect(text(sheet.getCell(1, 1).value)).not.toBe("");
    expect([...columns(sheet).keys()].sort()).toEqual([...fields].sort());
    // Amounts are in pounds: nothing above or in the headings may say £000 or £k.
    for (let r = 1; r <= heading; r++)
      sheet
        .getRow(r)
        .eachCell((cell) =>
          expect([cell.address, text(cell.value)]).not.toEqual([
            cell.address,
            expect.stringMatching(/£\s*'?000|£k\b|£ thousands/i),
          ]),
        );
  });
});

describe("the sample is consistent", () => {
  it("has none of the mistakes the malformed copy has", () => {
    expect(mistakes(sample)).toEqual([]);
  });

  it("has at least 3 partners and 6 services, several Budget lines for each, and no duplicate line", () => {
    const { budget, rules } = sheets(sample);
    const services = rules.map((l) => str(l, "service"));
    expect(new Set(services).size).toBe(services.length);
    expect(services.length).toBeGreaterThanOrEqual(6);
    expect(new Set(budget.map((l) => str(l, "partner"))).size).toBeGreaterThanOrEqual(3);
    for (const service of services)
      for (const partner of new Set(
        budget.filter((l) => str(l, "service") === service).map((l) => str(l, "partner")),
      )) {
        const count = budget.filter((l) => str(l, "service") === service && str(l, "partner") === partner).length;
        expect([service, partner, count >= 2]).toEqual([service, partner, true]);
      }
    const keys = budget.map((l) => `${str(l, "partner")}|${str(l, "service")}|${str(l, "costCentre")}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("gives every Rules service Budget lines for its partners, and joining years after the first year", () => {
    const { budget, rules } = sheets(sample);
    for (const rule of rules) {
      const service = str(rule, "service");
      const budgeted = new Set(budget.filter((l) => str(l, "service") === service).map((l) => str(l, "partner")));
      expect([service, budgeted.size]).toEqual([service, 3]);
      for (const { partner, joins } of ruleParties(rule)) {
        expect([service, partner, budgeted.has(partner)]).toEqual([service, partner, true]);
        if (joins) expect(startYear(joins)).toBeGreaterThan(startYear(str(rule, "firstYear")));
      }
    }
  });

  it("phases every saving to exactly 100%, or by amounts adding up to exactly the saving", () => {
    const all = sheets(sample);
    const phased = all.rules.filter((l) => str(l, "phasing"));
    expect(phased.length).toBeGreaterThanOrEqual(2);
    for (const rule of phased) {
      const amounts = phasingAmounts(str(rule, "phasing"));
      if (amounts)
        expect([str(rule, "service"), Decimal.sum(...amounts).toFixed(2)]).toEqual([
          str(rule, "service"),
          grossSaving(all, rule)!.toFixed(2),
        ]);
      else
        expect([str(rule, "service"), Decimal.sum(...phasingPercents(str(rule, "phasing"))!).toNumber()]).toEqual([
          str(rule, "service"),
          100,
        ]);
    }
    // ICT's phasing is the report's gross savings by year (003 ch. 9(d) §6: 2,700 / 2,600 / 3,360 / 1,200 of 9,860).
    expect(phased.some((l) => phasingAmounts(str(l, "phasing")) !== undefined)).toBe(true);
  });

  it("gives each basis the inputs it needs, for every partner of the service", () => {
    const { rules, drivers, fte, budget } = sheets(sample);
    for (const rule of rules) {
      const service = str(rule, "service");
      const basis = str(rule, "basis");
      const parties = ruleParties(rule).map((p) => p.partner);
      const partners = parties.length
        ? parties
        : [...new Set(budget.filter((l) => str(l, "service") === service).map((l) => str(l, "partner")))];
      for (const partner of partners) {
        const driver = drivers.filter((l) => str(l, "service") === service && str(l, "partner") === partner);
        const staff = fte.filter((l) => str(l, "service") === service && str(l, "partner") === partner);
        const needed =
          normal(basis) === "demand"
            ? "quantity"
            : normal(basis) === "fte"
              ? "fte"
              : ["equal", "budget"].includes(normal(basis))
                ? undefined
                : basis;
        if (needed === "fte")
          expect([service, partner, staff.reduce((t, l) => t + (num(l, "fte") ?? 0), 0) > 0]).toEqual([
            service,
            partner,
            true,
          ]);
        if (needed && needed !== "fte") {
          expect([service, partner, driver.length]).toEqual([service, partner, 1]);
          expect([service, partner, (num(driver[0], needed) ?? 0) > 0]).toEqual([service, partner, true]);
        }
      }
      const host = str(rule, "host");
      if (host) expect(partners).toContain(host);
    }
    // A partner that specified a different service level on a demand-basis service.
    const demand = new Set(rules.filter((l) => normal(str(l, "basis")) === "demand").map((l) => str(l, "service")));
    expect(
      drivers.some((l) => demand.has(str(l, "service")) && num(l, "quality") !== undefined && num(l, "quality") !== 1),
    ).toBe(true);
  });

  it("exercises every kind of rule the template has", () => {
    const { rules } = sheets(sample);
    const all = (field: string): string[] => rules.map((l) => normal(str(l, field)));
    expect(new Set(all("basis"))).toEqual(new Set(["demand", "equal", "fte", "budget", "population"]));
    expect(new Set(all("kind"))).toEqual(new Set(["cashable", "noncashable", "costavoidance"]));
    expect(new Set(all("variancePolicy"))).toEqual(new Set(["", "hostbears", "sharenow"]));
    expect(new Set(rules.map((l) => str(l, "firstYear")))).toEqual(new Set(["2011/12", "2012/13"]));
    for (const field of ["newCost", "reduction", "transitional", "gainShare"])
      expect([field, rules.some((l) => num(l, field) !== undefined)]).toEqual([field, true]);
    // A rule gives a new cost or a reduction, never both.
    for (const rule of rules)
      expect([str(rule, "service"), hasFigure(rule, "newCost") !== (num(rule, "reduction") !== undefined)]).toEqual([
        str(rule, "service"),
        true,
      ]);
    // Partners over time (issue 16): a new cost by year, and a one-off cost by year named for some partners.
    expect(rules.some((l) => (byYear(l, "newCost")?.length ?? 0) > 1)).toBe(true);
    expect(rules.some((l) => byYear(l, "transitional")?.some((o) => o.year && o.for))).toBe(true);
    // And a one-off cost borne by one partner alone (RULES.md §4).
    expect(rules.some((l) => byYear(l, "transitional")?.some((o) => o.year && o.by))).toBe(true);
    // An estimate given as a range (RULES.md §1, issue 17).
    expect(rules.some((l) => range(l, "newCost") !== undefined)).toBe(true);
    expect(rules.some((l) => str(l, "startMonth") && !str(l, "phasing"))).toBe(true);
    expect(rules.some((l) => ruleParties(l).some((p) => p.joins))).toBe(true);
    expect(rules.some((l) => str(l, "host"))).toBe(true);
  });

  it("tracks savings only for partners taking part, from the rule's first year, with some not yet reported", () => {
    const { rules, tracker } = sheets(sample);
    expect(new Set(tracker.map((l) => str(l, "year")))).toEqual(new Set(["2011/12", "2012/13"]));
    for (const line of tracker) {
      const rule = rules.find((l) => str(l, "service") === str(line, "service"));
      expect([address(line, "service"), rule !== undefined]).toEqual([address(line, "service"), true]);
      const year = startYear(str(line, "year"));
      expect(year).toBeGreaterThanOrEqual(startYear(str(rule!, "firstYear")));
      const party = ruleParties(rule!).find((p) => p.partner === str(line, "partner"));
      if (ruleParties(rule!).length)
        expect([address(line, "partner"), party !== undefined]).toEqual([address(line, "partner"), true]);
      if (party?.joins) expect(year).toBeGreaterThanOrEqual(startYear(party.joins));
    }
    expect(tracker.some((l) => value(l, "achieved") === null)).toBe(true);
    expect(tracker.filter((l) => typeof value(l, "achieved") === "number").length).toBeGreaterThan(tracker.length / 2);
  });

  it("scores its candidate services on the engine's eleven criteria, reading each way at least once", () => {
    expect([...CRITERION_HEADINGS]).toEqual([...CRITERIA]);
    const readings = CANDIDATES.map((c) => {
      const scores = c.scores.map((x) => (x === null ? undefined : parseRag(x)));
      expect(scores).not.toContain(null);
      const band = parseRiskBand(c.band);
      expect([c.service, band]).toEqual([c.service, expect.anything()]);
      return readingOf(countRag(scores as Parameters<typeof countRag>[0]), band!.band);
    });
    expect(new Set(readings)).toEqual(new Set(["Ready", "Needs work", "High risk"]));
    // Bands both ways: from a kind of service in the study's table, and written.
    expect(CANDIDATES.some((c) => parseRiskBand(c.band)?.kind !== undefined)).toBe(true);
    expect(CANDIDATES.some((c) => parseRiskBand(c.band)?.kind === undefined)).toBe(true);
  });

  it("says in the Read me where each service's figures come from", () => {
    const readMe = sample.getWorksheet("Read me")!;
    const listed = new Set<string>();
    readMe.eachRow((row) => listed.add(text(row.getCell(1).value)));
    for (const rule of sheets(sample).rules) expect(listed).toContain(str(rule, "service"));
  });
});

describe("the sample's figures are the seed report's (003, chapter 9)", () => {
  const HF = "Hammersmith & Fulham";
  const KC = "Kensington & Chelsea";
  const WM = "Westminster";
  const rule = (service: string): Line => sheets(sample).rules.find((l) => str(l, "service") === service)!;
  const baselines = (service: string): number[] =>
    [HF, KC, WM].map((p) => baselineOf(sheets(sample).budget, service, p));
  const fteOf = (service: string): number[] =>
    [HF, KC, WM].map(
      (p) =>
        Math.round(
          sheets(sample)
            .fte.filter((l) => str(l, "service") === service && str(l, "partner") === p)
            .reduce((t, l) => t + (num(l, "fte") ?? 0), 0) * 10,
        ) / 10,
    );

  it("Youth Offending Service: original net budgets £677k / £676k / £728k, combined £1,650k (ch. 9(a))", () => {
    expect(baselines("Youth Offending Service")).toEqual([677000, 676000, 728000]);
    // Written as the range £1,600k–£1,700k, whose mid-range value (RULES.md §1) is the report's figure.
    const [low, high] = range(rule("Youth Offending Service"), "newCost")!;
    expect(low.plus(high).dividedBy(2).toNumber()).toBe(1650000);
  });

  it("adult social care: Table I overheads £17,786k, FTE 95 / 89 / 79, 50% phased 10% / 45% / 45% (ch. 9(b))", () => {
    expect(baselines("Adult social care overheads")).toEqual([6762000, 5121000, 5903000]);
    expect(fteOf("Adult social care overheads")).toEqual([95, 89, 79]);
    expect(num(rule("Adult social care overheads"), "reduction")).toBe(0.5);
    expect(str(rule("Adult social care overheads"), "phasing")).toBe("10%, 45%, 45%");
    expect(str(rule("Adult social care overheads"), "firstYear")).toBe("2011/12");
  });

  it("LSCB: net £128,000 / £56,000 / £87,000, merged board £98,000 from September 2011 (ch. 9(a))", () => {
    expect(baselines("Local Safeguarding Children Board")).toEqual([128000, 56000, 87000]);
    expect(num(rule("Local Safeguarding Children Board"), "newCost")).toBe(98000);
    expect(str(rule("Local Safeguarding Children Board"), "startMonth")).toBe("September");
    expect(str(rule("Local Safeguarding Children Board"), "firstYear")).toBe("2011/12");
  });

  it("fostering: net £902k / £596k / £772k, FTE 17.8 / 14 / 17.5, combined £2,000k (ch. 9(a))", () => {
    expect(baselines("Fostering and adoption")).toEqual([902000, 596000, 772000]);
    expect(fteOf("Fostering and adoption")).toEqual([17.8, 14, 17.5]);
    expect(num(rule("Fostering and adoption"), "newCost")).toBe(2000000);
  });

  it("ICT: £9,860k gross saving a year by 2015/16 and £4,600k investment (ch. 9(d) §6)", () => {
    const total = baselines("ICT").reduce((a, b) => a + b, 0);
    expect(total - num(rule("ICT"), "newCost")!).toBe(9860000);
    expect(num(rule("ICT"), "transitional")).toBe(4600000);
  });

  it("parking back office: implementation £1,160,000 for H&F and RBKC, Westminster joining in year three (ch. 9(c))", () => {
    const parking = rule("Parking back office");
    expect(byYear(parking, "transitional")).toEqual([
      { amount: 1160000, year: str(parking, "firstYear"), for: [HF, KC] },
      // Illustrative: K&C pays above the common terms and bears that extra alone (RULES.md §4).
      { amount: 60000, year: str(parking, "firstYear"), by: KC },
    ]);
    expect(ruleParties(parking).find((p) => p.partner === WM)?.joins).toBe("2013/14");
    // The new cost grows when Westminster joins: 25% below the baselines of the partners in each
    // year, so with all three the saving, 25% of their baselines, is near the report's £983,455.
    const [hf, kc, wm] = baselines("Parking back office");
    expect(byYear(parking, "newCost")).toEqual([
      { amount: (hf + kc) * 0.75 },
      { amount: (hf + kc + wm) * 0.75, year: "2013/14" },
    ]);
    expect(Math.abs((hf + kc + wm) * 0.25 - 983455)).toBeLessThan(2000);
  });
});

describe("the malformed copy", () => {
  it("has exactly the mistakes MALFORMED_MISTAKES lists, at their cells", () => {
    expect(mistakes(malformed)).toEqual(MALFORMED_MISTAKES.map((m) => `${m.sheet}!${m.cell}`).sort());
  });

  it.each(MALFORMED_MISTAKES.map((m) => [`${m.sheet}!${m.cell}`, m] as const))(
    "%s holds the mistake; the sample's cell is sound",
    (_cell, mistake) => {
      expect(malformed.getWorksheet(mistake.sheet)!.getCell(mistake.cell).value).toEqual(mistake.value);
      expect(sample.getWorksheet(mistake.sheet)!.getCell(mistake.cell).value).not.toEqual(mistake.value);
    },
  );

  it("differs from the sample nowhere else", () => {
    const at = new Set(MALFORMED_MISTAKES.map((m) => `${m.sheet}!${m.cell}`));
    for (const sheet of sample.worksheets) {
      const good = cellValues(sheet);
      const bad = cellValues(malformed.getWorksheet(sheet.name)!);
      for (const cell of new Set([...Object.keys(good), ...Object.keys(bad)]))
        if (!at.has(`${sheet.name}!${cell}`))
          expect([`${sheet.name}!${cell}`, bad[cell]]).toEqual([`${sheet.name}!${cell}`, good[cell]]);
    }
  });
});
