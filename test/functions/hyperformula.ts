/**
 * The SHARED.* functions registered in HyperFormula (a real spreadsheet engine; GPLv3, a dev
 * dependency used only by tests), so a workbook of formulas can be evaluated as Excel would.
 *
 * The registration is made from the same metadata Excel reads (generated from the JSDoc of
 * src/functions/functions.ts by custom-functions-metadata): each id's parameters, which of them
 * take ranges (passed as 2-D arrays, as Excel passes them) and which are optional (null when left
 * out). The functions called are the real ones; each gets the cell addresses of its arguments, as
 * Excel gives them with @requiresParameterAddresses. A CustomFunctions.Error becomes the
 * spreadsheet error of the same kind, with its message.
 *
 * One limit of HyperFormula: an array formula's size is fixed when the formula is parsed, not
 * when it is calculated (Excel spills to whatever size comes back). So the result takes the shape
 * of the function's main range, EQUAL's count and PARTYEAR's years must be typed in the formula,
 * and BREAKEVEN is one cell.
 */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  ImplementedFunctions,
  SimpleRangeValue,
} from "hyperformula";
import { columnLetters } from "../../src/functions/cells";
import * as shared from "../../src/functions/functions";
import { ExcelError, installRuntime } from "./runtime";

type Ast = Parameters<FunctionPlugin["runFunction"]>[0][number];
type State = Parameters<FunctionPlugin["runFunction"]>[1];
interface Call {
  args: Ast[];
}

const FUNCTIONS_FILE = "src/functions/functions.ts";

interface Parameter {
  name: string;
  description: string;
  dimensionality?: "scalar" | "matrix";
  optional?: boolean;
}
export interface FunctionMetadata {
  id: string;
  name: string;
  description: string;
  helpUrl?: string;
  parameters: Parameter[];
  result: { dimensionality?: string };
  options?: { requiresParameterAddresses?: boolean };
}

/** What Excel would read from functions.json, and which exported function each id calls. */
async function functionsMetadata(): Promise<{ functions: FunctionMetadata[]; names: Map<string, string> }> {
  const generated = await generateCustomFunctionsMetadata(FUNCTIONS_FILE);
  if (generated.errors.length > 0) throw new Error(generated.errors.join("\n"));
  const { functions } = JSON.parse(generated.metadataJson) as { functions: FunctionMetadata[] };
  return { functions, names: new Map(generated.associate.map((a) => [a.id, a.functionName])) };
}

/** How big each function's result is, worked out when the formula is parsed (see the note above). */
type Shape = { like: number } | { rowOf: number } | "one cell";
const RESULT_SHAPE: Record<string, Shape> = {
  APPORTION: { like: 1 },
  SHARES: { like: 0 },
  EQUAL: { rowOf: 1 },
  TRANSITION: { like: 1 },
  VARIANCE: { like: 1 },
  PROFILE: { like: 1 },
  PARTYEAR: { rowOf: 2 },
  BREAKEVEN: "one cell",
};

const ERROR_TYPES: Record<string, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#N/A": ErrorType.NA,
  "#NUM!": ErrorType.NUM,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
};

type Value = unknown;
const isRange = (v: Value): v is SimpleRangeValue => v instanceof SimpleRangeValue;
/** HyperFormula's cell values as Excel passes them: empty → null, a date or % number → its number. */
function excelValue(v: Value): Value {
  if (v === EmptyValue || v === undefined) return null;
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: number }).val;
  return v;
}
function firstError(v: Value): CellError | undefined {
  if (v instanceof CellError) return v;
  if (isRange(v)) return v.data.flat().find((x): x is CellError => x instanceof CellError);
  return undefined;
}

let registration: Promise<string[]> | undefined;
/** Registers SHARED.<id> for every function in the metadata (once); returns the registered names. */
export function registerSharedFunctions(): Promise<string[]> {
  registration ??= register();
  return registration;
}

