/**
 * A stand-in for the `CustomFunctions` global that Excel's custom-functions runtime provides:
 * the Error class with its codes, and `associate`, which records what a script registers.
 * Installed on globalThis so the function layer runs in jest (and the benchmark) as in Excel.
 */
export class ExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** The runtime's error codes (values as in @types/custom-functions-runtime). */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export interface Runtime {
  Error: typeof ExcelError;
  ErrorCode: typeof ErrorCode;
  associate(id: string, fn: (...args: unknown[]) => unknown): void;
  /** What `associate` was given, by id. */
  registered: Map<string, (...args: unknown[]) => unknown>;
}

export function makeRuntime(): Runtime {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  return { Error: ExcelError, ErrorCode, associate: (id, fn) => registered.set(id, fn), registered };
}

/** Puts a runtime on globalThis as `CustomFunctions` (once; later calls return the same one). */
export function installRuntime(): Runtime {
  const g = globalThis as unknown as { CustomFunctions?: Runtime };
  if (!g.CustomFunctions) g.CustomFunctions = makeRuntime();
  return g.CustomFunctions;
}

/** Runs `call`, expecting the Excel error it throws; fails the test if it returns instead. */
export function excelErrorOf(call: () => unknown): ExcelError {
  try {
    call();
  } catch (e) {
    if (e instanceof ExcelError) return e;
    throw new Error(`expected a CustomFunctions.Error, got ${String(e)}`);
  }
  throw new Error("expected a CustomFunctions.Error, but the call returned");
}

/** The addresses Excel passes with @requiresParameterAddresses. */
export const at = (...parameterAddresses: string[]): CustomFunctions.Invocation =>
  ({ parameterAddresses }) as CustomFunctions.Invocation;
