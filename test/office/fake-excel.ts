/**
 * An in-memory stand-in for the part of the Excel JavaScript API the add-in uses, which applies
 * what it is asked to do so the result can be checked (office-addin-mock records calls but keeps
 * no workbook). Like Office.js, calls are queued and run only at `context.sync()`, and a property
 * can be read only after it was loaded and synced. Each sync is recorded with its request size (JSON
 * of what was set since the previous sync) and response size (JSON of what was loaded), and whether
 * calculation and screen updating were suspended for it.
 *
 * Cells follow Excel's entry rules: a string written through values or formulas that starts with
 * "=", "+", "-" or "@" becomes a formula (unless it is a number); one that looks like a number,
 * TRUE/FALSE, a date or an error becomes that; a leading apostrophe makes the rest text (the quote
 * prefix, not part of the value); "" clears the cell and null leaves it. Formulas are not calculated:
 * a formula cell's value is what `calculate` returns (null unless one is given). Read through
 * Office.js, a formula that calls the add-in's SHARED functions and has no value yet reads as real
 * Excel shows it: #BUSY! while the functions calculate, #NAME? before they are registered
 * (options.functions); any other formula without a value reads as 0.
 *
 * For an end-to-end test: FakeWorkbook.fromGrids(grids), then readWorkbook / writePlan on
 * `workbook.context`, then workbook.formulas(name) / workbook.values(name) / workbook.sheet(name).
 */
import { type CellValue, isErrorCell, type SheetGrid } from "../../src/workbook/grid";
import { type CellBox, a1, parseAddress } from "../../src/workbook/a1";
import { utf8Length } from "../../src/office/payload";

const GENERAL = "General";

export interface FakeCell {
  /** The cell's value as range.values gives it (null: blank). */
  value: CellValue;
  /** The formula, for a formula cell. */
  formula?: string;
  /** Written with a leading apostrophe. */
  quotePrefix?: boolean;
  /** Excel turned the text written into a date. */
  madeDate?: boolean;
  numberFormat: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  borderTop?: string;
  borderBottom?: string;
  wrapText?: boolean;
}

export interface FakeChart {
  id: number;
  type: string;
  title: string;
  source: string;
  seriesBy: string;
  series: { name: string; values: string; categories?: string }[];
  at?: string;
}

export class FakeSheet {
  readonly cells = new Map<number, FakeCell>();
  charts: FakeChart[] = [];
  frozenRows = 0;
  /** What pageLayout was given (ExcelApi 1.9), by property: paperSize, orientation, zoom, printTitleRows, leftFooter… */
  readonly pageLayout: Record<string, unknown> = {};
  /** Column widths in points by 1-based column. */
  readonly columnWidths = new Map<number, number>();
  /** Row heights in points by 1-based row, where one was set. */
  readonly rowHeights = new Map<number, number>();
  constructor(public name: string) {}

  static key(row: number, column: number): number {
    return row * 20_000 + column;
  }
  cell(row: number, column: number): FakeCell | undefined {
    return this.cells.get(FakeSheet.key(row, column));
  }
  touch(row: number, column: number): FakeCell {
    const key = FakeSheet.key(row, column);
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { value: null, numberFormat: GENERAL }));
    return cell;
  }
  /** The smallest box holding every cell with content (valuesOnly) or with anything at all. */
  usedBox(valuesOnly: boolean): CellBox | undefined {
    let box: CellBox | undefined;
    for (const [key, cell] of this.cells) {
      const used = cell.value !== null || cell.formula !== undefined || (!valuesOnly && !isPlain(cell));
      if (!used) continue;
      const row = Math.floor(key / 20_000);
      const column = key % 20_000;
      if (!box) box = { top: row, bottom: row, left: column, right: column };
      else {
        box.top = Math.min(box.top, row);
        box.bottom = Math.max(box.bottom, row);
        box.left = Math.min(box.left, column);
        box.right = Math.max(box.right, column);
      }
    }
    return box;
  }
}