async function register(): Promise<string[]> {
  installRuntime();
  const { functions, names } = await functionsMetadata();
  const implemented: ImplementedFunctions = {};
  const methods: Record<string, (this: FunctionPlugin, ast: Call, state: State) => unknown> = {};

  for (const meta of functions) {
    const formulaName = `SHARED.${meta.name}`;
    const fn = (shared as unknown as Record<string, (...args: unknown[]) => unknown>)[names.get(meta.id) ?? ""];
    if (!fn) throw new Error(`${meta.id}: no exported function ${names.get(meta.id)}`);
    const shape = RESULT_SHAPE[meta.id];
    if (!shape) throw new Error(`${meta.id}: no result shape for HyperFormula`);

    methods[`call_${meta.id}`] = function (this: FunctionPlugin, ast: Call, state: State) {
      const plugin = this as unknown as PluginInternals;
      return plugin.runFunction(ast.args, state, plugin.metadata(formulaName), (...values: Value[]) => {
        // Excel does not call a function with an error in its inputs; the error passes through.
        for (const v of values) {
          const error = firstError(v);
          if (error) return error;
        }
        const args = meta.parameters.map((p, i) => {
          const v = values[i];
          // Left out, or skipped with commas (`f(a, b, , d)`): Excel passes null either way.
          if (v === undefined || (ast.args[i] as { type?: string } | undefined)?.type === "EMPTY") return null;
          if (p.dimensionality === "matrix")
            return isRange(v) ? v.data.map((row) => row.map(excelValue)) : [[excelValue(v)]];
          return excelValue(isRange(v) ? v.data[0][0] : v);
        });
        const parameterAddresses = ast.args.map((a) => plugin.addressOf(a, state));
        try {
          const result = fn(...args, { parameterAddresses }) as Value[][];
          const cells = result.map((row) => row.map((x) => (x === null ? EmptyValue : x))) as never[][];
          // A 1×1 result is a value in its cell, as Excel shows it.
          return cells.length === 1 && cells[0].length === 1 ? cells[0][0] : SimpleRangeValue.onlyValues(cells);
        } catch (e) {
          if (!(e instanceof ExcelError)) throw e;
          return new CellError(ERROR_TYPES[e.code] ?? ErrorType.VALUE, e.message);
        }
      });
    };
    methods[`size_${meta.id}`] = function (this: FunctionPlugin, ast: Call, state: State) {
      if (shape === "one cell") return ArraySize.scalar();
      const arg = ast.args["rowOf" in shape ? shape.rowOf : shape.like] as Ast & { type: string; value?: unknown };
      if (!arg) return ArraySize.error();
      if ("rowOf" in shape && arg.type === "NUMBER") return new ArraySize(Number(arg.value), 1);
      // The size of the range argument, as an array of values (not a reference to the range).
      // (isScalar() is true for any reference, so the width and height are what count.)
      const size = (this as unknown as PluginInternals).arraySizeForAst(arg, state);
      return new ArraySize(size.width, size.height);
    };
    implemented[formulaName] = {
      method: `call_${meta.id}`,
      sizeOfResultArrayMethod: `size_${meta.id}`,
      vectorizationForbidden: true,
      parameters: meta.parameters.map((p) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: p.optional })),
    };
  }

  class SharedFunctions extends FunctionPlugin {
    static override implementedFunctions = implemented;
    /** The argument's address as Excel gives it ("Budget!B2:D2"), or "" for a constant. */
    addressOf(ast: Ast, state: State): string {
      const a = ast as Ast & { type: string; reference?: Reference; start?: Reference; end?: Reference };
      const sheetName = (sheet: number) =>
        (this as unknown as PluginInternals).dependencyGraph.sheetMapping.getSheetNameOrThrowError(sheet);
      const cell = (r: Reference) => r.toSimpleCellAddress(state.formulaAddress);
      const name = (c: { col: number; row: number }) => `${columnLetters(c.col + 1)}${c.row + 1}`;
      if (a.type === "CELL_REFERENCE" && a.reference) {
        const c = cell(a.reference);
        return `${sheetName(c.sheet)}!${name(c)}`;
      }
      if (a.type === "CELL_RANGE" && a.start && a.end) {
        const [s, e] = [cell(a.start), cell(a.end)];
        return `${sheetName(s.sheet)}!${name(s)}:${name(e)}`;
      }
      return "";
    }
  }
  Object.assign(SharedFunctions.prototype, methods);

  const translations = Object.fromEntries(Object.keys(implemented).map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(SharedFunctions, { enGB: translations });
  return Object.keys(implemented);
}

interface Reference {
  toSimpleCellAddress(base: { sheet: number; col: number; row: number }): { sheet: number; col: number; row: number };
}
/** The protected FunctionPlugin members the registration uses. */
interface PluginInternals {
  runFunction: (args: Ast[], state: State, metadata: unknown, fn: (...args: Value[]) => unknown) => unknown;
  metadata(name: string): unknown;
  arraySizeForAst(ast: Ast, state: State): ArraySize;
  dependencyGraph: { sheetMapping: { getSheetNameOrThrowError(sheet: number): string } };
  addressOf(ast: Ast, state: State): string;
}

/** A workbook evaluated with the SHARED functions: sheets of cells and formulas, as in Excel. */
export function workbook(sheets: Record<string, unknown[][]>): HyperFormula {
  return HyperFormula.buildFromSheets(sheets as never, { licenseKey: "gpl-v3" });
}
