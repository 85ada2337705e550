/**
 * Renders a Plan into the open workbook through Office.js, following Microsoft's guidance for large
 * writes ("Performance optimization using the Excel JavaScript API", "Read or write to a large range"):
 * whole blocks of rows through one `range.formulas` and one `range.numberFormat` each, font and border
 * calls once per run of like-styled cells, calculation suspended in every batch and screen updating
 * once per run, and as few `context.sync()` calls as the 5 MB payload limit of Excel on the web allows:
 * one or two to check, one per PAYLOAD_BUDGET of cells, and one to recalculate.
 *
 * Only the add-in's own sheets are touched. Before anything changes, every sheet the plan would
 * replace or delete is checked for the add-in's A2 marker, and every sheet it would create is
 * checked to be absent; a failed check throws and leaves the workbook as it was.
 */
import { MARKER, MARKER_CELL, a1, columnLetters, parseAddress, refText } from "../workbook/a1";
import { ownedRole, sheetNameFault, sheetNameKey as nameKey } from "../workbook/owned";
import {
  type CellStyle,
  type ChartPlan,
  type Plan,
  type PlanCell,
  PRINT_FOOTER,
  type SheetPlan,
} from "../workbook/plan/types";
import { PAYLOAD_BUDGET, jsonBytes, utf8Length } from "./payload";
import { columnWidthPoints, GENERAL, hasDecoration, lookOf } from "./styles";

export interface WriteOptions {
  /** Called after every context.sync() with the syncs done so far and the syncs in all. */
  onProgress?(done: number, total: number): void;
  /** Bytes of values, formulas and formats per sync; PAYLOAD_BUDGET (4 MB) unless given. */
  budgetBytes?: number;
}

export interface WriteResult {
  /** context.sync() calls made. */
  syncs: number;
  /** The largest batch sent, in bytes of JSON of what it set. */
  largestRequestBytes: number;
}

/** A queued Office.js call, run when its batch is sent. */
type Op = (handles: Handles) => void;

interface Handles {
  context: Excel.RequestContext;
  /** Each plan sheet's worksheet, by plan index, once it exists (added, or the one reused). */
  sheets: Excel.Worksheet[];
}

/** Bytes counted for each call on top of its data: the object path and action of the request. */
const CALL_BYTES = 64;

/**
 * Write `plan` into the workbook of `context`. Throws, changing nothing, when a sheet in
 * plan.reuse or plan.remove is not the add-in's own or a new sheet's name is taken.
 */
