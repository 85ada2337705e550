/** The Rules sheet's checks, each at its exact cell with its exact message and rule. */
import { HF, KC, LIB, WCC, YOS, problemAt, read, validSheets, where, withCells } from "./workbook";
import type { CellValue } from "../../../src/workbook/grid";
import { outcomeOf } from "../../../src/workbook/outcome";

/** The valid workbook with Rules cells changed, read. */
const rulesWith = (...changes: [cell: string, value: CellValue][]) =>
  read(withCells(changes.map(([cell, value]) => ["Rules", cell, value] as [string, string, CellValue])));

const only = (r: ReturnType<typeof read>) => where(r.problems);

describe("Partners", () => {
  test("a join year may be written 'from 2013/14' or '(2013/14)'", () => {
    const r = rulesWith(["B3", `${HF}; ${KC} (2013/14), westminster FROM 2012-13`]);
    expect(only(r)).toEqual([]);
    expect(r.inputs?.rules.rules[1].partners?.value).toEqual([
      { partner: HF },
      { partner: KC, joins: "2013/14" },
      { partner: WCC, joins: "2012/13" }, // spelled as on the Budget sheet
    ]);
  });

  test("a partner with no Budget line for the service is a problem at the Partners cell", () => {
    const r = rulesWith(["B3", `${HF}, Camden, ${WCC}`]);
    expect(problemAt(r, "Rules", "B3")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "B3",
      message: `Partners for ${LIB}: Camden has no Budget line for ${LIB}.`,
      fix: "Add its baseline to the Budget sheet, or take it out of Partners (check the spelling).",
      rule: "RULES.md §5",
    });
  });

  test("a join year that is not a financial year", () => {
    const r = rulesWith(["B3", `${HF}, ${KC}, ${WCC} from 2013`]);
    expect(problemAt(r, "Rules", "B3")).toMatchObject({
      message: `Partners for ${LIB}: ${WCC} joins from "2013", which is not a financial year like 2011/12.`,
      fix: "Write the year it joins like this: Westminster from 2013/14.",
    });
  });

  test("a partner named twice, and every partner joining late", () => {
    expect(problemAt(rulesWith(["B3", `${HF}, ${KC}, ${HF}`]), "Rules", "B3").message).toBe(
      `Partners for ${LIB} lists ${HF} twice.`,
    );
    expect(problemAt(rulesWith(["B3", `${HF} from 2012/13, ${KC} from 2013/14`]), "Rules", "B3").message).toBe(
      `Partners for ${LIB}: every partner joins after the first year, 2011/12, so no one takes part in it.`,
    );
  });
});