function isPlain(cell: FakeCell): boolean {
  return (
    cell.numberFormat === GENERAL &&
    !cell.bold &&
    !cell.italic &&
    !cell.size &&
    !cell.color &&
    !cell.fill &&
    !cell.borderTop &&
    !cell.borderBottom &&
    !cell.wrapText
  );
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  /** Calls that changed the workbook. */
  writes: number;
  calculationSuspended: boolean;
  screenUpdatingSuspended: boolean;
  /** The application.calculate() types asked for, if any. */
  calculated?: string;
}

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

// Counted in plain code, not with Buffer or TextEncoder: the fake also runs in the browser (the
// task pane's end-to-end test) and in jsdom (its component tests), which lack one or the other.
const bytes = (value: unknown): number => utf8Length(JSON.stringify(value) ?? "");

interface Queued {
  run(): number; // response bytes
  requestBytes: number;
  write: boolean;
}

export interface FakeOptions {
  /** The value a formula cell shows; null unless given. */
  calculate?(sheet: string, row: number, column: number, formula: string): CellValue;
  /**
   * Where the add-in's SHARED functions are, for a formula calling one that has no value: while
   * they calculate (the default) Excel shows #BUSY!; before the add-in has registered them, #NAME?.
   */
  functions?: "calculating" | "not registered";
}

/** A formula that calls one of the add-in's functions. */
const CALLS_SHARED = /(^|[^A-Za-z0-9_.])SHARED\.[A-Za-z]/i;

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  /** The active sheet and selected range, once the code under test has activated or selected one. */
  selection?: { sheet: string; address: string };
  readonly syncs: SyncRecord[] = [];
  /** How many times suspendScreenUpdatingUntilNextSync was called (each call is a flicker in Excel). */
  screenSuspensions = 0;
  /** The fake as Office.js's type, to hand to the code under test. */
  readonly context: Excel.RequestContext;
  readonly internal: FakeContext;

  constructor(readonly options: FakeOptions = {}) {
    this.internal = new FakeContext(this);
    this.context = this.internal as unknown as Excel.RequestContext;
  }

  /** A workbook holding these sheets' values (A1-anchored, as SheetGrid has them), in order. */
  static fromGrids(grids: readonly SheetGrid[], options?: FakeOptions): FakeWorkbook {
    const workbook = new FakeWorkbook(options);
    for (const grid of grids) {
      const sheet = workbook.addSheet(grid.name);
      grid.values.forEach((row, r) =>
        row.forEach((value, c) => {
          if (value !== null && value !== undefined) sheet.touch(r + 1, c + 1).value = value;
          const format = grid.formats?.[r]?.[c];
          if (format !== undefined) sheet.touch(r + 1, c + 1).numberFormat = format;
        }),
      );
    }
    return workbook;
  }

  addSheet(name: string): FakeSheet {
    if (this.sheet(name)) throw new FakeExcelError("ItemAlreadyExists", `a sheet named ${name} exists`);
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }
  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }
  private need(name: string): FakeSheet {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }
  private grid<T>(name: string, pick: (cell: FakeCell | undefined) => T): T[][] {
    const sheet = this.need(name);
    const box = sheet.usedBox(true);
    if (!box) return [];
    const rows: T[][] = [];
    for (let r = 1; r <= box.bottom; r++) {
      const row: T[] = [];
      for (let c = 1; c <= box.right; c++) row.push(pick(sheet.cell(r, c)));
      rows.push(row);
    }
    return rows;
  }
  /** Values from A1 to the used range's end (null: blank). */
  values(name: string): CellValue[][] {
    return this.grid(name, (cell) => cell?.value ?? null);
  }
  /** Formulas where a cell has one, values elsewhere, from A1 (null: blank). */
  formulas(name: string): (string | number | boolean | null)[][] {
    return this.grid(name, (cell) => {
      if (cell?.formula !== undefined) return cell.formula;
      const value = cell?.value ?? null;
      return typeof value === "object" && value !== null ? (isErrorCell(value) ? value.error : value.formula) : value;
    });
  }
  numberFormats(name: string): string[][] {
    return this.grid(name, (cell) => cell?.numberFormat ?? GENERAL);
  }
  /** Everything on a sheet, as text, to compare before and after. */
  snapshot(name: string): string {
    const sheet = this.need(name);
    return JSON.stringify({
      name: sheet.name,
      cells: [...sheet.cells.entries()].sort((a, b) => a[0] - b[0]),
      charts: sheet.charts,
      frozenRows: sheet.frozenRows,
      pageLayout: sheet.pageLayout,
      widths: [...sheet.columnWidths.entries()],
      heights: [...sheet.rowHeights.entries()],
    });
  }
  resetSyncs(): void {
    this.syncs.length = 0;
  }
}

