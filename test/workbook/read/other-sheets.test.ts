/** FTE, Drivers and Tracker checks, and many problems listed at once. */
import { HF, KC, LIB, WCC, YOS, problemAt, read, validSheets, where, withCells } from "./workbook";

describe("FTE", () => {
  test("a negative FTE is a problem at its cell, under RULES.md §2", () => {
    expect(problemAt(read(withCells([["FTE", "C2", -1]])), "FTE", "C2")).toEqual({
      severity: "error",
      sheet: "FTE",
      cell: "C2",
      message: `FTE for ${HF}, ${YOS} is negative (-1).`,
      fix: "Enter zero or more.",
      rule: "RULES.md §2",
    });
  });

  test("a blank or text FTE, a text cost and an unclear manager flag are each reported", () => {
    const r = read(
      withCells([
        ["FTE", "C2", null],
        ["FTE", "D3", "350k"],
        ["FTE", "E4", "maybe"],
      ]),
    );
    expect(where(r.problems)).toEqual([
      `error FTE!C2 FTE for ${HF}, ${YOS} is blank.`,
      `error FTE!D3 Cost for ${KC}, ${YOS} is text ("350k"), not a number.`,
      'error FTE!E4 Manager is "maybe", not Yes or No.',
    ]);
  });

  test("the FTE sheet needs Partner, Service and FTE columns", () => {
    const r = read({ ...validSheets(), FTE: validSheets().FTE.map((row) => [row[0], row[1], row[3]]) });
    expect(problemAt(r, "FTE", "D1")).toMatchObject({
      message: "There is no FTE column in the headings (row 1).",
      fix: "Add a column headed FTE.",
    });
  });
});

describe("Drivers", () => {
  test("negative quantities and quality factors, and text", () => {
    const r = read(
      withCells([
        ["Drivers", "C2", -120],
        ["Drivers", "D3", "high"],
        ["Drivers", "E4", { error: "#N/A" }],
      ]),
    );
    expect(where(r.problems)).toEqual([
      `error Drivers!C2 Quantity for ${HF}, ${LIB} is negative (-120).`,
      `error Drivers!D3 Quality for ${KC}, ${LIB} is text ("high"), not a number.`,
      `error Drivers!E4 Population for ${WCC}, ${LIB} is the Excel error #N/A.`,
    ]);
    expect(r.problems.every((p) => p.rule === "RULES.md §2")).toBe(true);
  });

  test("the same service and partner twice", () => {
    const sheets = validSheets();
    sheets.Drivers.push([LIB, "kensington & chelsea", 5, null, null]);
    expect(problemAt(read(sheets), "Drivers", "B5")).toMatchObject({
      message: `${KC}, ${LIB} is on the Drivers sheet twice (row 3 and row 5).`,
      fix: "Keep one line per service and partner: delete or merge the other.",
    });
  });

  test("a blank quality is absent (a factor of 1), not an error", () => {
    const r = read(withCells([["Drivers", "D3", null]]));
    expect(where(r.problems)).toEqual([]);
    expect(r.inputs?.drivers?.lines.every((l) => l.quality === undefined)).toBe(true);
  });
});

describe("Tracker", () => {
  test("the year is read like First year; a bad one is a problem", () => {
    const r = read(
      withCells([
        ["Tracker", "C2", "2011-12"],
        ["Tracker", "C3", "11/12"],
      ]),
    );
    expect(where(r.problems)).toEqual([
      `error Tracker!C3 Year for ${KC}, ${YOS} "11/12" is not a financial year like 2011/12.`,
    ]);
    expect(problemAt(r, "Tracker", "C3").rule).toBe("RULES.md §7");
  });

  test("the same service, partner and year twice", () => {
    const sheets = validSheets();
    sheets.Tracker.push([YOS, HF, "2011/12", 1]);
    expect(problemAt(read(sheets), "Tracker", "C4").message).toBe(
      `${HF}, ${YOS}, 2011/12 is on the Tracker sheet twice (row 2 and row 4).`,
    );
  });

  test("an unknown service or partner", () => {
    const sheets = validSheets();
    sheets.Tracker.push(["Parking", HF, "2011/12", 1], [LIB, "Camden", "2011/12", 1]);
    expect(where(read(sheets).problems)).toEqual([
      "error Tracker!A4 Parking is not a service on the Rules sheet.",
      `error Tracker!B5 Camden is not a partner in ${LIB} (its partners are ${HF}, ${KC} and ${WCC}).`,
    ]);
  });

  test("Achieved in £000s is scaled; text is an error", () => {
    const scaled = read(
      withCells([
        ["Tracker", "D1", "Achieved £000"],
        ["Tracker", "D2", 281],
      ]),
    );
    expect(scaled.inputs?.tracker?.lines[0].achieved).toMatchObject({ units: "thousands" });
    expect(scaled.inputs?.tracker?.lines[0].achieved?.value.toString()).toBe("281000");
    expect(problemAt(read(withCells([["Tracker", "D2", "281,000"]])), "Tracker", "D2").message).toBe(
      `Achieved for ${HF}, ${YOS} is text ("281,000"), not a number.`,
    );
  });
});

test("every problem is listed at once, sheet by sheet and down each sheet", () => {
  const r = read(
    withCells([
      ["Tracker", "C3", "2011"],
      ["Rules", "G3", "10%, 45%"],
      ["Rules", "B3", `${HF}, Camden, ${WCC}`],
      ["Budget", "C4", { error: "#DIV/0!" }],
      ["Budget", "C2", "1,234"],
      ["FTE", "C4", -2],
      ["Drivers", "C3", "lots"],
      ["Rules", "J2", "sometimes"],
    ]),
  );
  expect(where(r.problems)).toEqual([
    `error Budget!C2 Baseline for ${HF}, ${YOS} is text ("1,234"), not a number.`,
    `error Budget!C4 Baseline for ${WCC}, ${YOS} is the Excel error #DIV/0!.`,
    `error Rules!J2 Kind for ${YOS} must be "cashable", "non-cashable" or "cost avoidance" (got "sometimes").`,
    `error Rules!B3 Partners for ${LIB}: Camden has no Budget line for ${LIB}.`,
    `error Rules!G3 Phasing for ${LIB} adds up to 55%, 45% short of 100%.`,
    `error Drivers!C3 Quantity for ${KC}, ${LIB} is text ("lots"), not a number.`,
    `error FTE!C4 FTE for ${WCC}, ${YOS} is negative (-2).`,
    `error Tracker!C3 Year for ${KC}, ${YOS} "2011" is not a financial year like 2011/12.`,
  ]);
  expect(r.inputs).toBeUndefined();
  expect(r.problems.every((p) => p.fix.length > 0)).toBe(true);
});
