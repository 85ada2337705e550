/**
 * Finishing touches on the .xlsx package (the zip) after ExcelJS has written it, for what ExcelJS
 * cannot write: a dynamic-array formula needs cm="1" on its cell and the xl/metadata.xml part that
 * says metadata 1 is a dynamic array (XLDAPR, fDynamic="1"); without them Excel opens the formula
 * as a legacy {=CSE} array that does not spill.
 */
import JSZip from "jszip";
import { unescapeXml } from "./xml";

const METADATA_PATH = "xl/metadata.xml";
const METADATA_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml";
export const METADATA_RELATIONSHIP =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata";
/** The calculation engine of current Excel (Microsoft 365). A file stamped with an older one is
 * recalculated in full when opened, which would replace the stored results of SHARED.* cells with
 * #NAME? wherever the add-in is not installed. */
export const CURRENT_CALC_ID = "191029";

/** Cell metadata 1 = dynamic array, as Excel writes it. */
export const DYNAMIC_ARRAY_METADATA =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1">' +
  '<metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" ' +
  'splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/>' +
  "</metadataTypes>" +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst>' +
  '<ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext>' +
  "</extLst></bk></futureMetadata>" +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>' +
  "</metadata>";

function attribute(tag: string, name: string): string | undefined {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return found ? unescapeXml(found[1]) : undefined;
}

/** The workbook's relationships: id → part path in the zip, and type. */
export async function workbookRelationships(zip: JSZip): Promise<{ id: string; type: string; part: string }[]> {
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const found: { id: string; type: string; part: string }[] = [];
  for (const [tag] of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attribute(tag, "Id");
    const target = attribute(tag, "Target");
    if (!id || !target) continue;
    found.push({
      id,
      type: attribute(tag, "Type") ?? "",
      part: target.startsWith("/") ? target.slice(1) : `xl/${target}`,
    });
  }
  return found;
}

/** Each worksheet's name → its part in the zip (e.g. "xl/worksheets/sheet3.xml"). */
export async function worksheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const targets = new Map((await workbookRelationships(zip)).map((rel) => [rel.id, rel.part]));
  const parts = new Map<string, string>();
  for (const [tag] of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attribute(tag, "name");
    const id = /\s[\w]+:id="([^"]*)"/.exec(tag)?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name !== undefined && part) parts.set(name, part);
  }
  return parts;
}

/** The cell-metadata indices (cm="…") that mean "dynamic array" in a metadata part. */
export function dynamicArrayIndices(metadata: string): Set<string> {
  const types = [...metadata.matchAll(/<(?:\w+:)?metadataType\b[^>]*>/g)].map(([tag]) => attribute(tag, "name"));
  const cellMetadata = /<(?:\w+:)?cellMetadata\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellMetadata>/.exec(metadata)?.[1] ?? "";
  const indices = new Set<string>();
  [...cellMetadata.matchAll(/<(?:\w+:)?bk\b[^>]*>([\s\S]*?)<\/(?:\w+:)?bk>/g)].forEach(([, block], i) => {
    const record = /<(?:\w+:)?rc\b[^>]*>/.exec(block)?.[0];
    const type = record ? Number(attribute(record, "t")) : NaN;
    if (types[type - 1] === "XLDAPR") indices.add(String(i + 1));
  });
  return indices;
}

/**
 * The cells of a workbook's sheets that hold dynamic-array formulas, by sheet name. ExcelJS keeps
 * such a formula as an array formula but drops the flag that makes it spill, so the flag is put
 * back on the user's sheets after ExcelJS has written them.
 */
export async function dynamicArrayCells(file: Uint8Array): Promise<Map<string, Set<string>>> {
  const zip = await JSZip.loadAsync(file);
  const metadataPart = (await workbookRelationships(zip)).find((rel) => rel.type === METADATA_RELATIONSHIP)?.part;
  const metadata = metadataPart ? await zip.file(metadataPart)?.async("string") : undefined;
  const cells = new Map<string, Set<string>>();
  if (!metadata) return cells;
  const dynamic = dynamicArrayIndices(metadata);
  if (dynamic.size === 0) return cells;
  for (const [name, part] of await worksheetParts(zip)) {
    const xml = (await zip.file(part)?.async("string")) ?? "";
    const anchors = new Set<string>();
    for (const [tag] of xml.matchAll(/<(?:\w+:)?c\s[^>]*\scm="[^"]*"[^>]*>/g)) {
      const address = attribute(tag, "r");
      if (address && dynamic.has(attribute(tag, "cm") ?? "")) anchors.add(address);
    }
    if (anchors.size > 0) cells.set(name, anchors);
  }
  return cells;
}

