/**
 * The copy written at the level of the package (the zip): the user's parts are kept as the input
 * holds them, byte for byte (every sheet, style, defined name, formula, chart, picture, pivot
 * table and macro of theirs), and the add-in's sheets are written as new worksheet parts, with
 * their styles added to the end of the workbook's style sheet. Nothing is loaded into ExcelJS, so
 * the copy takes a fraction of the time and memory of ExcelJS's (which holds the whole workbook as
 * objects and cannot write charts, pivot tables or macros).
 *
 * What it changes in the user's own parts, and only by adding: xl/workbook.xml (the new sheets'
 * entries, the calculation stamp), its relationships, [Content_Types].xml, xl/styles.xml (the
 * add-in's cell formats appended), and xl/metadata.xml where there was none. An old output sheet
 * of the add-in's is replaced or removed with its entries. Anything it is not sure of (a plan
 * feature it does not write, an old output sheet with parts of its own, a style sheet or metadata
 * it cannot extend) is declined with the reason, and write.ts then writes the copy through ExcelJS
 * as before.
 */
import JSZip from "jszip";
import type { CellValue } from "../workbook/grid";
import { MARKER, a1 } from "../workbook/a1";
import { CellLook, GENERAL, LOOKS } from "../workbook/plan/looks";
import {
  type CalculatedValue,
  type CellStyle,
  type Plan,
  type PlanCell,
  PRINT_FOOTER,
  type SheetPlan,
} from "../workbook/plan/types";
import { fileFormula } from "./formula";
import {
  METADATA_RELATIONSHIP,
  addMetadataPart,
  dynamicArrayIndices,
  stampCalculation,
  workbookRelationships,
} from "./package";
import { escapeXml, unescapeXml } from "./xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_TYPE = `${RELATIONSHIPS}/worksheet`;
const WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CALC_CHAIN_TYPE = `${RELATIONSHIPS}/calcChain`;

/** What a SheetPlan may hold for this writer; a plan with anything else goes through ExcelJS. */
const KNOWN_SHEET_FIELDS = new Set(["role", "name", "rows", "widths", "heights", "freezeRows", "charts", "print"]);

/** The sheets of a workbook as they are to be checked before anything is written. */
export interface SheetsToCheck {
  names: readonly string[];
  /** A sheet's A2 value (its marker if the add-in made it); asked only for sheets to be replaced or removed. */
  a2(name: string): CellValue;
}

export type SafetyCheck = (sheets: SheetsToCheck, plan: Plan) => void;

/** The written copy, or why this writer leaves it to ExcelJS. */
export type PartsResult = { bytes: Uint8Array } | { declined: string };

const key = (name: string): string => name.toLocaleLowerCase("en-GB");

// ---- XML text ----------------------------------------------------------------------------------

function attribute(tag: string, name: string): string | undefined {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return found ? unescapeXml(found[1]) : undefined;
}

// ---- The workbook's sheets ---------------------------------------------------------------------

interface SheetEntry {
  /** The <sheet …/> element as the workbook part has it. */
  tag: string;
  name: string;
  id: string;
  part?: string;
}

function sheetEntries(workbook: string, parts: Map<string, string>): SheetEntry[] {
  const entries: SheetEntry[] = [];
  for (const [tag] of workbook.matchAll(/<sheet\b[^>]*\/>/g)) {
    const name = attribute(tag, "name");
    const id = /\sr:id="([^"]*)"/.exec(tag)?.[1];
    if (name === undefined || id === undefined) continue;
    entries.push({ tag, name, id, part: parts.get(id) });
  }
  return entries;
}

/** The text of a shared string (its runs joined), by index, read only when asked. */
async function sharedString(zip: JSZip, index: number): Promise<string | undefined> {
  const xml = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
  let i = 0;
  for (const [, body] of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    if (i++ === index) return runsText(body);
  }
  return undefined;
}