describe("Partners joining, leaving and giving notice (RULES.md §2, §8)", () => {
  const partnersOf = (text: string) => rulesWith(["B3", text]);

  test("until its last year in, notice in a month, and joining and leaving in one cell", () => {
    const r = partnersOf(`${HF} notice September 2013; ${KC} from 2012/13 until 2014/15, ${WCC}`);
    expect(only(r)).toEqual([]);
    expect(r.inputs?.rules.rules[1].partners?.value).toEqual([
      // Notice in September 2013 (2013/14) runs to August 2014, part-way through 2014/15, which it
      // pays in full: out from 2015/16.
      { partner: HF, leaves: "2015/16", notice: { month: 9, year: "2013/14", text: "September 2013" } },
      { partner: KC, joins: "2012/13", leaves: "2015/16" },
      { partner: WCC },
    ]);
  });

  test("notice in January to March falls in the financial year before the calendar year", () => {
    const r = partnersOf(`${HF}, ${KC} notice Feb 2013, ${WCC}`);
    expect(only(r)).toEqual([]);
    // February 2013 is month 11 of 2012/13: notice to January 2014, part-way through 2013/14.
    expect(r.inputs?.rules.rules[1].partners?.value[1]).toMatchObject({ partner: KC, leaves: "2014/15" });
  });

  test("leaving before joining is an error at the Partners cell", () => {
    expect(problemAt(partnersOf(`${HF}, ${KC}, ${WCC} from 2013/14 until 2012/13`), "Rules", "B3")).toMatchObject({
      message: `Partners for ${LIB}: ${WCC} leaves (until 2012/13) before it joins (from 2013/14).`,
      fix: "Make its last year (until) 2013/14 or later, or correct the year it joins.",
      rule: "RULES.md §8",
    });
  });

  test("leaving before the service's first year is an error at the Partners cell", () => {
    expect(problemAt(partnersOf(`${HF}, ${KC} until 2010/11, ${WCC}`), "Rules", "B3")).toMatchObject({
      message: `Partners for ${LIB}: ${KC} leaves (until 2010/11) before it takes part (from 2011/12).`,
      rule: "RULES.md §8",
    });
  });

  test("notice in a year the partner is not in is an error at the Partners cell", () => {
    expect(problemAt(partnersOf(`${HF}, ${KC}, ${WCC} from 2013/14 notice June 2012`), "Rules", "B3")).toMatchObject({
      message: `Partners for ${LIB}: ${WCC} gives notice in June 2012 (2012/13), a year it is not in: it joins from 2013/14.`,
      fix: "Give notice in 2013/14 or later, or correct the year it joins.",
      rule: "RULES.md §8",
    });
    expect(problemAt(partnersOf(`${HF} notice May 2010, ${KC}, ${WCC}`), "Rules", "B3")).toMatchObject({
      message: `Partners for ${LIB}: ${HF} gives notice in May 2010 (2010/11), a year it is not in: it takes part from 2011/12.`,
    });
  });

  test("notice that is not a month and year, both until and notice, and everyone gone", () => {
    expect(problemAt(partnersOf(`${HF} notice soon, ${KC}, ${WCC}`), "Rules", "B3")).toMatchObject({
      message: `Partners for ${LIB}: ${HF} gives notice "soon", which is not a month and year like September 2013.`,
    });
    expect(problemAt(partnersOf(`${HF} until 2013/14 notice May 2012, ${KC}, ${WCC}`), "Rules", "B3")).toMatchObject({
      message: `Partners for ${LIB}: ${HF} has both a last year (until 2013/14) and notice (May 2012).`,
    });
    expect(problemAt(partnersOf(`${HF} until 2012/13, ${KC} until 2013/14`), "Rules", "B3")).toMatchObject({
      message: `Partners for ${LIB}: every partner has left by 2014/15, so no one takes part in it.`,
    });
    expect(problemAt(partnersOf(`${HF}, ${KC}, ${WCC} until 2013`), "Rules", "B3")).toMatchObject({
      message: `Partners for ${LIB}: ${WCC} takes part until "2013", which is not a financial year like 2011/12.`,
      fix: "Write its last year in like this: Kensington & Chelsea until 2014/15.",
    });
  });
});

