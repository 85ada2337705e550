/** Excel's rules for a sheet name, checked once for both writers (src/xlsx and src/office). */
import fc from "fast-check";
import { MAX_SHEET_NAME, freeSheetName, sheetNameFault, sheetNameKey } from "../../src/workbook/owned";

describe("sheetNameFault", () => {
  test.each([
    ["Attribution", undefined],
    ["Savings profile (2)", undefined],
    ["Tri's budget", undefined], // an apostrophe inside is fine
    ["x".repeat(MAX_SHEET_NAME), undefined],
    ["", "it is empty"],
    ["x".repeat(MAX_SHEET_NAME + 1), "it is longer than Excel's 31 characters"],
    ["Attribution: 2011/12", "it has : in it, and Excel allows none of \\ / ? * [ ] : in a sheet name"],
    ["Q1/Q2", "it has / in it, and Excel allows none of \\ / ? * [ ] : in a sheet name"],
    ["a\\b", "it has \\ in it, and Excel allows none of \\ / ? * [ ] : in a sheet name"],
    ["Why?", "it has ? in it, and Excel allows none of \\ / ? * [ ] : in a sheet name"],
    ["All*", "it has * in it, and Excel allows none of \\ / ? * [ ] : in a sheet name"],
    ["[Draft]", "it has [ in it, and Excel allows none of \\ / ? * [ ] : in a sheet name"],
    ["Draft]", "it has ] in it, and Excel allows none of \\ / ? * [ ] : in a sheet name"],
    ["'Budget", "it starts or ends with an apostrophe"],
    ["Budget'", "it starts or ends with an apostrophe"],
    ["History", "Excel keeps the name History for itself"],
    ["HISTORY", "Excel keeps the name History for itself"],
  ])("%j", (name, fault) => {
    expect(sheetNameFault(name)).toBe(fault);
  });

  test("property: a name passes exactly when it is 1–31 characters of allowed ones, no apostrophe at an end, not History", () => {
    const char = fc.constantFrom("a", "Z", "1", " ", "'", "(", "£", "\\", "/", "?", "*", "[", "]", ":");
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 40 }).map((cs) => cs.join("")),
        (name) => {
          const ok =
            name.length >= 1 &&
            name.length <= 31 &&
            ![..."\\/?*[]:"].some((c) => name.includes(c)) &&
            !name.startsWith("'") &&
            !name.endsWith("'") &&
            sheetNameKey(name) !== "history";
          expect(sheetNameFault(name) === undefined).toBe(ok);
        },
      ),
    );
  });

  test("the names the add-in gives its sheets pass, even when they take a free name", () => {
    const taken = new Set(["attribution", "attribution (2)", "savings profile"].map(sheetNameKey));
    for (const name of ["Attribution", "Savings profile", "Realisation", "Audit"])
      expect(sheetNameFault(freeSheetName(taken, name))).toBeUndefined();
  });
});
