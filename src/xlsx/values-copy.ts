/**
 * The task pane's "Save a copy with values" (issue 18): the open workbook's own file, as Office.js
 * gives it (getFileAsync, Compressed), with every formula that calls the add-in's functions
 * (=SHARED.*, saved as _xldudf_SHARED_…) replaced by the value Excel last calculated for it, which
 * the file keeps beside each formula. Everything else is the user's file as it is, part for part:
 * plain formulas (SUM, references) stay live, and styles, charts, names and page set-up are kept.
 * The command line's --values does the same to a plan before writing it (workbook/plan/values.ts);
 * here the workbook has already been written by Excel, so the file is changed instead.
 *
 * A formula saved without its value (Excel had not finished calculating) cannot be replaced from
 * the file: such cells are returned as `missing`, and the caller reads their values from Excel and
 * passes them back as `supplied`. Works on plain Uint8Arrays with JSZip alone (no Node Buffer, no
 * ExcelJS), so the pane loads it as a small chunk of its own.
 */
import JSZip from "jszip";
import { sheetCellKey } from "../workbook/a1";
import type { CellValue } from "../workbook/grid";
import type { SheetCell, ValuesFile } from "../workbook/host";
import { workbookRelationships, worksheetParts } from "./package";
import { escapeXml, unescapeXml } from "./xml";

export type { SheetCell, ValuesFile } from "../workbook/host";

/** The key of a cell in `supplied`: "Sheet!A1". */
export const cellKey = sheetCellKey;

/**
 * A formula calling one of the add-in's functions as a file holds it: _xldudf_SHARED_APPORTION(
 * (resolved), _xludf.SHARED.APPORTION( or SHARED.APPORTION( (as typed, not yet resolved). Text in
 * quotes is left out, so ="SHARED.X(" is not one.
 */
export function fileFormulaCallsAddin(formula: string): boolean {
  const outsideQuotes = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return /(?<![\w.])(?:_xldudf_SHARED_|_xludf\.SHARED\.|SHARED\.)[A-Za-z]/i.test(outsideQuotes);
}

const CALC_CHAIN_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain";