describe("New cost by year and one-off costs by year and by who bears them (RULES.md §4, §5)", () => {
  // Row 2 is the Youth Offending Service (New cost D2, Transitional cost F2, First year 2011/12).
  const yos = (r: ReturnType<typeof rulesWith>) => r.inputs!.rules.rules[0];

  test("a New cost from a year on, and a transitional cost by year for named partners", () => {
    const r = rulesWith(
      ["D2", "1,200,000; £1,500,000 from 2013/14"],
      ["F2", `600,000 in 2011/12; 2,000,000 in 2012/13 for ${HF} and kensington & chelsea`],
    );
    expect(only(r)).toEqual([]);
    expect(yos(r).newCost).toBeUndefined();
    expect(yos(r).newCostByYear?.value.map((c) => [c.from, c.amount.toString()])).toEqual([
      [undefined, "1200000"],
      ["2013/14", "1500000"],
    ]);
    expect(yos(r).oneOffs?.value.map((o) => [o.year, o.amount.toString(), o.partners])).toEqual([
      ["2011/12", "600000", undefined],
      ["2012/13", "2000000", [HF, KC]], // spelled as on the Budget sheet
    ]);
  });

  test("years that run backwards or repeat, an amount after the first without a year, a bad amount", () => {
    const at = (text: string) => problemAt(rulesWith(["D2", text]), "Rules", "D2");
    expect(at("1,200,000; 1,500,000 from 2014/15; 1,700,000 from 2013/14")).toMatchObject({
      message: `New cost for ${YOS}: 2013/14 comes after 2014/15, so the years run backwards.`,
      rule: "RULES.md §5",
    });
    expect(at("1,200,000; 1,500,000 from 2013/14; 1,600,000 from 2013/14").message).toBe(
      `New cost for ${YOS}: 2013/14 is given twice.`,
    );
    expect(at("1,200,000; 1,500,000").message).toBe(
      `New cost for ${YOS}: 1,500,000 has no year; every amount after the first needs one (from 2013/14).`,
    );
    expect(at("about a million; 1,500,000 from 2013/14").message).toBe(
      `New cost for ${YOS}: "about a million" is not an amount like 1,200,000.`,
    );
    expect(at("£1.0m–£0.7m; 1,500,000 from 2013/14").message).toBe(
      `New cost for ${YOS}: "£1.0m–£0.7m" is a range written backwards: its low end is above its high end.`,
    );
    expect(at("1,500,000 from 2013/14").message).toBe(
      `New cost for ${YOS} starts from 2013/14, so 2011/12, the First year, has no cost.`,
    );
  });

  test("each amount of a list is read as the ranges are (one amount parser): £1.2m, a range at the scenario's figure", () => {
    const r = rulesWith(["D2", "£1.2m; £1.4m–£1.6m from 2013/14"], ["F2", "£120 - £140k in 2011/12"]);
    expect(only(r)).toEqual([]);
    expect(yos(r).newCostByYear?.value.map((c) => c.amount.toString())).toEqual(["1200000", "1500000"]);
    expect(yos(r).oneOffs?.value.map((o) => o.amount.toString())).toEqual(["130000"]);
    expect(r.notes.filter((n) => /^Rules!(D2|F2): .* is the range /.test(n))).toHaveLength(2);
    const high = read(
      withCells([
        ["Rules", "D2", "£1.2m; £1.4m–£1.6m from 2013/14"],
        ["Rules", "F2", "£120 - £140k in 2011/12"],
      ]),
      { scenario: "high" },
    );
    // The high scenario is the higher saving: the low end of each cost (test/workbook/scenarios.test.ts).
    expect(high.inputs!.rules.rules[0].newCostByYear?.value[1].amount.toString()).toBe("1400000");
    expect(high.inputs!.rules.rules[0].oneOffs?.value[0].amount.toString()).toBe("120000");
    expect(high.ranges.map((x) => x.what)).toEqual([`New cost for ${YOS}`, `Transitional cost for ${YOS}`]);
  });

  test("a one-off cost named for a partner not in the service, twice in a year, before the First year", () => {
    const at = (text: string) => problemAt(rulesWith(["F2", text]), "Rules", "F2");
    expect(at("100,000 for Camden")).toMatchObject({
      message: `Transitional cost for ${YOS} is named for Camden, which is not one of its partners (${HF}, ${KC} and ${WCC}).`,
      rule: "RULES.md §4",
    });
    expect(at("100,000 in 2012/13; 50,000 in 2012/13").message).toBe(
      `Transitional cost for ${YOS}: 2012/13 has two one-off costs.`,
    );
    expect(at("100,000 in 2010/11").message).toBe(
      `Transitional cost for ${YOS} falls in 2010/11, before the First year, 2011/12.`,
    );
  });

  test("a one-off cost named for a partner in a year it does not take part in is an error at its cell", () => {
    const r = rulesWith(["B2", `${HF}, ${KC}, ${WCC} from 2013/14`], ["F2", `100,000 for ${HF} and ${WCC}`]);
    expect(problemAt(r, "Rules", "F2")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "F2",
      message: `Transitional cost for ${YOS}: 100,000 in 2011/12 is named for ${WCC}, which joins from 2013/14, so it does not take part then.`,
      fix: "Give the cost a year from 2013/14 on, or name partners taking part in 2011/12.",
      rule: "RULES.md §4",
    });
  });
});

