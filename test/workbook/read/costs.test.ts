/**
 * The Costs sheet (RULES.md §2, costs visited on their cause, `003` ch. 11): read at cell level,
 * each bad line a problem at its cell, and checked against the Rules sheet's cost for the service.
 */
import { HF, KC, LIB, WCC, YOS, costs, problemAt, read, validSheets, where, withCells, withCosts } from "./workbook";

const costed = (changes: Parameters<typeof withCells>[0]) => read(withCells(changes, withCosts()));

describe("Costs", () => {
  test("the valid sheet reads: a blank Partners is every partner, names as the Budget spells them", () => {
    const r = costed([["Costs", "D3", "kensington & chelsea and westminster"]]);
    expect(where(r.problems)).toEqual([]);
    const lines = r.inputs!.costs!.lines;
    expect(lines.map((l) => [l.service, l.line, l.amount.value.toString(), l.partners?.value])).toEqual([
      [YOS, "Contract", "1600000", undefined],
      [YOS, "TUPE burden", "50000", [KC, WCC]],
    ]);
    expect(lines[1].amount.at).toEqual({ sheet: "Costs", row: 3, column: 3 });
    expect(lines[1].partners!.at).toEqual({ sheet: "Costs", row: 3, column: 4 });
    expect(r.notes).toContain("Costs: headings in row 1, 2 cost lines, amounts in pounds.");
  });

  test("a service with cost lines needs no New cost: the lines are its combined cost", () => {
    const r = costed([["Rules", "D2", null]]);
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs!.rules.rules[0].newCost).toBeUndefined();
  });

  test("a service with neither New cost, Reduction nor cost lines is still an error, naming the Costs sheet", () => {
    const r = read(withCells([["Rules", "D2", null]]));
    expect(problemAt(r, "Rules", "D2")).toMatchObject({
      message: `Neither New cost nor Reduction is given for ${YOS}.`,
      fix: "Enter the combined service's ongoing cost in New cost, a target reduction (such as 20%) in Reduction, or its cost lines on a Costs sheet.",
    });
  });

  test("amounts in £000s are read as pounds", () => {
    const r = costed([
      ["Costs", "C1", "Amount £000"],
      ["Costs", "C2", 1600],
      ["Costs", "C3", 50],
    ]);
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs!.costs!.lines.map((l) => l.amount.value.toString())).toEqual(["1600000", "50000"]);
  });

  test("a cost line naming a partner not in the service is an error at its Partners cell", () => {
    expect(problemAt(costed([["Costs", "D3", `${KC}, Lewisham`]]), "Costs", "D3")).toEqual({
      severity: "error",
      sheet: "Costs",
      cell: "D3",
      message: `"Lewisham" is not a partner in ${YOS} (its partners are ${HF}, ${KC} and ${WCC}), so the cost line cannot be shared among it.`,
      fix: "Name the partners that bear the line as the Rules and Budget sheets spell them, separated by commas, or leave Partners blank for all of them.",
      rule: "RULES.md §2",
    });
  });

  test("a service not on the Rules sheet is an error at its Service cell", () => {
    const r = read(withCells([], { ...withCosts(), Costs: [...costs(), ["Parks", "Grounds contract", 10000, null]] }));
    expect(problemAt(r, "Costs", "A4")).toMatchObject({
      message: "Parks is not a service on the Rules sheet, so there is no rule to share its cost line by.",
      rule: "RULES.md §2",
    });
  });

  test("a bad amount is an error at its cell, and a blank one too", () => {
    expect(problemAt(costed([["Costs", "C3", "lots"]]), "Costs", "C3").message).toMatch(
      /^Amount of "TUPE burden" for Youth Offending Service is text \("lots"\), not a number/,
    );
    expect(problemAt(costed([["Costs", "C3", null]]), "Costs", "C3")).toMatchObject({
      message: `Amount of "TUPE burden" for ${YOS} is blank.`,
      rule: "RULES.md §2",
    });
  });

  test("a New cost that disagrees with the lines is an error at the New cost saying by how much", () => {
    expect(problemAt(costed([["Costs", "C2", 1590000]]), "Rules", "D2")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "D2",
      message: `New cost for ${YOS} is £1,650,000.00, but its cost lines on the Costs sheet (rows 2 and 3) add up to £1,640,000.00: the New cost is £10,000.00 more than the lines.`,
      fix: "Correct the New cost or the lines so they agree, or clear the New cost: the lines' sum is the combined cost.",
      rule: "RULES.md §2",
    });
  });

  test("cost lines beside a Reduction are an error at the Reduction", () => {
    const r = costed([
      ["Rules", "D2", null],
      ["Rules", "E2", 0.2],
    ]);
    expect(problemAt(r, "Rules", "E2").message).toBe(
      `${YOS} has cost lines on the Costs sheet (rows 2 and 3) and a Reduction: its combined cost is either the sum of its lines or a target reduction, not both.`,
    );
  });

  test("cost lines for a service whose partners change over the years are refused, saying so", () => {
    const r = read(withCells([], { ...withCosts(), Costs: [...costs(), [LIB, "Book supply", 100000, null]] }));
    expect(problemAt(r, "Costs", "A4").message).toBe(
      `${LIB}'s partners change over the years (Partners on the Rules sheet, Rules!B3), and cost lines are not yet read for such a service.`,
    );
  });

  test("no Amount column is an error naming the heading to add", () => {
    const r = read({ ...validSheets(), Costs: costs().map((row) => [row[0], row[1], row[3]]) });
    expect(where(r.problems).join("\n")).toMatch(/Costs!/);
    expect(r.inputs).toBeUndefined();
  });
});