const attribute = (attrs: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(attrs)?.[1];
const withoutAttribute = (attrs: string, name: string): string => attrs.replace(new RegExp(`\\s${name}="[^"]*"`), "");

/** A cell's content for a value of its own: the attributes (without t) and what goes inside <c>. */
function valueContent(value: CellValue): { type?: string; inner: string } {
  if (value === null || value === undefined) return { inner: "" };
  if (typeof value === "number") return { inner: `<v>${value}</v>` };
  if (typeof value === "boolean") return { type: "b", inner: `<v>${value ? 1 : 0}</v>` };
  if (typeof value === "string")
    return { type: "inlineStr", inner: `<is><t xml:space="preserve">${escapeXml(value)}</t></is>` };
  if ("error" in value) return { type: "e", inner: `<v>${escapeXml(value.error)}</v>` };
  return { inner: "" };
}

/** The <c> element with its formula gone and `content` as its value. */
function cellWith(attrs: string, content: { type?: string; inner: string }): string {
  let rest = withoutAttribute(withoutAttribute(attrs, "t"), "cm");
  if (content.type) rest += ` t="${content.type}"`;
  return content.inner === "" ? `<c${rest}/>` : `<c${rest}>${content.inner}</c>`;
}

/**
 * The cell as a value, from what the file saved beside the formula: a number, TRUE/FALSE, an error
 * or text (t="str", a formula's text result, becomes inline text, as a cell without a formula must
 * hold it). Undefined when the file has no value for it.
 */
function savedValue(attrs: string, inner: string): { type?: string; inner: string } | undefined {
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>|<v\s*\/>/.exec(inner);
  if (!v) return undefined;
  const saved = v[1] ?? "";
  const type = attribute(attrs, "t");
  if (type === "str") return { type: "inlineStr", inner: `<is><t xml:space="preserve">${saved}</t></is>` };
  if (type === "b" || type === "e") return { type, inner: `<v>${saved}</v>` };
  return { inner: `<v>${saved}</v>` };
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const FORMULA = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/;

/** One sheet's XML with the add-in's formulas replaced; the cells replaced and those with no value. */
function sheetWithValues(
  sheet: string,
  xml: string,
  supplied: ReadonlyMap<string, CellValue>,
): { xml: string; replaced: number; missing: SheetCell[] } {
  // A shared formula is written once (its master, with the text) and referred to by index after:
  // the others of an index calling the add-in are those whose master does.
  const sharedCalling = new Set<string>();
  for (const [, , inner] of xml.matchAll(CELL)) {
    const f = inner === undefined ? null : FORMULA.exec(inner);
    if (!f || attribute(f[1], "t") !== "shared" || f[2] === undefined) continue;
    const index = attribute(f[1], "si");
    if (index !== undefined && fileFormulaCallsAddin(unescapeXml(f[2]))) sharedCalling.add(index);
  }
  let replaced = 0;
  const missing: SheetCell[] = [];
  const out = xml.replace(CELL, (whole, attrs: string, inner: string | undefined) => {
    const f = inner === undefined ? null : FORMULA.exec(inner);
    if (!f || inner === undefined) return whole;
    const text = f[2] === undefined ? undefined : unescapeXml(f[2]);
    const calls =
      text !== undefined && text !== ""
        ? fileFormulaCallsAddin(text)
        : attribute(f[1], "t") === "shared" && sharedCalling.has(attribute(f[1], "si") ?? "");
    if (!calls) return whole;
    const address = attribute(attrs, "r") ?? "";
    const given = supplied.get(cellKey({ sheet, address }));
    const content = given !== undefined ? valueContent(given) : savedValue(attrs, inner);
    if (!content) {
      missing.push({ sheet, address });
      return whole;
    }
    replaced++;
    return cellWith(attrs, content);
  });
  return { xml: out, replaced, missing };
}

/**
 * Drops the calculation chain, which lists formula cells for Excel's recalculation: it would name
 * cells that no longer hold one (Excel offers to repair such a file). Excel builds it again.
 */
async function dropCalcChain(zip: JSZip): Promise<void> {
  const chain = (await workbookRelationships(zip)).find((rel) => rel.type === CALC_CHAIN_TYPE);
  if (!chain) return;
  zip.remove(chain.part);
  const relsPath = "xl/_rels/workbook.xml.rels";
  const rels = (await zip.file(relsPath)?.async("string")) ?? "";
  zip.file(
    relsPath,
    rels.replace(/<Relationship\b[^>]*>/g, (tag) => (tag.includes(`"${CALC_CHAIN_TYPE}"`) ? "" : tag)),
  );
  const typesPath = "[Content_Types].xml";
  const types = (await zip.file(typesPath)?.async("string")) ?? "";
  zip.file(
    typesPath,
    types.replace(/<Override\b[^>]*>/g, (tag) => (tag.includes(`PartName="/${chain.part}"`) ? "" : tag)),
  );
}

/**
 * The file with every formula of the add-in's replaced by its value (from the file, or from
 * `supplied` by "Sheet!A1"), or the cells whose values the file lacks. The input is not changed.
 */
export async function fileWithValues(
  file: Uint8Array,
  supplied: ReadonlyMap<string, CellValue> = new Map(),
): Promise<ValuesFile> {
  const zip = await JSZip.loadAsync(file);
  let replaced = 0;
  const sheets: string[] = [];
  const missing: SheetCell[] = [];
  const changed = new Map<string, string>();
  for (const [name, part] of await worksheetParts(zip)) {
    const xml = await zip.file(part)?.async("string");
    if (xml === undefined) continue;
    const done = sheetWithValues(name, xml, supplied);
    missing.push(...done.missing);
    if (done.replaced === 0) continue;
    replaced += done.replaced;
    sheets.push(name);
    changed.set(part, done.xml);
  }
  if (missing.length > 0) return { missing };
  for (const [part, xml] of changed) zip.file(part, xml);
  if (replaced > 0) await dropCalcChain(zip);
  const bytes = await zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
  return { bytes, replaced, sheets };
}