describe("Transitional cost borne by one partner alone (RULES.md §4, §8)", () => {
  const yos = (r: ReturnType<typeof rulesWith>) => r.inputs!.rules.rules[0];
  const at = (text: string, ...more: [string, CellValue][]) =>
    problemAt(rulesWith(["F2", text], ...more), "Rules", "F2");

  test("'borne by' a partner: an extra beside the year's shared cost, or alone in the cell", () => {
    const r = rulesWith([
      "F2",
      `100,000 in 2011/12; 15,000 in 2011/12 borne by westminster; 8,000 in 2012/13 Borne By ${KC}`,
    ]);
    expect(only(r)).toEqual([]);
    expect(yos(r).oneOffs?.value.map((o) => [o.year, o.amount.toString(), o.partners, o.bornBy])).toEqual([
      ["2011/12", "100000", undefined, undefined],
      ["2011/12", "15000", undefined, WCC], // spelled as on the Budget sheet
      ["2012/13", "8000", undefined, KC],
    ]);
    const alone = rulesWith(["F2", `15,000 borne by ${WCC}`]);
    expect(only(alone)).toEqual([]);
    expect(yos(alone).oneOffs?.value).toEqual([expect.objectContaining({ bornBy: WCC })]);
  });

  test("borne by two partners, by one twice in a year, by one not in the service: errors at the cell", () => {
    expect(at(`15,000 in 2011/12 borne by ${HF} and ${KC}`)).toMatchObject({
      message: `Transitional cost for ${YOS}: 15,000 is borne by ${HF} and ${KC}; a cost borne alone names one partner.`,
      fix: `Name one partner after "borne by", or share the cost with "for": 15,000 in 2011/12 for ${HF} and ${KC}.`,
      rule: "RULES.md §4",
    });
    expect(at(`15,000 in 2011/12 borne by ${KC}; 5,000 in 2011/12 borne by ${KC}`).message).toBe(
      `Transitional cost for ${YOS}: ${KC} bears two costs alone in 2011/12.`,
    );
    expect(at("15,000 borne by Camden")).toMatchObject({
      message: `Transitional cost for ${YOS} is borne by Camden, which is not one of its partners (${HF}, ${KC} and ${WCC}).`,
      rule: "RULES.md §4",
    });
  });

  test("borne by a partner who has left, or has not joined yet, is an error at the cell", () => {
    expect(at(`200,000 in 2014/15 borne by ${KC}`, ["B2", `${HF}; ${KC} until 2013/14; ${WCC}`])).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "F2",
      message: `Transitional cost for ${YOS}: 200,000 in 2014/15 is borne by ${KC}, which has left by then (its last year in is 2013/14).`,
      fix: "A leaving partner bears its own costs while it takes part: give a year up to 2013/14, or name partners taking part in 2014/15.",
      rule: "RULES.md §4",
    });
    expect(at(`200,000 in 2012/13 borne by ${WCC}`, ["B2", `${HF}, ${KC}, ${WCC} from 2013/14`]).message).toBe(
      `Transitional cost for ${YOS}: 200,000 in 2012/13 is borne by ${WCC}, which joins from 2013/14, so it does not take part then.`,
    );
    // In its last year in, a leaver's own consequent cost is accepted and falls on it alone.
    const r = rulesWith(["B2", `${HF}; ${KC} until 2013/14; ${WCC}`], ["F2", `200,000 in 2013/14 borne by ${KC}`]);
    expect(only(r)).toEqual([]);
    const worked = outcomeOf(r.inputs!);
    expect(worked.problems).toEqual([]);
    const service = worked.outcome!.services[0];
    expect(service.partners.map((p) => p.transitional.toFixed(2))).toEqual(["0.00", "200000.00", "0.00"]);
  });
});

describe("Termination costs shared on a basis named in the rule (RULES.md §8)", () => {
  const yos = (r: ReturnType<typeof rulesWith>) => r.inputs!.rules.rules[0];
  const at = (text: string) => problemAt(rulesWith(["F2", text]), "Rules", "F2");

  test("'by equal', 'by FTE', with or without the partners named; without, by net reduction", () => {
    const r = rulesWith(["F2", `300,000 in 2012/13 for ${HF} and ${WCC} by equal; 90,000 in 2013/14 by FTE; 10,000`]);
    expect(only(r)).toEqual([]);
    expect(yos(r).oneOffs?.value.map((o) => [o.year, o.amount.toString(), o.partners, o.basis])).toEqual([
      ["2012/13", "300000", [HF, WCC], { kind: "equal" }],
      ["2013/14", "90000", undefined, { kind: "fte" }],
      [undefined, "10000", undefined, undefined],
    ]);
  });

  test("an unknown basis, and a basis for a cost borne alone, are errors at the cell", () => {
    expect(at(`300,000 in 2012/13 for ${HF} and ${WCC} by headcount`)).toMatchObject({
      message: `Transitional cost for ${YOS}: 300,000 is shared by "headcount", which is not one of demand, equal, FTE, budget or Population (from Drivers).`,
      rule: "RULES.md §8",
    });
    expect(at(`300,000 in 2012/13 borne by ${KC} by equal`).message).toBe(
      `Transitional cost for ${YOS}: 300,000 is borne by ${KC} alone, so it is not shared by equal.`,
    );
  });

  test("a basis whose figures a partner lacks is an error at the Transitional cost cell", () => {
    const r = rulesWith(["F2", `300,000 in 2012/13 by Population`]);
    expect(only(r)).toEqual([]);
    const worked = outcomeOf(r.inputs!);
    expect(
      worked.problems.map((p) => [p.sheet, p.cell && `${p.cell.column},${p.cell.row}`, p.message, p.rule]),
    ).toEqual([
      [
        "Rules",
        "6,2", // F2, the Transitional cost
        `one-off cost in 2012/13: ${HF} has no value, which this basis needs, and the cost is shared by Population`,
        "RULES.md §8",
      ],
    ]);
  });
});