export async function writePlan(
  context: Excel.RequestContext,
  plan: Plan,
  options: WriteOptions = {},
): Promise<WriteResult> {
  checkPlanShape(plan);
  const budget = options.budgetBytes ?? PAYLOAD_BUDGET;
  let syncs = 0;
  let largest = 0;
  let expected = 2 + Math.max(1, plan.sheets.length); // a first guess, replaced once the batches are built
  const synced = async (bytes: number): Promise<void> => {
    await context.sync();
    syncs++;
    largest = Math.max(largest, bytes);
    options.onProgress?.(syncs, Math.max(expected, syncs));
  };

  // Sync 1: which sheets exist.
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await synced(0);
  const existing = new Map(worksheets.items.map((ws) => [nameKey(ws.name), ws] as const));

  const reuse = new Set(plan.reuse.map(nameKey));
  for (const sheet of plan.sheets) {
    const there = existing.has(nameKey(sheet.name));
    if (reuse.has(nameKey(sheet.name)) && !there)
      throw new Error(
        `The add-in's sheet "${sheet.name}" is no longer in the workbook, so it cannot be rewritten. Nothing was changed: run again.`,
      );
    if (!reuse.has(nameKey(sheet.name)) && there)
      throw new Error(
        `A sheet named "${sheet.name}" already exists and is not one this run replaces. Nothing was changed: rename that sheet or run again.`,
      );
  }

  // Sync 2: the A2 marker of every sheet to be replaced or deleted, and the charts to clear.
  const toCheck = [...plan.reuse, ...plan.remove].flatMap((name) => {
    const ws = existing.get(nameKey(name));
    return ws ? [{ name, ws, a2: ws.getRange(MARKER_CELL) }] : []; // a sheet to delete that has gone already needs nothing
  });
  const reused = plan.reuse.map((name) => existing.get(nameKey(name)) as Excel.Worksheet);
  if (toCheck.length > 0) {
    for (const item of toCheck) item.a2.load("values");
    for (const ws of reused) ws.charts.load("items/name");
    await synced(0);
  }
  for (const { name, a2 } of toCheck) {
    const role = ownedRole(a2.values[0]?.[0]);
    if (role === undefined)
      throw new Error(
        `The sheet "${name}" is not one the add-in made (its cell A2 has no "Made by the Shared Services add-in" note), so it was left alone. Nothing was changed.`,
      );
    const planned = plan.sheets.find((s) => nameKey(s.name) === nameKey(name));
    if (planned && planned.role !== role)
      throw new Error(
        `The sheet "${name}" holds the add-in's ${role} table, not its ${planned.role} table, so it was left alone. Nothing was changed.`,
      );
  }

  // Build every batch before sending any, so progress can say how many syncs there will be.
  const batches = new Batches(budget);
  const markers = plan.sheets.map((sheet) => formulaOf(sheet.rows[MARKER.row - 1][MARKER.column - 1]));
  batches.add(CALL_BYTES * (2 * plan.sheets.length + plan.remove.length + 1) + jsonBytes(markers), (h) => {
    plan.sheets.forEach((sheet, i) => {
      const index = plan.reuse.findIndex((name) => nameKey(name) === nameKey(sheet.name));
      if (index < 0) h.sheets[i] = h.context.workbook.worksheets.add(sheet.name);
      else {
        // Cleared and rewritten in place, never deleted, so the user's formulas that refer to it keep working.
        const ws = reused[index];
        ws.getRange().clear("All");
        for (const chart of ws.charts.items) chart.delete();
        ws.freezePanes.unfreeze();
        h.sheets[i] = ws;
      }
      // The marker goes in with the new or cleared sheet, so that if Excel stops a later batch the
      // sheet is still known as the add-in's own and the next run replaces it.
      h.sheets[i].getRange(MARKER_CELL).formulas = [[markers[i]]];
    });
    // Deleted after the new sheets are added, as Excel will not delete a workbook's last sheet.
    for (const name of plan.remove) {
      const item = toCheck.find((c) => c.name === name);
      item?.ws.delete();
    }
  });
  plan.sheets.forEach((sheet, i) => queueSheet(batches, sheet, i));
  const list = batches.done();
  expected = syncs + list.length + 1;

  const handles: Handles = { context, sheets: [] };
  for (const [i, batch] of list.entries()) {
    // Calculation is suspended until the next sync only, so each batch asks again. Screen updating
    // is suspended once, for the first batch (it adds or clears the sheets): Microsoft's performance
    // guidance says "Don't call suspendScreenUpdatingUntilNextSync repeatedly (such as in a loop).
    // Repeated calls will cause the Excel window to flicker." The progress bar shows the rest.
    context.workbook.application.suspendApiCalculationUntilNextSync();
    if (i === 0) context.workbook.application.suspendScreenUpdatingUntilNextSync();
    for (const op of batch.ops) op(handles);
    try {
      await synced(batch.bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Excel stopped the write at step ${i + 1} of ${list.length} (${reason}). Only the add-in's sheets (${plan.sheets.map((s) => s.name).join(", ")}) may be part-written; your own sheets were not touched. Run again to rewrite them.`,
      );
    }
  }
  // The Application reference says that after suspendApiCalculationUntilNextSync "it is the
  // developer's responsibility to re-calc the workbook, to ensure that any dependencies are
  // propagated": formulas written in an early batch may refer to cells written in a later one.
  // "Recalculate" works only through the cells marked as changed, not the whole workbook.
  context.workbook.application.calculate("Recalculate");
  await synced(CALL_BYTES);
  return { syncs, largestRequestBytes: largest };
}

