/**
 * What every SHARED function does around its rule, in one place. A function describes its
 * arguments once, by name in the order Excel passes them (the names its JSDoc and error messages
 * use); the runner pairs each with the address Excel gave for it, reads and checks it the first
 * time the function's body uses it (so the first bad argument in the body's order is the one
 * reported, and an argument the body does not need is never read), turns anything thrown into the
 * #VALUE! or #N/A Excel shows, and gives the parts back as Excel numbers in the shape of the range
 * the description names.
 */
import type { Decimal } from "../engine";
import { Cell, inShape, toExcelNumber } from "./cells";
import { asExcel } from "./excel-errors";

/** The invocation Excel passes last; only the parameter addresses are used. */
interface InvocationLike {
  parameterAddresses?: string[];
}

/** One argument of one call, as its reader sees it. */
export interface Passed {
  /** The argument's name, as the function's help shows it ("weights"): messages name it. */
  field: string;
  /** As Excel passed it. */
  value: Cell;
  /** Where it came from ("Budget!B2:D2"), when Excel said. */
  address?: string;
  /** Another argument of the same call, as Excel passed it. */
  raw(name: string): { value: Cell; address?: string };
  /** Another argument of the same call, read by its own reader (once). */
  read(name: string): unknown;
}

/** How to read one argument. */
export type Argument<T> = (passed: Passed) => T;

export type Description = Record<string, Argument<unknown>>;

/** The arguments of one call, each read on first use. */
export type Arguments<D extends Description> = { readonly [K in keyof D]: ReturnType<D[K]> };

/** The rows and columns of a range, that results come back in. */
export interface Shape {
  rows: number;
  columns: number;
}

export interface SharedFunction<D extends Description> {
  /**
   * Runs `body` over the arguments Excel passed (`values` in the described order, the invocation
   * last); the parts it returns come back as numbers in the shape the description names.
   */
  parts(
    values: readonly Cell[],
    invocation: CustomFunctions.Invocation,
    body: (args: Arguments<D>) => readonly Decimal[] | readonly number[],
  ): number[][];
  /** Runs `body` and gives its one result back as Excel's 1×1 array. */
  value<T>(values: readonly Cell[], invocation: CustomFunctions.Invocation, body: (args: Arguments<D>) => T): T[][];
}

const UNREAD = Symbol("unread");

/**
 * `SHARED.<name>` with these arguments. `shape` names the range argument whose shape the parts
 * take (its reader returns a Shape), or "row" for a row of parts.
 */
export function sharedFunction<D extends Description>(
  name: string,
  args: D,
  shape?: (keyof D & string) | "row",
): SharedFunction<D> {
  const names = Object.keys(args);
  const positions = new Map(names.map((n, i) => [n, i]));

  /** One call's arguments: a getter per name on the prototype, each reading once into `read`. */
  class Call {
    readonly done: unknown[] = names.map(() => UNREAD);
    constructor(
      readonly values: readonly Cell[],
      readonly addresses: readonly (string | undefined)[],
    ) {}

    at(name: string): number {
      const i = positions.get(name);
      if (i === undefined) throw new Error(`no argument named ${name}`);
      return i;
    }

    get(i: number): unknown {
      if (this.done[i] !== UNREAD) return this.done[i];
      const passed: Passed = {
        field: names[i],
        value: this.values[i],
        address: this.addresses[i],
        raw: (other) => ({ value: this.values[this.at(other)], address: this.addresses[this.at(other)] }),
        read: (other) => this.get(this.at(other)),
      };
      return (this.done[i] = args[names[i]](passed));
    }
  }
  names.forEach((key, i) =>
    Object.defineProperty(Call.prototype, key, {
      get(this: Call) {
        return this.get(i);
      },
    }),
  );

  const open = (values: readonly Cell[], invocation: CustomFunctions.Invocation): Arguments<D> => {
    // Excel passes every declared argument (null for one left out): a different count is a wrong description.
    if (values.length !== names.length) throw new Error(`${values.length} arguments for ${names.length} described`);
    const addresses = (invocation as InvocationLike | null | undefined)?.parameterAddresses ?? [];
    return new Call(values, addresses) as unknown as Arguments<D>;
  };

  return {
    parts: (values, invocation, body) =>
      asExcel(name, () => {
        const call = open(values, invocation);
        // Parts already made for Excel (whole pence as numbers, for speed) pass as they are.
        const parts = (body(call) as readonly (Decimal | number)[]).map((p) =>
          typeof p === "number" ? p : toExcelNumber(p),
        );
        if (shape === undefined || shape === "row") return [parts];
        return inShape(call[shape] as Shape, parts);
      }),
    value: (values, invocation, body) => asExcel(name, () => [[body(open(values, invocation))]]),
  };
}
