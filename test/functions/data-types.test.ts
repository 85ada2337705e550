/**
 * A data type in a cell the functions read (a linked entity such as Stocks or Geography, an
 * entity, a formatted number). The add-in does not turn data types on (functions.json has no
 * allowCustomDataForDataTypeAny, a CustomFunctionsRuntime 1.4 feature the manifest does not
 * require), so Excel should pass the plain value; should one arrive as Excel's object, the result
 * is #VALUE! with a message naming the cell, never a number or "[object Object]".
 */
import { apportion, equal } from "../../src/functions/functions";
import { at, excelErrorOf, installRuntime } from "./runtime";

installRuntime();

const LINKED = {
  type: "LinkedEntity",
  text: "Microsoft Corp",
  id: { entityId: "x", domainId: "y", serviceId: 268436224, culture: "en-GB" },
  properties: { Price: { type: "Double", basicValue: 410.5 } },
};

test("a linked data type among the weights is #VALUE! naming the cell and what to do", () => {
  const error = excelErrorOf(() =>
    apportion(100, [[1, LINKED, 1]], null as never, null as never, null, at("Sheet1!A1", "Sheet1!B2:D2")),
  );
  expect(error.code).toBe("#VALUE!");
  expect(error.message).toBe(
    'weights: item 2 (Sheet1!C2) is a linked data type, "Microsoft Corp", not a number; refer to one of its fields that is a number instead (e.g. =A2.Population) (RULES.md §2)',
  );
});

test("other data types as the amount, and as a partner's name, are named too", () => {
  const formatted = { type: "FormattedNumber", basicValue: 1650000, numberFormat: "£#,##0" };
  const amount = excelErrorOf(() =>
    apportion(formatted, [[1, 1]], null as never, null as never, null, at("Sheet1!A1", "Sheet1!B2:C2")),
  );
  expect(amount.code).toBe("#VALUE!");
  expect(amount.message).toMatch(/^amount: .*is a data type \(FormattedNumber\), "1650000", not a number/);
  const name = excelErrorOf(() => equal(100, [["Westminster", LINKED]], null, at("Sheet1!A1", "Sheet1!B1:C1")));
  expect(name.code).toBe("#VALUE!");
  expect(name.message).toMatch(/Sheet1!C1.*is a linked data type, "Microsoft Corp"/);
  expect(name.message).not.toMatch(/object Object/);
});