describe("Basis", () => {
  test("each spelling of a basis", () => {
    const basis = (text: string) => rulesWith(["C2", text]).inputs?.rules.rules[0].basis.value;
    expect(basis("Equal shares")).toEqual({ kind: "equal" });
    expect(basis("fte")).toEqual({ kind: "fte" });
    expect(basis("Stand-alone budget")).toEqual({ kind: "budget" });
    expect(basis("baseline")).toEqual({ kind: "budget" });
  });

  test("an unknown basis lists the choices, with the Drivers measures", () => {
    expect(problemAt(rulesWith(["C3", "populaton"]), "Rules", "C3")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "C3",
      message: `Basis for ${LIB} is "populaton", which is not one of demand, equal, FTE, budget or Population (from Drivers).`,
      fix: "Enter one of those, or add a Drivers column headed with the measure's name.",
      rule: "RULES.md §2",
    });
  });

  test("FTE basis: no FTE sheet is a problem at the Basis cell naming the FTE sheet", () => {
    const sheets = withCells([["Rules", "C2", "FTE"]]);
    delete (sheets as Partial<typeof sheets>).FTE;
    expect(problemAt(read(sheets), "Rules", "C2")).toMatchObject({
      message: `Basis for ${YOS} is FTE, but there is no FTE sheet.`,
      fix: "Add an FTE sheet (Partner, Service, FTE), or choose another basis.",
      rule: "RULES.md §2",
    });
    // The FTE sheet is needed only then.
    delete (sheets as Partial<typeof sheets>).FTE;
    expect(only(read(withCells([["Rules", "C2", "equal"]], sheets)))).toEqual([]);
  });

  test("FTE basis: a partner with no FTE lines for the service", () => {
    const r = read(
      withCells([
        ["Rules", "C2", "FTE"],
        ["FTE", "B4", LIB],
      ]),
    );
    expect(only(r)).toEqual([
      `error Rules!C2 Basis for ${YOS} is FTE, but the FTE sheet has no FTE for ${WCC} in ${YOS}.`,
    ]);
  });

  test("demand basis: a partner with no Quantity is a problem at the Basis cell naming Drivers and the partner", () => {
    const r = read(withCells([["Drivers", "C4", null]]));
    expect(problemAt(r, "Rules", "C3")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "C3",
      message: `Basis for ${LIB} is demand (quantity × quality), but the Drivers sheet has no Quantity for ${WCC} in ${LIB}.`,
      fix: `Add ${WCC}'s Quantity for ${LIB} to the Drivers sheet, or choose another basis.`,
      rule: "RULES.md §2",
    });
  });

  test("demand basis (or a blank basis) with no Drivers sheet", () => {
    const sheets = withCells([["Rules", "C3", null]]);
    delete (sheets as Partial<typeof sheets>).Drivers;
    expect(problemAt(read(sheets), "Rules", "C3").message).toBe(
      `Basis for ${LIB} is blank, which means demand, but there is no Drivers sheet.`,
    );
  });

  test("all-zero quantities for a service", () => {
    const r = read(
      withCells([
        ["Drivers", "C2", 0],
        ["Drivers", "C3", 0],
        ["Drivers", "C4", 0],
      ]),
    );
    expect(only(r)).toEqual([
      `error Rules!C3 Basis for ${LIB} is demand (quantity × quality), but every partner's Quantity for ${LIB} on the Drivers sheet is 0, so there is nothing to split by.`,
    ]);
  });

  test("a measure basis needs the measure for every partner", () => {
    const r = read(
      withCells([
        ["Rules", "C3", "population"],
        ["Drivers", "E3", null],
      ]),
    );
    expect(only(r)).toEqual([
      `error Rules!C3 Basis for ${LIB} is Population, but the Drivers sheet has no Population for ${KC} in ${LIB}.`,
    ]);
  });
});