/**
 * Adds cm="1" to each anchor's <c> element; returns the addresses not found. With `onlyArrays`, a
 * cell is marked only if it still holds an array formula.
 */
export function markDynamicArrays(
  sheetXml: string,
  anchors: ReadonlySet<string>,
  onlyArrays = false,
): { xml: string; missing: string[] } {
  const found = new Set<string>();
  const xml = sheetXml.replace(
    /<c r="([A-Z]+[0-9]+)"(?![^>]*\scm=)(?=([^>]*>\s*<f t="array")?)/g,
    (tag, address: string, array?: string) => {
      if (!anchors.has(address) || (onlyArrays && array === undefined)) return tag;
      found.add(address);
      return `${tag} cm="1"`;
    },
  );
  return { xml, missing: [...anchors].filter((address) => !found.has(address)) };
}

export async function addMetadataPart(zip: JSZip): Promise<void> {
  zip.file(METADATA_PATH, DYNAMIC_ARRAY_METADATA);

  const typesPath = "[Content_Types].xml";
  let types = (await zip.file(typesPath)?.async("string")) ?? "";
  if (!types.includes('PartName="/xl/metadata.xml"')) {
    types = types.replace(
      "</Types>",
      `<Override PartName="/${METADATA_PATH}" ContentType="${METADATA_CONTENT_TYPE}"/></Types>`,
    );
    zip.file(typesPath, types);
  }

  const relsPath = "xl/_rels/workbook.xml.rels";
  let rels = (await zip.file(relsPath)?.async("string")) ?? "";
  if (!rels.includes(METADATA_RELATIONSHIP)) {
    const used = new Set([...rels.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="rId${n}" Type="${METADATA_RELATIONSHIP}" Target="metadata.xml"/></Relationships>`,
    );
    zip.file(relsPath, rels);
  }
}

/** Stamps the workbook as calculated by current Excel, so it opens with the stored results. */
export async function stampCalculation(zip: JSZip): Promise<void> {
  const path = "xl/workbook.xml";
  const workbook = await zip.file(path)?.async("string");
  if (workbook === undefined) return;
  const stamped = workbook.replace(/<calcPr\b[^>]*?\/?>/, (tag) =>
    tag
      .replace(/\scalcId="[^"]*"/, ` calcId="${CURRENT_CALC_ID}"`)
      .replace(/\sfullCalcOnLoad="[^"]*"/, "")
      .replace(/\sforceFullCalc="[^"]*"/, ""),
  );
  zip.file(path, stamped);
}

/**
 * The finished package: `dynamicArrays` maps a sheet name to the addresses of its spilling
 * formulas' anchor cells, already written by ExcelJS as <f t="array" ref="…">; `kept` does the
 * same for the user's own dynamic arrays found in the input (see dynamicArrayCells).
 */
export async function finishPackage(
  written: Uint8Array,
  dynamicArrays: ReadonlyMap<string, ReadonlySet<string>>,
  kept: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(written);
  const parts = await worksheetParts(zip);
  let any = false;
  for (const [sheet, anchors] of dynamicArrays) {
    if (anchors.size === 0) continue;
    const part = parts.get(sheet);
    const xml = part ? await zip.file(part)?.async("string") : undefined;
    if (!part || xml === undefined) throw new Error(`Internal error: the written file has no sheet "${sheet}".`);
    const marked = markDynamicArrays(xml, anchors);
    if (marked.missing.length > 0) {
      throw new Error(`Internal error: ${sheet}!${marked.missing[0]} was not written as an array formula.`);
    }
    zip.file(part, marked.xml);
    any = true;
  }
  for (const [sheet, anchors] of kept) {
    const part = parts.get(sheet);
    const xml = part ? await zip.file(part)?.async("string") : undefined;
    if (!part || xml === undefined || dynamicArrays.has(sheet)) continue;
    const marked = markDynamicArrays(xml, anchors, true);
    if (marked.xml === xml) continue;
    zip.file(part, marked.xml);
    any = true;
  }
  if (any) await addMetadataPart(zip);
  await stampCalculation(zip);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