/** Turns a resolver into the sheet it names, failing as Office.js would when it has gone. */
type SheetRef = () => FakeSheet;

class FakeContext {
  readonly workbook: FakeWorkbookProxy;
  private queue: Queued[] = [];
  private suspendCalculation = false;
  private suspendScreen = false;
  /** Recalculations asked for in the sync being run. */
  calculated: string[] = [];

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  enqueue(write: boolean, requestBytes: number, run: () => number | void): void {
    this.queue.push({ write, requestBytes, run: () => run() ?? 0 });
  }
  suspend(kind: "calculation" | "screen"): void {
    if (kind === "calculation") this.suspendCalculation = true;
    else {
      this.suspendScreen = true;
      this.book.screenSuspensions++;
    }
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    const record: SyncRecord = {
      requestBytes: queue.reduce((n, q) => n + q.requestBytes, 0),
      responseBytes: 0,
      writes: queue.filter((q) => q.write).length,
      calculationSuspended: this.suspendCalculation,
      screenUpdatingSuspended: this.suspendScreen,
    };
    this.suspendCalculation = false;
    this.suspendScreen = false;
    this.book.syncs.push(record);
    this.calculated = [];
    try {
      for (const item of queue) record.responseBytes += item.run(); // throws as Office.js does: calls before it stay done
    } finally {
      if (this.calculated.length) record.calculated = this.calculated.join(",");
    }
    await Promise.resolve();
  }

  /** What a cell becomes when `input` is written through values or formulas. */
  enter(sheet: FakeSheet, row: number, column: number, input: unknown): void {
    if (input === null || input === undefined) return; // null leaves the cell as it is
    const cell = sheet.touch(row, column);
    delete cell.formula;
    delete cell.quotePrefix;
    delete cell.madeDate;
    cell.value = null;
    if (typeof input === "number" || typeof input === "boolean") {
      cell.value = input;
      return;
    }
    const text = String(input);
    if (text === "") return;
    if (text.startsWith("'")) {
      cell.value = text.slice(1);
      cell.quotePrefix = true;
      return;
    }
    const number =
      /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(e[+-]?\d+)?%?$/i.test(text.trim()) && /\d/.test(text)
        ? Number(text.trim().replace(/[,%]/g, ""))
        : NaN;
    if (!Number.isNaN(number)) {
      cell.value = text.trim().endsWith("%") ? number / 100 : number;
      return;
    }
    if (/^[=+\-@]/.test(text)) {
      cell.formula = text.startsWith("=") ? text : `=${text.slice(1)}`;
      cell.value = this.book.options.calculate?.(sheet.name, row, column, cell.formula) ?? null;
      return;
    }
    if (/^(true|false)$/i.test(text)) {
      cell.value = text.toLowerCase() === "true";
      return;
    }
    if (/^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)$/i.test(text)) {
      cell.value = { error: text.toUpperCase() };
      return;
    }
    if (
      /^\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?$/.test(text) ||
      /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.,]*\d/i.test(text)
    ) {
      cell.value = 40_000; // some serial date: what matters is that the text is gone
      cell.madeDate = true;
      cell.numberFormat = "d-mmm-yy";
      return;
    }
    cell.value = text;
  }
}

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheets;
  readonly application: FakeApplication;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.application = new FakeApplication(ctx);
  }
}

class FakeApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.suspend("calculation");
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.suspend("screen");
  }
  calculate(type: string): void {
    this.ctx.enqueue(false, bytes(type), () => {
      this.ctx.calculated.push(type);
    });
  }
}

/** Properties become readable once loaded and synced; reading one earlier throws, as in Office.js. */
class Loadable {
  private readonly loadedProps = new Map<string, unknown>();
  protected got<T>(prop: string): T {
    if (!this.loadedProps.has(prop)) throw new FakeExcelError("PropertyNotLoaded", `${prop} was not loaded and synced`);
    return this.loadedProps.get(prop) as T;
  }
  protected set(prop: string, value: unknown): void {
    this.loadedProps.set(prop, value);
  }
}

function propsOf(spec: string | string[] | undefined): string[] {
  const list = Array.isArray(spec) ? spec : (spec ?? "").split(",");
  return list.map((p) => p.trim()).filter(Boolean);
}

class FakeWorksheets extends Loadable {
  constructor(private readonly ctx: FakeContext) {
    super();
  }
  get items(): FakeWorksheet[] {
    return this.got("items");
  }
  load(spec?: string | string[]): this {
    this.ctx.enqueue(false, 0, () => {
      const items = this.ctx.book.sheets.map((sheet) => {
        const ws = new FakeWorksheet(this.ctx, () => sheet);
        ws.loaded(sheet);
        return ws;
      });
      this.set("items", items);
      return propsOf(spec).some((p) => p.startsWith("items/name")) ? bytes(items.map((i) => i.name)) : 0;
    });
    return this;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const sheet = this.ctx.book.sheet(name);
      if (!sheet) throw new FakeExcelError("ItemNotFound", `no sheet ${name}`);
      return sheet;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.book.sheet(name) ?? nullSheet(), name);
  }
  add(name: string): FakeWorksheet {
    let made: FakeSheet | undefined;
    this.ctx.enqueue(true, bytes(name), () => {
      made = this.ctx.book.addSheet(name);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!made) throw new FakeExcelError("ItemNotFound", `sheet ${name} was not added`);
      return made;
    });
  }
}

const NULL_SHEET = new FakeSheet("\u0000null");
function nullSheet(): FakeSheet {
  return NULL_SHEET;
}