describe("New cost and Reduction", () => {
  test("both given, or neither", () => {
    expect(problemAt(rulesWith(["E2", 0.1]), "Rules", "E2")).toMatchObject({
      message: `Both New cost and Reduction are given for ${YOS}.`,
      fix: "Keep one: the combined service's new cost, or a target reduction.",
    });
    expect(problemAt(rulesWith(["D2", null]), "Rules", "D2")).toMatchObject({
      message: `Neither New cost nor Reduction is given for ${YOS}.`,
      rule: "RULES.md §5",
    });
  });

  test("a reduction as a % cell or as text; 20 is refused with what to type", () => {
    expect(rulesWith(["E3", "25%"]).inputs?.rules.rules[1].reduction?.value.toString()).toBe("0.25");
    expect(problemAt(rulesWith(["E3", 20]), "Rules", "E3")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "E3",
      message: `Reduction for ${LIB} is 20, which Excel reads as 2000%.`,
      fix: "Enter 20% (with the % sign), or 0.2.",
      rule: "RULES.md §5",
    });
    expect(problemAt(rulesWith(["E3", "120%"]), "Rules", "E3").message).toBe(
      `Reduction for ${LIB} is 120%, outside 0% to 100%.`,
    );
    expect(problemAt(rulesWith(["E3", "twenty"]), "Rules", "E3").message).toBe(
      `Reduction for ${LIB} is text ("twenty"), not a number.`,
    );
  });

  test("a negative new cost or transitional cost", () => {
    expect(problemAt(rulesWith(["F2", -5]), "Rules", "F2")).toMatchObject({
      message: `Transitional cost for ${YOS} is negative (-5).`,
      rule: "RULES.md §4",
    });
    expect(problemAt(rulesWith(["D2", "1,650,000"]), "Rules", "D2").message).toBe(
      `New cost for ${YOS} is text ("1,650,000"), not a number.`,
    );
  });
});

describe("Phasing and Start month", () => {
  test("phasing must add up to exactly 100%, and the message says by how much it is off", () => {
    expect(problemAt(rulesWith(["G3", "10%, 45%, 40%"]), "Rules", "G3")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "G3",
      message: `Phasing for ${LIB} adds up to 95%, 5% short of 100%.`,
      fix: "Change the percentages so they add up to exactly 100%.",
      rule: "RULES.md §6",
    });
    expect(problemAt(rulesWith(["G3", "10%; 50.5%; 45%"]), "Rules", "G3").message).toBe(
      `Phasing for ${LIB} adds up to 105.5%, 5.5% over 100%.`,
    );
    expect(problemAt(rulesWith(["G3", 0.5]), "Rules", "G3").message).toBe(
      `Phasing for ${LIB} adds up to 50%, 50% short of 100%.`,
    );
  });

  test("a single 100% cell, and items that are not percentages", () => {
    expect(rulesWith(["G3", 1]).inputs?.rules.rules[1].phasing?.value.map(String)).toEqual(["1"]);
    expect(problemAt(rulesWith(["G3", "10, 45, 45"]), "Rules", "G3").message).toBe(
      `Phasing for ${LIB} ("10, 45, 45") has "10", which is not a percentage.`,
    );
  });

  test("a start month as a number, a name, or a date", () => {
    const month = (value: CellValue) => rulesWith(["H2", value]).inputs?.rules.rules[0].startMonth?.value;
    expect(month(9)).toBe(9);
    expect(month("September")).toBe(9);
    expect(month("sept")).toBe(9);
    expect(month(40787)).toBe(9); // 1 September 2011
    expect(problemAt(rulesWith(["H2", 13]), "Rules", "H2")).toMatchObject({
      message: `Start month for ${YOS} is 13, not a month.`,
      fix: "Enter the month the saving starts: its name (September) or its number, 1 (January) to 12 (December).",
      rule: "RULES.md §6",
    });
  });

  test("Phasing and Start month together", () => {
    expect(problemAt(rulesWith(["H3", "June"]), "Rules", "H3")).toMatchObject({
      message: `Both Phasing and Start month are given for ${LIB}.`,
      rule: "RULES.md §6",
    });
  });
});