const runsText = (body: string): string =>
  [...body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map(([, t]) => unescapeXml(t)).join("");

/** A sheet part's A2 as the reader would see it: text, a number, TRUE/FALSE or blank. */
async function a2Of(zip: JSZip, part: string): Promise<CellValue> {
  const xml = (await zip.file(part)?.async("string")) ?? "";
  const address = a1(MARKER.row, MARKER.column);
  const cell = new RegExp(`<c\\b([^>]*\\br="${address}"[^>]*?)(?:/>|>([\\s\\S]*?)</c>)`).exec(xml);
  if (!cell) return null;
  const type = attribute(cell[1], "t");
  const body = cell[2] ?? "";
  const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
  if (type === "inlineStr") return runsText(body);
  if (v === undefined) return null;
  switch (type) {
    case "s":
      return (await sharedString(zip, Number(v))) ?? null;
    case "str":
      return unescapeXml(v);
    case "b":
      return v !== "0";
    case "e":
      return { error: v };
    default:
      return Number(v);
  }
}

// ---- Styles ------------------------------------------------------------------------------------

/** Number formats Excel knows by id; any other is added as a custom format. */
const BUILT_IN_FORMATS: Record<string, number> = {
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

const argb = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;

function fontXml(look: CellLook): string | undefined {
  const parts = [
    look.bold ? "<b/>" : "",
    look.italic ? "<i/>" : "",
    look.color ? `<color rgb="${argb(look.color)}"/>` : "",
    look.size ? `<sz val="${look.size}"/>` : "",
  ].join("");
  return parts === "" ? undefined : `<font>${parts}</font>`;
}

function borderXml(look: CellLook): string | undefined {
  if (!look.borderTop && !look.borderBottom) return undefined;
  const top = look.borderTop ? '<top style="thin"/>' : "<top/>";
  const bottom = look.borderBottom ? '<bottom style="thin"/>' : "<bottom/>";
  return `<border><left/><right/>${top}${bottom}<diagonal/></border>`;
}

/** Counts the children of a style-sheet list (<fonts>, <fills>…) and gives back the list with more added. */
function extendList(
  styles: string,
  list: string,
  item: string,
  added: readonly string[],
): { xml: string; first: number } | undefined {
  const found = new RegExp(`<${list}\\b([^>]*)>([\\s\\S]*?)</${list}>|<${list}\\b([^>]*)/>`).exec(styles);
  if (!found) return undefined;
  const body = found[2] ?? "";
  const first = (body.match(new RegExp(`<${item}\\b`, "g")) ?? []).length;
  if (added.length === 0) return { xml: styles, first };
  const attributes = (found[1] ?? found[3] ?? "").replace(/\scount="[^"]*"/, "");
  const replaced = `<${list} count="${first + added.length}"${attributes}>${body}${added.join("")}</${list}>`;
  return { xml: styles.slice(0, found.index) + replaced + styles.slice(found.index + found[0].length), first };
}

/**
 * Adds a cell format (xf) for each of the plan's looks to the style sheet; returns the new style
 * sheet and each style's xf index (none for a look with nothing to show, as ExcelJS writes it).
 */
function addStyles(
  styles: string,
  used: ReadonlySet<CellStyle>,
): { xml: string; xf: Map<CellStyle, number> } | undefined {
  if (!styles.includes(`xmlns="${MAIN}"`)) return undefined;
  const looks = [...used].map((style) => ({ style, look: LOOKS[style] }));
  const custom = [
    ...new Set(
      looks.map(({ look }) => look.numberFormat).filter((f) => f !== GENERAL && BUILT_IN_FORMATS[f] === undefined),
    ),
  ];
  // Custom number formats take ids from 164 up, after any the workbook has.
  const ids = [...styles.matchAll(/<numFmt\b[^>]*\snumFmtId="(\d+)"/g)].map(([, id]) => Number(id));
  const firstId = Math.max(163, ...ids) + 1;
  const formatId = (format: string): number =>
    format === GENERAL ? 0 : (BUILT_IN_FORMATS[format] ?? firstId + custom.indexOf(format));

  let xml = styles;
  if (custom.length > 0) {
    const numFmts = custom.map((f, i) => `<numFmt numFmtId="${firstId + i}" formatCode="${escapeXml(f)}"/>`);
    const extended = extendList(xml, "numFmts", "numFmt", numFmts);
    if (extended) xml = extended.xml;
    else {
      const at = xml.search(/<fonts\b/);
      if (at < 0) return undefined;
      xml = `${xml.slice(0, at)}<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>${xml.slice(at)}`;
    }
  }

  const fonts: string[] = [];
  const fills: string[] = [];
  const borders: string[] = [];
  const planned = looks.map(({ style, look }) => {
    const font = fontXml(look);
    const fill = look.fill
      ? `<fill><patternFill patternType="solid"><fgColor rgb="${argb(look.fill)}"/></patternFill></fill>`
      : undefined;
    const border = borderXml(look);
    const index = (list: string[], item: string | undefined): number | undefined => {
      if (item === undefined) return undefined;
      const at = list.indexOf(item);
      if (at >= 0) return at;
      list.push(item);
      return list.length - 1;
    };
    return { style, look, font: index(fonts, font), fill: index(fills, fill), border: index(borders, border) };
  });
  const fontList = extendList(xml, "fonts", "font", fonts);
  if (!fontList) return undefined;
  xml = fontList.xml;
  const fillList = extendList(xml, "fills", "fill", fills);
  if (!fillList) return undefined;
  xml = fillList.xml;
  const borderList = extendList(xml, "borders", "border", borders);
  if (!borderList) return undefined;
  xml = borderList.xml;

  const xfs: string[] = [];
  const keys: string[] = [];
  const xfOf = new Map<CellStyle, number>();
  const cellXfs = extendList(xml, "cellXfs", "xf", []);
  if (!cellXfs) return undefined;
  for (const p of planned) {
    const numFmtId = formatId(p.look.numberFormat);
    if (numFmtId === 0 && p.font === undefined && p.fill === undefined && p.border === undefined && !p.look.wrap)
      continue; // nothing to show: the default format, as ExcelJS writes an empty style
    const fontId = p.font === undefined ? 0 : fontList.first + p.font;
    const fillId = p.fill === undefined ? 0 : fillList.first + p.fill;
    const borderId = p.border === undefined ? 0 : borderList.first + p.border;
    const applied = [
      numFmtId !== 0 ? ' applyNumberFormat="1"' : "",
      p.font !== undefined ? ' applyFont="1"' : "",
      p.fill !== undefined ? ' applyFill="1"' : "",
      p.border !== undefined ? ' applyBorder="1"' : "",
      p.look.wrap ? ' applyAlignment="1"' : "",
    ].join("");
    const alignment = p.look.wrap ? '<alignment vertical="bottom" wrapText="1"/>' : "";
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}${alignment ? `>${alignment}</xf>` : "/>"}`;
    let at = keys.indexOf(xf);
    if (at < 0) {
      keys.push(xf);
      xfs.push(xf);
      at = keys.length - 1;
    }
    xfOf.set(p.style, cellXfs.first + at);
  }
  const extended = extendList(xml, "cellXfs", "xf", xfs);
  if (!extended) return undefined;
  return { xml: extended.xml, xf: xfOf };
}

// ---- The add-in's sheets as worksheet XML ------------------------------------------------------

function textCell(ref: string, s: string, text: string): string {
  const clean = escapeXml(text);
  const preserve = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${s} t="inlineStr"><is><t${preserve}>${clean}</t></is></c>`;
}

/** A calculated value as a plain cell (a spill's other cells). */
function valueCell(ref: string, s: string, value: CalculatedValue): string {
  if (typeof value === "string") return textCell(ref, s, value);
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if ("error" in value) return `<c r="${ref}"${s} t="e"><v>${escapeXml(value.error)}</v></c>`;
  return `<c r="${ref}"${s}><v>${value.toNumber()}</v></c>`;
}

/** A formula's stored result: its type attribute and <v>. */
function result(value: CalculatedValue | undefined): { t: string; v: string } {
  if (value === undefined) return { t: "", v: "" };
  if (typeof value === "string") return { t: ' t="str"', v: `<v>${escapeXml(value)}</v>` };
  if (typeof value === "boolean") return { t: ' t="b"', v: `<v>${value ? 1 : 0}</v>` };
  if ("error" in value) return { t: ' t="e"', v: `<v>${escapeXml(value.error)}</v>` };
  return { t: "", v: `<v>${value.toNumber()}</v>` };
}

/** The worksheet part of one planned sheet; `cm` is the metadata index that marks a dynamic array. */
export function sheetXml(plan: SheetPlan, xf: ReadonlyMap<CellStyle, number>, cm: string): string {
  // Each row's cells as XML by column, spilled results included; checked like write.ts checks them.
  const grid: string[][] = [];
  const put = (row: number, column: number, xml: string): void => {
    (grid[row] ??= [])[column] = xml;
  };
  const spilled = new Set<string>();
  plan.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (cell?.kind !== "spill") return;
      cell.values.forEach((line, i) =>
        line.forEach((_, j) => (i > 0 || j > 0) && spilled.add(a1(r + 1 + i, c + 1 + j))),
      );
    }),
  );
  plan.rows.forEach((cells, r) =>
    cells.forEach((cell: PlanCell | undefined, c) => {
      if (!cell) return;
      const ref = a1(r + 1, c + 1);
      if (spilled.size > 0 && spilled.has(ref))
        throw new Error(`Internal error: ${plan.name}!${ref} is planned inside a formula's spill range.`);
      const index = cell.style ? xf.get(cell.style) : undefined;
      const s = index === undefined ? "" : ` s="${index}"`;
      switch (cell.kind) {
        case "text":
          return put(r, c, textCell(ref, s, cell.text));
        case "number":
          return put(r, c, `<c r="${ref}"${s}><v>${cell.value.toNumber()}</v></c>`);
        case "formula": {
          const { t, v } = result(cell.value);
          return put(r, c, `<c r="${ref}"${s}${t}><f>${escapeXml(fileFormula(cell.formula))}</f>${v}</c>`);
        }
        case "spill": {
          const height = cell.values.length;
          const width = Math.max(1, ...cell.values.map((values) => values.length));
          const range = height === 1 && width === 1 ? ref : `${ref}:${a1(r + height, c + width)}`;
          const { t, v } = result(cell.values[0]?.[0]);
          const formula = escapeXml(fileFormula(cell.formula));
          put(r, c, `<c r="${ref}" cm="${cm}"${s}${t}><f t="array" ref="${range}">${formula}</f>${v}</c>`);
          cell.values.forEach((values, i) =>
            values.forEach((value, j) => {
              if (i > 0 || j > 0) put(r + i, c + j, valueCell(a1(r + 1 + i, c + 1 + j), s, value));
            }),
          );
          return;
        }
      }
    }),
  );

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    `<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">`,
  ];
  // Print set-up (issue 18), as ExcelJS writes it: fit to page here, the page and footer below.
  if (plan.print) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  const frozen = plan.freezeRows ?? 0;
  if (frozen > 0)
    out.push(
      '<sheetViews><sheetView workbookViewId="0">',
      `<pane ySplit="${frozen}" topLeftCell="${a1(frozen + 1, 1)}" activePane="bottomLeft" state="frozen"/>`,
      '<selection pane="bottomLeft"/></sheetView></sheetViews>',
    );
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  // As ExcelJS writes them, so the copy is the same either way: a width of 9 is its default, left out.
  const widths = (plan.widths ?? []).flatMap((width, i) =>
    width > 0 && width !== 9 ? [`<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`] : [],
  );
  if (widths.length > 0) out.push("<cols>", ...widths, "</cols>");
  out.push("<sheetData>");
  grid.forEach((cells, r) => {
    if (!cells) return;
    const height = plan.heights?.[r];
    out.push(height ? `<row r="${r + 1}" ht="${height}" customHeight="1">` : `<row r="${r + 1}">`);
    for (const cell of cells) if (cell !== undefined) out.push(cell);
    out.push("</row>");
  });
  out.push("</sheetData>", '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  if (plan.print)
    out.push(
      `<pageSetup paperSize="9" orientation="${plan.print.orientation}" fitToWidth="1" fitToHeight="0"/>`,
      `<headerFooter><oddFooter>${escapeXml(`&L${PRINT_FOOTER.left}&R${PRINT_FOOTER.right}`)}</oddFooter></headerFooter>`,
    );
  out.push("</worksheet>");
  return out.join("");
}