class FakeWorksheet extends Loadable {
  readonly charts: FakeCharts;
  readonly freezePanes: { freezeRows(count?: number): void; unfreeze(): void };
  readonly pageLayout: Record<string, unknown>;
  constructor(
    private readonly ctx: FakeContext,
    readonly resolve: SheetRef,
    private readonly lookedUp?: string,
  ) {
    super();
    this.charts = new FakeCharts(ctx, resolve);
    // Page layout: each property set (or print title rows) is recorded on the sheet, one call each.
    const record = (key: string, value: unknown): void =>
      ctx.enqueue(true, bytes(JSON.stringify(value) ?? ""), () => {
        this.resolve().pageLayout[key] = value;
      });
    const footers = new Proxy({} as Record<string, unknown>, {
      set: (_, key, value) => (record(String(key), value), true),
    });
    this.pageLayout = new Proxy({} as Record<string, unknown>, {
      get: (_, key) =>
        key === "setPrintTitleRows"
          ? (rows: string) => record("printTitleRows", rows)
          : key === "headersFooters"
            ? { defaultForAllPages: footers }
            : undefined,
      set: (_, key, value) => (record(String(key), value), true),
    });
    this.freezePanes = {
      freezeRows: (count = 1) =>
        ctx.enqueue(true, bytes(count), () => {
          this.resolve().frozenRows = count;
        }),
      unfreeze: () =>
        ctx.enqueue(true, 0, () => {
          this.resolve().frozenRows = 0;
        }),
    };
  }
  loaded(sheet: FakeSheet): void {
    this.set("name", sheet.name);
  }
  get name(): string {
    return this.got("name");
  }
  get isNullObject(): boolean {
    return this.got("isNullObject");
  }
  load(spec?: string | string[]): this {
    this.ctx.enqueue(false, 0, () => {
      const sheet = this.resolve();
      this.set("isNullObject", sheet === NULL_SHEET);
      this.set("name", sheet === NULL_SHEET ? this.lookedUp : sheet.name);
      return propsOf(spec).length ? bytes(sheet.name) : 0;
    });
    return this;
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this.resolve, () => address ?? "A1:XFD1048576");
  }
  getUsedRange(valuesOnly = false): FakeRange {
    return this.used(valuesOnly, false);
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this.used(valuesOnly, true);
  }
  private used(valuesOnly: boolean, orNull: boolean): FakeRange {
    return new FakeRange(this.ctx, this.resolve, () => {
      const box = this.resolve().usedBox(valuesOnly);
      if (!box) return orNull ? null : "A1";
      return `${a1(box.top, box.left)}:${a1(box.bottom, box.right)}`;
    });
  }
  activate(): void {
    this.ctx.enqueue(false, 0, () => {
      const sheet = this.resolve();
      if (sheet === NULL_SHEET) throw new FakeExcelError("ItemNotFound", `no sheet ${this.lookedUp}`);
      this.ctx.book.selection = { sheet: sheet.name, address: "A1" };
    });
  }
  delete(): void {
    this.ctx.enqueue(true, 0, () => {
      const sheet = this.resolve();
      const book = this.ctx.book;
      if (book.sheets.length === 1) throw new FakeExcelError("InvalidOperation", "a workbook must keep one sheet");
      book.sheets.splice(book.sheets.indexOf(sheet), 1);
    });
  }
}