describe("First year, Kind, Gain share, Host, Variance policy", () => {
  test("First year is required and must be a financial year", () => {
    expect(problemAt(rulesWith(["I2", null]), "Rules", "I2")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "I2",
      message: `First year for ${YOS} is blank.`,
      fix: "Enter the financial year the saving starts, like 2011/12.",
      rule: "RULES.md §6",
    });
    expect(problemAt(rulesWith(["I2", "2011/13"]), "Rules", "I2").message).toBe(
      `First year for ${YOS} "2011/13" is not a financial year like 2011/12.`,
    );
    expect(problemAt(rulesWith(["I2", 2011]), "Rules", "I2").message).toBe(
      `First year for ${YOS} is 2011, not a financial year like 2011/12.`,
    );
  });

  test("a date in First year (Excel's reading of a typed 2011/12) is its financial year, with a note", () => {
    const r = rulesWith(["I2", 40878]); // 1 December 2011
    expect(only(r)).toEqual([]);
    expect(r.inputs?.rules.rules[0].firstYear.value).toBe("2011/12");
    expect(r.notes).toContain(
      `Rules!I2: First year for ${YOS} is a date (2011-12-01), read as the financial year 2011/12.`,
    );
  });

  test("Kind in the engine's words", () => {
    expect(rulesWith(["J2", "Cost Avoidance"]).inputs?.rules.rules[0].kind.value).toBe("cost-avoidance");
    expect(problemAt(rulesWith(["J2", "cashble"]), "Rules", "J2")).toMatchObject({
      message: `Kind for ${YOS} must be "cashable", "non-cashable" or "cost avoidance" (got "cashble").`,
      rule: "RULES.md §5",
    });
  });

  test("Gain share from 0% to 100%", () => {
    expect(problemAt(rulesWith(["K3", 10]), "Rules", "K3").message).toBe(
      `Gain share for ${LIB} is 10, which Excel reads as 1000%.`,
    );
    expect(problemAt(rulesWith(["K3", -0.1]), "Rules", "K3").message).toBe(
      `Gain share for ${LIB} is -10%, outside 0% to 100%.`,
    );
  });

  test("the host must be one of the partners", () => {
    expect(problemAt(rulesWith(["L3", "Camden"]), "Rules", "L3")).toEqual({
      severity: "error",
      sheet: "Rules",
      cell: "L3",
      message: `Host for ${LIB} is Camden, which is not one of its partners (${HF}, ${KC} and ${WCC}).`,
      fix: "Enter one of the partners, or leave Host blank.",
      rule: "RULES.md §3",
    });
  });

  test("Variance policy", () => {
    expect(rulesWith(["M2", "Host-Bears"]).inputs?.rules.rules[0].variancePolicy.value).toBe("host-bears");
    expect(problemAt(rulesWith(["M2", "split"]), "Rules", "M2").message).toBe(
      `Variance policy for ${YOS} must be "host bears" or "share now" (got "split").`,
    );
  });
});

describe("services on the Rules and Budget sheets", () => {
  test("a service in Rules twice is a problem at the second", () => {
    const sheets = validSheets();
    sheets.Rules.push([...sheets.Rules[1]]);
    expect(problemAt(read(sheets), "Rules", "A4")).toMatchObject({
      message: `${YOS} is in the Rules sheet twice (row 2 and row 4).`,
      fix: "Keep one row per service: delete or merge the other.",
    });
  });

  test("a Rules service with no Budget lines is an error; a Budget service with no rule a warning", () => {
    const sheets = validSheets();
    sheets.Rules[2][0] = "Parking";
    const r = read(sheets);
    expect(only(r)).toEqual([
      `warning Budget!C6 ${LIB} has budget lines but no row on the Rules sheet, so it is left out.`,
      "error Rules!A3 Parking has no lines on the Budget sheet.",
    ]);
    sheets.Rules.pop();
    sheets.Tracker = sheets.Tracker.slice(0, 2);
    const warned = read(sheets);
    expect(only(warned)).toEqual([
      `warning Budget!C6 ${LIB} has budget lines but no row on the Rules sheet, so it is left out.`,
    ]);
    expect(warned.inputs?.rules.rules).toHaveLength(1); // a warning does not stop the run
  });

  test("missing required columns", () => {
    const r = read({
      ...validSheets(),
      Rules: validSheets().Rules.map((row) => [row[0], row[1], row[2]]),
    });
    expect(only(r)).toEqual([
      "error Rules!D1 There is no First year column in the headings (row 1).",
      "error Rules!D1 There is no New cost or Reduction column in the headings (row 1).",
    ]);
    expect(r.problems[0].fix).toBe("Add a column headed First year.");
  });
});
