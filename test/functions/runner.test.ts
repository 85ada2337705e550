/**
 * The runner every SHARED function goes through (src/functions/runner.ts): arguments read by
 * their description, each once and only when used, in the order the function uses them; results
 * in the described shape; errors as Excel shows them. And each function's description matches its
 * JSDoc signature, which is where Excel's metadata comes from.
 */
import { readFileSync } from "fs";
import * as path from "path";
import ts from "typescript";
import { Decimal } from "../../src/engine";
import { amount, decimals, pairedWith, range } from "../../src/functions/arguments";
import { Argument, sharedFunction } from "../../src/functions/runner";
import { ExcelError, at, excelErrorOf, installRuntime } from "./runtime";

installRuntime();

describe("sharedFunction", () => {
  test("each argument is read once, when first used, with its own address; one never used is never read", () => {
    const reads: string[] = [];
    const counted =
      (name: string): Argument<string> =>
      ({ value, address, field }) => (reads.push(name), `${field}=${String(value)}@${address ?? "?"}`);
    const fn = sharedFunction("TEST", { a: counted("a"), b: counted("b"), c: counted("c") }, "row");
    const seen: string[] = [];
    fn.value(["x", "y", "z"], at("S!A1", "S!B1", "S!C1"), (args) => {
      seen.push(args.c, args.a, args.c);
      return 0;
    });
    expect(reads).toEqual(["c", "a"]);
    expect(seen).toEqual(["c=z@S!C1", "a=x@S!A1", "c=z@S!C1"]);
  });

  test("the first bad argument in the body's order is the one Excel shows, as #VALUE! with its message", () => {
    const fn = sharedFunction("TEST", { amount: amount(), decimals }, "row");
    const call = (order: "amount first" | "decimals first") =>
      excelErrorOf(() =>
        fn.parts(["ten", 99], at("S!A1", "S!B1"), (args) =>
          order === "amount first"
            ? [args.amount, new Decimal(args.decimals)]
            : [new Decimal(args.decimals), args.amount],
        ),
      );
    expect(call("amount first")).toEqual(
      new ExcelError("#VALUE!", 'amount: is text ("ten"), not a number; retype it as a number (RULES.md §1)'),
    );
    expect(call("decimals first").message).toMatch(/^decimals: must be a whole number from 0 to/);
  });

  test("parts come back as numbers in the named range's shape, or in a row", () => {
    const args = { weights: range({ rule: "§2" }), other: pairedWith("weights", { rule: "§2" }) };
    const column = sharedFunction("TEST", args, "weights");
    const body = (a: { weights: { numbers(): Decimal[] } }) => a.weights.numbers().map((d) => d.times(2));
    expect(column.parts([[[1], [2], [3]], null], at(), body)).toEqual([[2], [4], [6]]);
    expect(sharedFunction("TEST", args, "row").parts([[[1], [2], [3]], null], at(), body)).toEqual([[2, 4, 6]]);
  });

  test("a paired range of another shape is refused naming both; anything unexpected is #VALUE! saying so", () => {
    const fn = sharedFunction(
      "TEST",
      { weights: range({ rule: "§2" }), other: pairedWith("weights", { rule: "§2" }) },
      "weights",
    );
    expect(excelErrorOf(() => fn.parts([[[1, 2]], [[1]]], at(), (a) => a.other.numbers())).message).toBe(
      "other: is 1 row × 1 column but weights is 1 row × 2 columns; give one value for each cell of weights, in the same shape (RULES.md §2)",
    );
    expect(excelErrorOf(() => fn.parts([[[1]]], at(), () => [])).message).toBe(
      "SHARED.TEST failed unexpectedly (1 arguments for 2 described); please report it with the inputs that caused it",
    );
  });
});

describe("the SHARED functions' descriptions", () => {
  // Read from the source, as the metadata generator reads the JSDoc signatures.
  const file = path.resolve(__dirname, "../../src/functions/functions.ts");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const described = new Map<string, { keys: string[]; variable: string }>();
  const signatures = new Map<string, { params: string[]; passed: string[]; runner?: string }>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      node.initializer &&
      ts.isCallExpression(node.initializer) &&
      node.initializer.expression.getText() === "sharedFunction"
    ) {
      const [name, args] = node.initializer.arguments;
      if (ts.isStringLiteral(name) && args && ts.isObjectLiteralExpression(args))
        described.set(name.text, {
          keys: args.properties.map((p) => p.name!.getText()),
          variable: node.name.getText(),
        });
    }
    if (ts.isFunctionDeclaration(node) && node.name && node.modifiers?.some((m) => m.getText() === "export")) {
      const params = node.parameters.map((p) => p.name.getText()).filter((p) => p !== "invocation");
      let passed: string[] = [];
      let runner: string | undefined;
      const findRun = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.arguments[0]) {
          const list = n.arguments[0];
          if (ts.isArrayLiteralExpression(list)) {
            passed = list.elements.map((e) => e.getText());
            runner = n.expression.expression.getText();
            return;
          }
        }
        ts.forEachChild(n, findRun);
      };
      findRun(node);
      signatures.set(node.name.text, { params, passed, runner });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  test("there are eight functions, each described once", () => {
    expect([...signatures.keys()].sort()).toEqual(
      ["apportion", "breakeven", "equal", "partyear", "profile", "shares", "transition", "variance"].sort(),
    );
    expect([...described.keys()].map((k) => k.toLowerCase()).sort()).toEqual([...signatures.keys()].sort());
  });

  test.each(["apportion", "breakeven", "equal", "partyear", "profile", "shares", "transition", "variance"])(
    "%s: its description names its parameters in order, and it passes them to its own runner in that order",
    (name) => {
      const signature = signatures.get(name)!;
      const description = described.get(name.toUpperCase())!;
      expect(description.keys).toEqual(signature.params);
      expect(signature.passed).toEqual(signature.params);
      expect(signature.runner).toBe(description.variable);
    },
  );
});