class FakeRange extends Loadable {
  readonly format: FakeRangeFormat;
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheetOf: SheetRef,
    /** The address when the call runs; null for a null object. */
    private readonly addressOf: () => string | null,
  ) {
    super();
    this.format = new FakeRangeFormat(this);
  }
  get context(): FakeContext {
    return this.ctx;
  }
  box(): { sheet: FakeSheet; box: CellBox } | null {
    const address = this.addressOf();
    return address === null ? null : { sheet: this.sheetOf(), box: parseAddress(address) };
  }
  /** Queue a change to every cell of the range. */
  change(requestBytes: number, apply: (sheet: FakeSheet, box: CellBox) => void): void {
    this.ctx.enqueue(true, requestBytes, () => {
      const target = this.box();
      if (!target) throw new FakeExcelError("InvalidOperation", "null object");
      apply(target.sheet, target.box);
    });
  }
  private setGrid(
    prop: string,
    grid: unknown[][],
    each: (sheet: FakeSheet, r: number, c: number, input: unknown) => void,
  ): void {
    this.change(bytes(grid), (sheet, box) => {
      const rows = box.bottom - box.top + 1;
      const columns = box.right - box.left + 1;
      if (grid.length !== rows || grid.some((row) => row.length !== columns))
        throw new FakeExcelError(
          "InvalidArgument",
          `${prop}: ${grid.length}×${grid[0]?.length} array for a ${rows}×${columns} range`,
        );
      grid.forEach((row, r) => row.forEach((input, c) => each(sheet, box.top + r, box.left + c, input)));
    });
  }
  select(): void {
    this.ctx.enqueue(false, 0, () => {
      const target = this.box();
      if (!target) throw new FakeExcelError("InvalidOperation", "null object");
      const { top, left, bottom, right } = target.box;
      const address = top === bottom && left === right ? a1(top, left) : `${a1(top, left)}:${a1(bottom, right)}`;
      this.ctx.book.selection = { sheet: target.sheet.name, address };
    });
  }
  set values(grid: unknown[][]) {
    this.setGrid("values", grid, (sheet, r, c, input) => this.ctx.enter(sheet, r, c, input));
  }
  get values(): unknown[][] {
    return this.got("values");
  }
  set formulas(grid: unknown[][]) {
    this.setGrid("formulas", grid, (sheet, r, c, input) => this.ctx.enter(sheet, r, c, input));
  }
  get formulas(): unknown[][] {
    return this.got("formulas");
  }
  set numberFormat(grid: unknown[][]) {
    this.setGrid("numberFormat", grid, (sheet, r, c, input) => {
      if (input === null || input === undefined) return;
      sheet.touch(r, c).numberFormat = input === "" ? GENERAL : String(input);
    });
  }
  get numberFormat(): unknown[][] {
    return this.got("numberFormat");
  }
  get valueTypes(): string[][] {
    return this.got("valueTypes");
  }
  get isNullObject(): boolean {
    return this.got("isNullObject");
  }
  get address(): string {
    return this.got("address");
  }
  get rowIndex(): number {
    return this.got("rowIndex");
  }
  get columnIndex(): number {
    return this.got("columnIndex");
  }
  get rowCount(): number {
    return this.got("rowCount");
  }
  get columnCount(): number {
    return this.got("columnCount");
  }
  load(spec?: string | string[]): this {
    this.ctx.enqueue(false, 0, () => {
      const target = this.box();
      const props = propsOf(spec);
      const out: Record<string, unknown> = {};
      out.isNullObject = target === null;
      if (target) {
        const { sheet, box } = target;
        const cells = (pick: (cell: FakeCell | undefined) => unknown): unknown[][] => {
          if ((box.bottom - box.top + 1) * (box.right - box.left + 1) > 5_000_000)
            throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", "a range of more than 5,000,000 cells");
          const rows: unknown[][] = [];
          for (let r = box.top; r <= box.bottom; r++) {
            const row: unknown[] = [];
            for (let c = box.left; c <= box.right; c++) row.push(pick(sheet.cell(r, c)));
            rows.push(row);
          }
          return rows;
        };
        // A formula with no value yet: the error Excel shows for the add-in's functions, else 0.
        const pending = (cell: FakeCell | undefined): string | undefined =>
          cell?.formula !== undefined && (cell.value ?? null) === null && CALLS_SHARED.test(cell.formula)
            ? this.ctx.book.options.functions === "not registered"
              ? "#NAME?"
              : "#BUSY!"
            : undefined;
        const valueOf = (cell: FakeCell | undefined): unknown => {
          const v = cell?.value ?? null;
          if (v === null) return cell?.formula !== undefined ? (pending(cell) ?? 0) : "";
          return typeof v === "object" ? (isErrorCell(v) ? v.error : v.formula) : v;
        };
        const typeOf = (cell: FakeCell | undefined): string => {
          const v = cell?.value ?? null;
          if (v === null) return cell?.formula !== undefined ? (pending(cell) ? "Error" : "Double") : "Empty";
          if (typeof v === "object") return "Error";
          return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
        };
        for (const prop of props) {
          if (prop === "values") out.values = cells(valueOf);
          else if (prop === "valueTypes") out.valueTypes = cells(typeOf);
          else if (prop === "formulas") out.formulas = cells((cell) => cell?.formula ?? valueOf(cell));
          else if (prop === "numberFormat") out.numberFormat = cells((cell) => cell?.numberFormat ?? GENERAL);
          else if (prop === "address")
            out.address = `${sheet.name}!${a1(box.top, box.left)}:${a1(box.bottom, box.right)}`;
          else if (prop === "rowIndex") out.rowIndex = box.top - 1;
          else if (prop === "columnIndex") out.columnIndex = box.left - 1;
          else if (prop === "rowCount") out.rowCount = box.bottom - box.top + 1;
          else if (prop === "columnCount") out.columnCount = box.right - box.left + 1;
          else if (prop !== "isNullObject") throw new Error(`the fake cannot load Range.${prop}`);
        }
      }
      for (const [prop, value] of Object.entries(out)) this.set(prop, value);
      return bytes(out);
    });
    return this;
  }
  clear(applyTo: string = "All"): void {
    this.change(bytes(applyTo), (sheet, box) => {
      for (const [key, cell] of [...sheet.cells]) {
        const row = Math.floor(key / 20_000);
        const column = key % 20_000;
        if (row < box.top || row > box.bottom || column < box.left || column > box.right) continue;
        if (applyTo === "All") sheet.cells.delete(key);
        else if (applyTo === "Contents")
          Object.assign(cell, { value: null, formula: undefined, quotePrefix: undefined });
        else if (applyTo === "Formats")
          sheet.cells.set(key, { value: cell.value, formula: cell.formula, numberFormat: GENERAL });
      }
    });
  }
}