/** Mistakes in the plan itself (the planner's, not the user's): caught before the workbook is read. */
function checkPlanShape(plan: Plan): void {
  const seen = new Set<string>();
  for (const sheet of plan.sheets) {
    if (seen.has(nameKey(sheet.name))) throw new Error(`The plan has two sheets named "${sheet.name}".`);
    // Excel's own rules for a sheet name, checked here so a bad one stops the run before anything is written.
    const fault = sheetNameFault(sheet.name);
    if (fault !== undefined) throw new Error(`"${sheet.name}" cannot be a sheet name in Excel: ${fault}.`);
    seen.add(nameKey(sheet.name));
    const a2 = sheet.rows[MARKER.row - 1]?.[MARKER.column - 1];
    if (a2?.kind !== "text" || ownedRole(a2.text) !== sheet.role)
      throw new Error(
        `The plan's sheet "${sheet.name}" has no ${sheet.role} marker in A2, so a later run could not replace it.`,
      );
  }
  for (const name of plan.reuse)
    if (!seen.has(nameKey(name))) throw new Error(`The plan reuses "${name}" but has no sheet of that name.`);
  for (const name of plan.remove)
    if (seen.has(nameKey(name))) throw new Error(`The plan both writes and deletes the sheet "${name}".`);
}

/** Ops packed into batches of at most `budget` bytes each (a single op larger than that goes alone). */
class Batches {
  private readonly list: { ops: Op[]; bytes: number }[] = [{ ops: [], bytes: 0 }];
  constructor(readonly budget: number) {}

  private get current(): { ops: Op[]; bytes: number } {
    return this.list[this.list.length - 1];
  }
  /** Bytes still free in the current batch. */
  get room(): number {
    return this.budget - this.current.bytes;
  }
  /** True when nothing has been put in the current batch yet. */
  get empty(): boolean {
    return this.current.ops.length === 0;
  }
  next(): void {
    if (!this.empty) this.list.push({ ops: [], bytes: 0 });
  }
  add(bytes: number, op: Op): void {
    if (bytes > this.room) this.next();
    this.current.ops.push(op);
    this.current.bytes += bytes;
  }
  done(): { ops: Op[]; bytes: number }[] {
    return this.list.filter((b) => b.ops.length > 0);
  }
}

/**
 * Text that Excel would read as something else if written as it stands, and so needs a leading
 * apostrophe. Range.formulas (like Range.values) reads a string starting with =, +, - or @ as a
 * formula (the Range.values reference says so for =, + and -; @ is Excel's old function prefix), and
 * a string that looks like a number, date, TRUE/FALSE or an error as that value ("2011/12" would
 * become a date). A leading apostrophe is Excel's own way of saying "this is text", exactly as when
 * a user types it: the apostrophe becomes the cell's quote prefix and is not part of the value, so
 * the cell holds and shows the text unchanged (reading it back through range.values or range.formulas
 * gives the text without the apostrophe, which is what office-js issue #6687 reports). We prefer it to
 * numberFormat "@": it travels in the same array as the text, so it does not depend on the format
 * being applied first, and it leaves the cell's number format to the style.
 * Plain words starting with a letter are left as they are, to keep the quote prefix rare.
 */
export function needsQuotePrefix(text: string): boolean {
  return (
    /^[^A-Za-z]/.test(text) || // = + - @ ' # digits £ ( and leading spaces
    /^(true|false)$/i.test(text) ||
    /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.,]*\d/i.test(text) // Sep-2011, March 2012
  );
}

/** Text as range.formulas must get it to keep it text: quote-prefixed where Excel would read it otherwise. */
export function asTyped(text: string): string {
  return text !== "" && needsQuotePrefix(text) ? `'${text}` : text;
}

/** What range.formulas gets for a plan cell. */
function formulaOf(cell: PlanCell | undefined): string | number {
  if (cell === undefined) return ""; // blank: written as "" so a spill from above or the left has room
  switch (cell.kind) {
    case "text":
      return asTyped(cell.text);
    case "number":
      return cell.value.toNumber(); // the Excel boundary: Decimal becomes a double here and only here
    case "formula":
    case "spill":
      // Typed form (=SHARED.APPORTION(...)); Excel resolves the add-in's function when it is entered.
      return cell.formula;
  }
}

/**
 * The style of every cell a spill covers, from its anchor, so spilled amounts get the anchor's
 * number format and font; and, for each anchor row, the last row its spill reaches.
 */
