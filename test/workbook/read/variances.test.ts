/** The Variances sheet (RULES.md §3): read at cell level, every bad line a problem at its cell. */
import { HF, KC, LIB, WCC, YOS, problemAt, read, where, withCells, withVariances } from "./workbook";

const varied = (changes: Parameters<typeof withCells>[0]) => read(withCells(changes, withVariances()));

describe("Variances", () => {
  test("the valid sheet reads: causes in the ways a finance officer writes them, names as the Budget spells them", () => {
    const r = read(
      withCells(
        [
          ["Variances", "A3", "libraries"],
          ["Variances", "E3", "kensington & chelsea"],
        ],
        withVariances(),
      ),
    );
    expect(where(r.problems)).toEqual([]);
    const lines = r.inputs!.variances!.lines;
    expect(
      lines.map((l) => [l.service, l.year.value, l.cause.value, l.amount.value.toString(), l.partner?.value, l.note]),
    ).toEqual([
      [YOS, "2011/12", "demand", "10000", undefined, "More referrals"],
      [LIB, "2012/13", "specification", "-5000", KC, undefined],
      [LIB, "2012/13", "indirect", "3000", undefined, "Energy"],
    ]);
    expect(lines[1].amount.at).toEqual({ sheet: "Variances", row: 3, column: 4 });
    expect(r.notes).toContain("Variances: headings in row 1, 3 variances, amounts in pounds.");
  });

  test("amounts in £000s are read as pounds", () => {
    const r = varied([["Variances", "D1", "Amount £000"]]);
    expect(r.inputs!.variances!.lines.map((l) => l.amount.value.toString())).toEqual([
      "10000000",
      "-5000000",
      "3000000",
    ]);
  });

  test("an unknown cause is an error at its cell naming the causes", () => {
    expect(problemAt(varied([["Variances", "C2", "weather"]]), "Variances", "C2")).toEqual({
      severity: "error",
      sheet: "Variances",
      cell: "C2",
      message: `Cause for the variance on ${YOS} is "weather", which is not a cause the add-in knows.`,
      fix: "Enter demand, quality, direct cost, specification change or host indirect cost: the cause decides who bears the variance.",
      rule: "RULES.md §3",
    });
  });

  test("a specification change with no partner is an error at its Partner cell", () => {
    expect(problemAt(varied([["Variances", "E3", null]]), "Variances", "E3")).toMatchObject({
      message: `The specification change on ${LIB} (2012/13) names no partner: a specification change is borne in full by the partner that made it.`,
      fix: "Enter the partner that changed its specification in the Partner column.",
      rule: "RULES.md §3",
    });
  });

  test("with no Partner column at all, a specification change points at where to add it", () => {
    const sheets = withVariances();
    sheets.Variances = sheets.Variances.map((row) => [row[0], row[1], row[2], row[3], row[5]]);
    const r = read(sheets);
    expect(where(r.problems)).toEqual([
      `error Variances!F3 The specification change on ${LIB} (2012/13) names no partner: a specification change is borne in full by the partner that made it.`,
    ]);
  });

  test("a specification change by a partner not in the service, a service not on the Rules sheet", () => {
    const r = varied([
      ["Variances", "E3", "Camden"],
      ["Variances", "A2", "Parks"],
    ]);
    expect(where(r.problems)).toEqual([
      "error Variances!A2 Parks is not a service on the Rules sheet, so there are no shares to split its variance by.",
      `error Variances!E3 Camden is not a partner in ${LIB} (its partners are ${HF}, ${KC} and ${WCC}).`,
    ]);
  });

  test("a host indirect cost under host bears needs a host on the Rules sheet", () => {
    // Youth Offending Service has no host; its policy is blank, so host bears.
    const r = varied([["Variances", "C2", "host indirect cost"]]);
    expect(problemAt(r, "Variances", "C2")).toMatchObject({
      message: `A host indirect cost on ${YOS} is borne by the host under the host-bears policy, but the Rules sheet names no host for ${YOS}.`,
      rule: "RULES.md §3",
    });
    // Under share now it needs none.
    expect(
      where(
        varied([
          ["Variances", "C2", "indirect"],
          ["Rules", "M2", "share now"],
        ]).problems,
      ),
    ).toEqual([]);
  });

  test("a partner named for a shared cause is a warning: it is shared by its rule, not borne by that partner", () => {
    const r = varied([["Variances", "E2", HF]]);
    expect(where(r.problems)).toEqual([
      `warning Variances!E2 ${HF} is named for a demand variance on ${YOS}, but only a specification change is borne by one partner; it is shared by its rule.`,
    ]);
    expect(r.inputs).toBeDefined();
  });

  test("blank, text and error cells, and a year that is not a financial year", () => {
    const r = varied([
      ["Variances", "D2", null],
      ["Variances", "D3", "5,000"],
      ["Variances", "C4", { error: "#N/A" }],
      ["Variances", "B2", "2011"],
      ["Variances", "A4", null],
    ]);
    expect(where(r.problems)).toEqual([
      `error Variances!B2 Year for the variance on ${YOS} "2011" is not a financial year like 2011/12.`,
      `error Variances!D2 Amount for the variance on ${YOS} is blank.`,
      `error Variances!D3 Amount for the variance on ${LIB} is text ("5,000"), not a number.`,
      "error Variances!A4 This Variances line has no Service.",
      "error Variances!C4 Cause for the variance on this line is the Excel error #N/A.",
    ]);
  });

  test("the sheet needs Service, Year, Cause and Amount columns", () => {
    const sheets = withVariances();
    sheets.Variances = sheets.Variances.map((row) => [row[0], row[1], row[4]]);
    expect(where(read(sheets).problems)).toEqual([
      "error Variances!D1 There is no Cause column in the headings (row 1).",
      "error Variances!D1 There is no Amount column in the headings (row 1).",
    ]);
  });
});