class FakeRangeFormat {
  readonly font: Record<"bold" | "italic" | "size" | "color", unknown>;
  readonly fill: { color: unknown };
  readonly borders: { getItem(edge: string): { style: unknown } };
  constructor(private readonly range: FakeRange) {
    const setter =
      <K extends keyof FakeCell>(key: K) =>
      (value: FakeCell[K]) =>
        range.change(bytes(value) + 16, (sheet, box) => {
          for (let r = box.top; r <= box.bottom; r++)
            for (let c = box.left; c <= box.right; c++) sheet.touch(r, c)[key] = value;
        });
    const writeOnly = (set: (value: never) => void): PropertyDescriptor => ({
      set,
      get: () => {
        throw new Error("the fake does not read formats back through the API: use FakeWorkbook.sheet()");
      },
    });
    this.font = Object.defineProperties({} as FakeRangeFormat["font"], {
      bold: writeOnly(setter("bold")),
      italic: writeOnly(setter("italic")),
      size: writeOnly(setter("size")),
      color: writeOnly(setter("color")),
    });
    this.fill = Object.defineProperties({} as FakeRangeFormat["fill"], { color: writeOnly(setter("fill")) });
    this.borders = {
      getItem: (edge: string) => {
        const key = edge === "EdgeTop" ? "borderTop" : edge === "EdgeBottom" ? "borderBottom" : undefined;
        if (!key) throw new Error(`the fake has no border ${edge}`);
        return Object.defineProperties({} as { style: unknown }, { style: writeOnly(setter(key)) });
      },
    };
  }
  set wrapText(wrap: boolean) {
    this.range.change(bytes(wrap) + 16, (sheet, box) => {
      for (let r = box.top; r <= box.bottom; r++)
        for (let c = box.left; c <= box.right; c++) sheet.touch(r, c).wrapText = wrap;
    });
  }
  set columnWidth(points: number) {
    this.range.change(bytes(points) + 16, (sheet, box) => {
      for (let c = box.left; c <= box.right; c++) sheet.columnWidths.set(c, points);
    });
  }
  set rowHeight(points: number) {
    this.range.change(bytes(points) + 16, (sheet, box) => {
      for (let r = box.top; r <= box.bottom; r++) sheet.rowHeights.set(r, points);
    });
  }
}

let chartIds = 0;