function spillCover(sheet: SheetPlan): { styles: Map<string, CellStyle | undefined>; reach: number[] } {
  const styles = new Map<string, CellStyle | undefined>();
  const reach: number[] = [];
  sheet.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell?.kind !== "spill") return;
      const height = cell.values.length;
      const width = Math.max(0, ...cell.values.map((v) => v.length));
      for (let i = 0; i < height; i++)
        for (let j = 0; j < width; j++)
          if ((i || j) && sheet.rows[r + i]?.[c + j] === undefined) styles.set(`${r + i},${c + j}`, cell.style);
      reach[r] = Math.max(reach[r] ?? r, r + height - 1);
    }),
  );
  return { styles, reach };
}

function queueSheet(batches: Batches, sheet: SheetPlan, index: number): void {
  const { styles: spilled, reach } = spillCover(sheet);
  const styleAt = (r: number, c: number): CellStyle | undefined => {
    const cell = sheet.rows[r]?.[c];
    return cell ? cell.style : spilled.get(`${r},${c}`);
  };
  let width = Math.max(0, ...sheet.rows.map((row) => row.length));
  for (const key of spilled.keys()) width = Math.max(width, Number(key.split(",")[1]) + 1);
  const height = Math.max(sheet.rows.length, ...reach.filter((r) => r !== undefined).map((r) => r + 1));

  // Cells: blocks of whole rows, each as large as the current batch has room for.
  if (width > 0) {
    let block:
      { formulas: (string | number)[][]; formats: (string | null)[][]; bytes: number; top: number } | undefined;
    let mustReach = -1; // a block does not end inside a spill it holds the anchor of
    const flush = (): void => {
      if (!block) return;
      const { formulas, formats, top } = block;
      const address = `${a1(top + 1, 1)}:${a1(top + formulas.length, width)}`;
      batches.add(block.bytes, (h) => {
        const range = h.sheets[index].getRange(address);
        range.formulas = formulas;
        range.numberFormat = formats;
      });
      block = undefined;
    };
    for (let r = 0; r < height; r++) {
      const formulas: (string | number)[] = [];
      const formats: (string | null)[] = [];
      for (let c = 0; c < width; c++) {
        const formula = formulaOf(sheet.rows[r]?.[c]);
        if (typeof formula === "number" && !Number.isFinite(formula))
          throw new Error(
            `The plan puts ${formula} in ${refText({ sheet: sheet.name, row: r + 1, column: c + 1 })}, which Excel cannot hold. Nothing was changed.`,
          );
        formulas.push(formula);
        const format = lookOf(styleAt(r, c)).numberFormat;
        formats.push(format === GENERAL ? null : format); // null leaves General, as a new or cleared sheet has
      }
      const rowBytes = jsonBytes(formulas) + jsonBytes(formats) + 2;
      if (block && r > mustReach && block.bytes + rowBytes > batches.room) flush();
      if (!block) {
        if (!batches.empty && rowBytes + CALL_BYTES > batches.room) batches.next();
        block = { formulas: [], formats: [], bytes: CALL_BYTES + 4, top: r };
      }
      block.formulas.push(formulas);
      block.formats.push(formats);
      block.bytes += rowBytes;
      mustReach = Math.max(mustReach, reach[r] ?? -1);
    }
    flush();
  }

  // Fonts, fills and borders: one call per rectangle of like-styled cells (runs along a row, joined
  // with the same run on the rows below).
  for (const box of styleBoxes(height, width, styleAt)) {
    const look = lookOf(box.style);
    const address = `${a1(box.top + 1, box.left + 1)}:${a1(box.bottom + 1, box.right + 1)}`;
    batches.add(CALL_BYTES + jsonBytes({ address, look }), (h) => {
      const format = h.sheets[index].getRange(address).format;
      if (look.bold) format.font.bold = true;
      if (look.italic) format.font.italic = true;
      if (look.size) format.font.size = look.size;
      if (look.color) format.font.color = look.color;
      if (look.fill) format.fill.color = look.fill;
      if (look.borderTop) format.borders.getItem("EdgeTop").style = "Continuous";
      if (look.borderBottom) format.borders.getItem("EdgeBottom").style = "Continuous";
      if (look.wrap) format.wrapText = true;
    });
  }

  // Column widths, one call per run of equal widths.
  const widths = sheet.widths ?? [];
  for (let c = 0; c < widths.length;) {
    let end = c;
    while (end + 1 < widths.length && widths[end + 1] === widths[c]) end++;
    const points = columnWidthPoints(widths[c]);
    const address = `${columnLetters(c + 1)}:${columnLetters(end + 1)}`;
    if (widths[c] > 0)
      batches.add(
        CALL_BYTES + utf8Length(address) + 8,
        (h) => (h.sheets[index].getRange(address).format.columnWidth = points),
      );
    c = end + 1;
  }

  // Rows whose wrapped text needs more than a line, at the height the plan gives them (sheet.ts).
  (sheet.heights ?? []).forEach((points, r) => {
    if (!points) return;
    const address = `${r + 1}:${r + 1}`;
    batches.add(
      CALL_BYTES + utf8Length(address) + 8,
      (h) => (h.sheets[index].getRange(address).format.rowHeight = points),
    );
  });

  if (sheet.freezeRows && sheet.freezeRows > 0) {
    const rows = sheet.freezeRows;
    batches.add(CALL_BYTES, (h) => h.sheets[index].freezePanes.freezeRows(rows));
  }

  // Page set-up for printing (ExcelApi 1.9): A4, one page wide, headings repeated, the footer.
  const print = sheet.print;
  if (print) {
    const titles = print.repeatRows ? `$${print.repeatRows.first}:$${print.repeatRows.last}` : undefined;
    batches.add(CALL_BYTES * 6, (h) => {
      const layout = h.sheets[index].pageLayout;
      layout.paperSize = "A4";
      layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (titles) layout.setPrintTitleRows(titles);
      layout.headersFooters.defaultForAllPages.leftFooter = PRINT_FOOTER.left;
      layout.headersFooters.defaultForAllPages.rightFooter = PRINT_FOOTER.right;
    });
  }

  for (const chart of sheet.charts ?? []) {
    if (chart.series.length === 0) continue; // nothing to draw
    batches.add(CALL_BYTES * (3 + 3 * chart.series.length) + jsonBytes(chart), (h) => addChart(h.sheets[index], chart));
  }
}

