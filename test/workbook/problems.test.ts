/** Problems as data: a cell reference, the engine's detail kept as fields, and one way to put them into words. */
import { RuleError } from "../../src/engine";
import { describeProblem, formatProblem, problemAt, problemFromRuleError } from "../../src/workbook/problems";

describe("RuleError keeps its detail as fields", () => {
  test("code, field, item, partner, rule and the sentence, besides the composed message", () => {
    const e = new RuleError(
      "negative",
      { field: "weights", index: 2, partner: "Westminster" },
      "is negative (-5)",
      "§2",
    );
    expect(e).toMatchObject({
      code: "negative",
      field: "weights",
      item: 2,
      partner: "Westminster",
      rule: "§2",
      detail: "is negative (-5)",
    });
    expect(e.message).toBe("weights: item 3 (Westminster) is negative (-5) (RULES.md §2)");
  });
});

describe("describeProblem", () => {
  test("a reader's problem: its cell as Sheet!A1, the rule after what to do", () => {
    const p = problemAt({ sheet: "FTE", row: 19, column: 3 }, "FTE is negative (-12).", "Enter zero or more.", {
      rule: "RULES.md §2",
    });
    expect(p.cell).toEqual({ sheet: "FTE", row: 19, column: 3 });
    expect(describeProblem(p)).toEqual({
      label: "Error",
      where: "FTE!C19",
      message: "FTE is negative (-12).",
      fix: "Enter zero or more. (RULES.md §2)",
    });
    expect(formatProblem(p)).toBe("Error FTE!C19: FTE is negative (-12). Enter zero or more. (RULES.md §2)");
  });

  test("the engine's problem: the rule cited at the end of its sentence, as the SHARED functions say it", () => {
    const e = new RuleError("no-reduction", { field: "transitional cost" }, "no partner's spending falls", "§4");
    const p = problemFromRuleError(e, { sheet: "Rules", row: 2, column: 6 }, "Check the new cost.");
    expect(p).toMatchObject({ message: "transitional cost: no partner's spending falls", rule: "RULES.md §4" });
    expect(p.code).toBe("no-reduction");
    expect(formatProblem(p)).toBe(`Error Rules!F2: ${e.message} Check the new cost.`);
  });

  test("a whole-sheet warning has no cell and no rule", () => {
    const p = problemAt({ sheet: "Budget" }, "Parks is left out.", "Add a Rules row.", { severity: "warning" });
    expect(p.cell).toBeUndefined();
    expect(formatProblem(p)).toBe("Warning Budget: Parks is left out. Add a Rules row.");
  });
});