class FakeCharts extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheetOf: SheetRef,
  ) {
    super();
  }
  get items(): FakeChartProxy[] {
    return this.got("items");
  }
  load(spec?: string | string[]): this {
    void spec;
    this.ctx.enqueue(false, 0, () => {
      const charts = this.sheetOf().charts;
      this.set(
        "items",
        charts.map((chart) => new FakeChartProxy(this.ctx, this.sheetOf, () => chart)),
      );
      return bytes(charts.map((c) => c.id));
    });
    return this;
  }
  add(type: string, source: FakeRange, seriesBy = "Auto"): FakeChartProxy {
    let made: FakeChart | undefined;
    this.ctx.enqueue(true, bytes([type, seriesBy]) + 16, () => {
      const target = source.box();
      if (!target) throw new FakeExcelError("InvalidArgument", "no source data");
      const { box } = target;
      const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && box.bottom - box.top < box.right - box.left);
      const series = [];
      if (byRows)
        for (let r = box.top; r <= box.bottom; r++)
          series.push({ name: `Series${series.length + 1}`, values: `${a1(r, box.left)}:${a1(r, box.right)}` });
      else
        for (let c = box.left; c <= box.right; c++)
          series.push({ name: `Series${series.length + 1}`, values: `${a1(box.top, c)}:${a1(box.bottom, c)}` });
      made = {
        id: ++chartIds,
        type,
        title: "",
        source: `${a1(box.top, box.left)}:${a1(box.bottom, box.right)}`,
        seriesBy,
        series,
      };
      this.sheetOf().charts.push(made);
    });
    return new FakeChartProxy(this.ctx, this.sheetOf, () => {
      if (!made) throw new FakeExcelError("ItemNotFound", "chart was not added");
      return made;
    });
  }
}

function rangeAddress(range: FakeRange): string {
  const target = range.box();
  if (!target) throw new FakeExcelError("InvalidArgument", "null range");
  return `${a1(target.box.top, target.box.left)}:${a1(target.box.bottom, target.box.right)}`;
}

class FakeChartProxy {
  readonly title: { text: string };
  readonly series: { getItemAt(index: number): FakeSeries; add(name?: string): FakeSeries };
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheetOf: SheetRef,
    private readonly chartOf: () => FakeChart,
  ) {
    this.title = Object.defineProperties({} as { text: string }, {
      text: {
        set: (text: string) =>
          ctx.enqueue(true, bytes(text), () => {
            this.chartOf().title = text;
          }),
      },
    });
    this.series = {
      getItemAt: (index: number) =>
        new FakeSeries(ctx, () => {
          const found = this.chartOf().series[index];
          if (!found) throw new FakeExcelError("ItemNotFound", `no series ${index}`);
          return found;
        }),
      add: (name?: string) => {
        let made: FakeChart["series"][number] | undefined;
        ctx.enqueue(true, bytes(name ?? ""), () => {
          made = { name: name ?? "", values: "" };
          this.chartOf().series.push(made);
        });
        return new FakeSeries(ctx, () => {
          if (!made) throw new FakeExcelError("ItemNotFound", "series not added");
          return made;
        });
      },
    };
  }
  setPosition(start: string | FakeRange): void {
    this.ctx.enqueue(true, bytes(String(start)), () => {
      this.chartOf().at = typeof start === "string" ? start : rangeAddress(start);
    });
  }
  delete(): void {
    this.ctx.enqueue(true, 0, () => {
      const charts = this.sheetOf().charts;
      charts.splice(charts.indexOf(this.chartOf()), 1);
    });
  }
}

class FakeSeries {
  constructor(
    private readonly ctx: FakeContext,
    private readonly seriesOf: () => FakeChart["series"][number],
  ) {}
  set name(name: string) {
    this.ctx.enqueue(true, bytes(name), () => {
      this.seriesOf().name = name;
    });
  }
  setValues(range: FakeRange): void {
    this.ctx.enqueue(true, 32, () => {
      this.seriesOf().values = rangeAddress(range);
    });
  }
  setXAxisValues(range: FakeRange): void {
    this.ctx.enqueue(true, 32, () => {
      this.seriesOf().categories = rangeAddress(range);
    });
  }
}