interface StyleBox {
  style: CellStyle | undefined;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Rectangles (0-based, inclusive) of cells sharing a decorated style. */
export function styleBoxes(
  height: number,
  width: number,
  styleAt: (r: number, c: number) => CellStyle | undefined,
): StyleBox[] {
  const done: StyleBox[] = [];
  let open = new Map<string, StyleBox>();
  for (let r = 0; r < height; r++) {
    const next = new Map<string, StyleBox>();
    for (let c = 0; c < width;) {
      const style = styleAt(r, c);
      let end = c;
      while (end + 1 < width && styleAt(r, end + 1) === style) end++;
      if (hasDecoration(style)) {
        const key = `${c},${end},${style}`;
        const above = open.get(key);
        if (above) {
          above.bottom = r;
          open.delete(key);
          next.set(key, above);
        } else next.set(key, { style, top: r, left: c, bottom: r, right: end });
      }
      c = end + 1;
    }
    done.push(...open.values());
    open = next;
  }
  done.push(...open.values());
  return done;
}

/** Series in rows for a one-row range, in columns for a one-column range. */
function seriesBy(address: string): "Rows" | "Columns" | "Auto" {
  const box = parseAddress(address);
  if (box.top === box.bottom) return "Rows";
  if (box.left === box.right) return "Columns";
  return "Auto";
}

function addChart(ws: Excel.Worksheet, plan: ChartPlan): void {
  const [first, ...rest] = plan.series;
  const chart = ws.charts.add(
    plan.kind === "line" ? "Line" : "ColumnClustered",
    ws.getRange(first.values),
    seriesBy(first.values),
  );
  chart.title.text = plan.title;
  const categories = ws.getRange(plan.categories);
  const series = chart.series.getItemAt(0);
  series.name = first.name;
  series.setXAxisValues(categories);
  for (const more of rest) {
    const added = chart.series.add(more.name);
    added.setValues(ws.getRange(more.values));
    added.setXAxisValues(categories);
  }
  chart.setPosition(plan.at);
}