/**
 * Each planned sheet's repeated rows as Excel keeps them, a _xlnm.Print_Titles name local to the
 * sheet (by its position among the tabs), replacing any it had from an earlier run.
 */
function withPrintTitles(workbook: string, plan: Plan): string {
  const names = [...workbook.matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)].map((m) => key(unescapeXml(m[1])));
  const titles: string[] = [];
  const positions = new Set<number>();
  for (const sheet of plan.sheets) {
    const rows = sheet.print?.repeatRows;
    const at = names.indexOf(key(sheet.name));
    if (!rows || at < 0) continue;
    positions.add(at);
    const ref = `'${sheet.name.replace(/'/g, "''")}'!$${rows.first}:$${rows.last}`;
    titles.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${at}">${escapeXml(ref)}</definedName>`);
  }
  let out = workbook.replace(
    /<definedName\b[^>]*\sname="_xlnm.Print_Titles"[^>]*\slocalSheetId="(\d+)"[^>]*>[^<]*<\/definedName>/g,
    (whole, at: string) => (positions.has(Number(at)) ? "" : whole),
  );
  if (titles.length === 0) return out;
  if (/<definedNames\s*\/>/.test(out)) out = out.replace(/<definedNames\s*\/>/, "<definedNames></definedNames>");
  if (/<\/definedNames>/.test(out)) return out.replace(/<\/definedNames>/, `${titles.join("")}</definedNames>`);
  return out.replace(/<\/sheets>/, `</sheets><definedNames>${titles.join("")}</definedNames>`);
}

// ---- The package -------------------------------------------------------------------------------

/** A part's own relationships part: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
const relsOf = (part: string): string => part.replace(/([^/]+)$/, "_rels/$1.rels");

function removeRelationship(rels: string, id: string): string {
  return rels.replace(new RegExp(`<Relationship\\b[^>]*\\sId="${id}"[^>]*/>`), "");
}

function removeOverride(types: string, part: string): string {
  return types.replace(new RegExp(`<Override\\b[^>]*\\sPartName="/${part.replace(/[.]/g, "\\.")}"[^>]*/>`), "");
}

/**
 * Writes the plan into the input's own package; `check` stops the write (throws) before anything
 * is changed if the plan would delete or overwrite a sheet the add-in did not make.
 */
export async function writeParts(input: Uint8Array, plan: Plan, check: SafetyCheck): Promise<PartsResult> {
  for (const sheet of plan.sheets) {
    const unknown = Object.keys(sheet).find((field) => !KNOWN_SHEET_FIELDS.has(field));
    if (unknown !== undefined)
      return { declined: `the plan's sheets have "${unknown}", which this writer does not write` };
  }
  const zip = await JSZip.loadAsync(input);
  const WORKBOOK = "xl/workbook.xml";
  const RELS = "xl/_rels/workbook.xml.rels";
  const TYPES = "[Content_Types].xml";
  let workbook = await zip.file(WORKBOOK)?.async("string");
  let rels = await zip.file(RELS)?.async("string");
  let types = await zip.file(TYPES)?.async("string");
  if (workbook === undefined || rels === undefined || types === undefined)
    return { declined: "the package has no workbook part where Excel puts it" };
  if (!workbook.includes(`xmlns="${MAIN}"`) || !workbook.includes(`xmlns:r="${RELATIONSHIPS}"`))
    return { declined: "the workbook part is not in the usual (transitional) form" };

  const relationships = await workbookRelationships(zip);
  const entries = sheetEntries(workbook, new Map(relationships.map((r) => [r.id, r.part])));
  const byName = new Map(entries.map((e) => [key(e.name), e]));
  const touched = [...plan.remove, ...plan.reuse].flatMap((name) => {
    const entry = byName.get(key(name));
    return entry ? [entry] : [];
  });
  const a2s = new Map<string, CellValue>();
  for (const entry of touched) a2s.set(key(entry.name), entry.part ? await a2Of(zip, entry.part) : null);
  check({ names: entries.map((e) => e.name), a2: (name) => a2s.get(key(name)) ?? null }, plan);

  for (const entry of touched) {
    if (!entry.part || zip.file(relsOf(entry.part)))
      return { declined: `the old sheet "${entry.name}" has parts of its own (a chart, a drawing or comments)` };
  }
  const removing = new Set(plan.remove.map(key));
  const reusing = new Set(plan.reuse.map(key));
  if (touched.some((e) => removing.has(key(e.name))) && /<definedName\b[^>]*\slocalSheetId=/.test(workbook))
    return { declined: "the workbook has names that belong to one sheet, counted by position" };

  // Dynamic arrays: the metadata index that means one, from the workbook's own metadata or ours.
  const spills = plan.sheets.some((s) => s.rows.some((row) => row.some((cell) => cell?.kind === "spill")));
  const metadataPart = relationships.find((r) => r.type === METADATA_RELATIONSHIP)?.part;
  let cm = "1";
  if (spills && metadataPart) {
    const indices = dynamicArrayIndices((await zip.file(metadataPart)?.async("string")) ?? "");
    const first = [...indices].sort((a, b) => Number(a) - Number(b))[0];
    if (first === undefined) return { declined: "the workbook's cell metadata has no dynamic-array entry" };
    cm = first;
  }

  const used = new Set<CellStyle>();
  for (const sheet of plan.sheets)
    for (const row of sheet.rows) for (const cell of row) if (cell?.style) used.add(cell.style);
  const stylesRel = relationships.find((r) => r.type === `${RELATIONSHIPS}/styles`);
  const stylesXml = stylesRel ? await zip.file(stylesRel.part)?.async("string") : undefined;
  const styles = stylesXml === undefined ? undefined : addStyles(stylesXml, used);
  if (!stylesRel || !styles) return { declined: "the workbook's style sheet is not one this writer can add to" };

  // Old output sheets: removed with their entries; replaced ones keep their part and place.
  for (const entry of touched) {
    if (!removing.has(key(entry.name)) || reusing.has(key(entry.name))) continue;
    workbook = workbook.replace(entry.tag, "");
    rels = removeRelationship(rels, entry.id);
    types = removeOverride(types, entry.part!);
    zip.remove(entry.part!);
  }
  // The calculation chain lists formula cells by sheet; Excel rebuilds it, and a stale one is an error.
  if (touched.length > 0) {
    const chain = relationships.find((r) => r.type === CALC_CHAIN_TYPE);
    if (chain) {
      rels = removeRelationship(rels, chain.id);
      types = removeOverride(types, chain.part);
      zip.remove(chain.part);
    }
  }

  const usedIds = new Set([...rels.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
  const nextId = (): string => {
    let n = usedIds.size + 1;
    while (usedIds.has(`rId${n}`)) n++;
    usedIds.add(`rId${n}`);
    return `rId${n}`;
  };
  let sheetId = Math.max(0, ...entries.map((e) => Number(attribute(e.tag, "sheetId") ?? 0))) + 1;
  let partNumber = 1;
  const newPart = (): string => {
    while (zip.file(`xl/worksheets/sheet${partNumber}.xml`)) partNumber++;
    return `xl/worksheets/sheet${partNumber}.xml`;
  };

  const added: string[] = [];
  for (const sheetPlan of plan.sheets) {
    const xml = sheetXml(sheetPlan, styles.xf, cm);
    const old = reusing.has(key(sheetPlan.name)) ? byName.get(key(sheetPlan.name)) : undefined;
    if (old?.part) {
      zip.file(old.part, xml);
      continue;
    }
    const part = newPart();
    zip.file(part, xml);
    const id = nextId();
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="${id}" Type="${WORKSHEET_TYPE}" Target="${part.slice(3)}"/></Relationships>`,
    );
    types = types.replace("</Types>", `<Override PartName="/${part}" ContentType="${WORKSHEET_CONTENT}"/></Types>`);
    added.push(`<sheet name="${escapeXml(sheetPlan.name)}" sheetId="${sheetId++}" r:id="${id}"/>`);
  }
  workbook = workbook.replace(/<\/sheets>/, `${added.join("")}</sheets>`);
  workbook = withPrintTitles(workbook, plan);

  // The tab Excel opens on must still exist.
  const count = (workbook.match(/<sheet\b/g) ?? []).length;
  workbook = workbook.replace(/<workbookView\b[^>]*>/g, (tag) =>
    tag.replace(/\s(activeTab|firstSheet)="(\d+)"/g, (whole, name: string, n: string) =>
      Number(n) >= count ? ` ${name}="0"` : whole,
    ),
  );

  zip.file(WORKBOOK, workbook);
  zip.file(RELS, rels);
  zip.file(TYPES, types);
  zip.file(stylesRel.part, styles.xml);
  if (spills && !metadataPart) await addMetadataPart(zip);
  await stampCalculation(zip);
  const bytes = await zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
  return { bytes };
}
