import { PAYLOAD_BUDGET, PAYLOAD_LIMIT } from "../../src/office/payload";
import { cellValue, readWorkbook } from "../../src/office/read";
import { writePlan } from "../../src/office/write";
import type { CellValue, SheetGrid } from "../../src/workbook/grid";
import { markerText } from "../../src/workbook/owned";
import { FakeWorkbook } from "./fake-excel";
import { WHEN, attributionSheet, placedPlan } from "./plans";

describe("readWorkbook", () => {
  test("gives A1-anchored grids with blanks as null and Excel errors as error cells, and every sheet's A2", async () => {
    // Budget's data starts at C3: the grid must still start at A1.
    const budget: SheetGrid = {
      name: "Budget",
      values: [
        [],
        [],
        [null, null, "Partner", "Service", "Baseline £000"],
        [null, null, "Westminster", "YOS", 728],
        [null, null, "Kensington & Chelsea", null, { error: "#DIV/0!" }],
      ],
    };
    const rules: SheetGrid = {
      name: "Rules",
      values: [
        ["Service", "Basis", "Host"],
        ["YOS", "demand", true],
      ],
    };
    const owned: SheetGrid = {
      name: "Attribution",
      values: [["Attribution"], [markerText("attribution", WHEN)], [1, 2, 3]],
    };
    const empty: SheetGrid = { name: "Notes", values: [] };
    const workbook = FakeWorkbook.fromGrids([budget, rules, owned, empty]);

    const progress: [number, number][] = [];
    const { grids, existing } = await readWorkbook(workbook.context, {
      onProgress: (done, total) => progress.push([done, total]),
    });

    expect(existing).toEqual([
      { name: "Budget", a2: null },
      { name: "Rules", a2: "YOS" },
      { name: "Attribution", a2: markerText("attribution", WHEN) },
      { name: "Notes", a2: null },
    ]);
    expect(grids.map((g) => g.name)).toEqual(["Budget", "Rules", "Notes"]); // the add-in's own sheet is not an input
    expect(grids[0].values).toEqual([
      [],
      [],
      [null, null, "Partner", "Service", "Baseline £000"],
      [null, null, "Westminster", "YOS", 728],
      [null, null, "Kensington & Chelsea", null, { error: "#DIV/0!" }],
    ]);
    expect(grids[1].values).toEqual(rules.values);
    expect(grids[2].values).toEqual([]);
    expect(workbook.syncs).toHaveLength(3); // names; used ranges and markers; the cells of both sheets together
    expect(progress).toEqual([
      [1, 2],
      [2, 3],
      [3, 3],
    ]);
  });

  test("reads a large sheet in a few syncs, each response under the limit", async () => {
    const rows = 50_000;
    const values: CellValue[][] = [
      [
        "Partner",
        "Service",
        "Cost centre",
        "Description",
        "Baseline",
        "FTE",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "Manager",
        "Note",
        "Check",
      ],
    ];
    for (let i = 0; i < rows; i++)
      values.push([
        ["Westminster", "Kensington & Chelsea", "Hammersmith & Fulham"][i % 3],
        `Service ${i % 40}`,
        `CC${10000 + i}`,
        i % 5 === 0 ? null : `Line ${i} of the budget, with a description of what it pays for`,
        i * 123.45,
        (i % 17) / 4,
        i,
        i + 0.5,
        -i,
        i * 2,
        i % 2 === 0,
        i % 100 === 0 ? { error: "#N/A" } : "ok",
        i % 1000 === 0 ? { error: "#DIV/0!" } : null,
      ]);
    const workbook = FakeWorkbook.fromGrids([{ name: "Budget", values }]);
    const { grids } = await readWorkbook(workbook.context);

    const largest = Math.max(...workbook.syncs.map((s) => s.responseBytes));
    const received = workbook.syncs.reduce((n, s) => n + s.responseBytes, 0);
    console.log(
      `read ${rows} rows × 13: ${workbook.syncs.length} syncs, largest response ${largest} bytes, ${received} bytes in all`,
    );
    expect(largest).toBeLessThan(PAYLOAD_LIMIT);
    expect(workbook.syncs.length).toBeLessThanOrEqual(2 + Math.ceil(received / PAYLOAD_BUDGET) + 2);
    expect(workbook.syncs.length).toBeGreaterThan(3);
    // Trailing blanks aside, what was read is what the sheet holds.
    expect(grids[0].values).toHaveLength(rows + 1);
    grids[0].values.forEach((row, r) => {
      if (JSON.stringify(row) !== JSON.stringify(values[r]))
        throw new Error(`row ${r + 1}: ${JSON.stringify(row)} ≠ ${JSON.stringify(values[r])}`);
    });
  });

  test("retries with smaller blocks when Excel says a response was too large", async () => {
    const values: CellValue[][] = Array.from({ length: 2000 }, (_, i) => [`row ${i}`, "x".repeat(400)]);
    const workbook = FakeWorkbook.fromGrids([{ name: "Long text", values }]);
    const sync = workbook.internal.sync.bind(workbook.internal);
    let refused = 0;
    workbook.internal.sync = async () => {
      await sync();
      const last = workbook.syncs[workbook.syncs.length - 1];
      if (last.responseBytes > 300_000) {
        refused++;
        throw Object.assign(new Error("The response payload size has exceeded the limit."), {
          code: "ResponsePayloadSizeLimitExceeded",
        });
      }
    };
    const { grids } = await readWorkbook(workbook.context, { budgetBytes: 250_000 });
    expect(refused).toBeGreaterThan(0); // the first guess of 40 bytes a cell was far too small
    expect(grids[0].values).toEqual(values);
  });

  test("sees the add-in's sheets after a write, by their marker", async () => {
    const workbook = FakeWorkbook.fromGrids([{ name: "Budget", values: [["Partner"]] }]);
    await writePlan(
      workbook.context,
      placedPlan((await readWorkbook(workbook.context)).existing, [attributionSheet(3)]),
    );
    const { grids, existing } = await readWorkbook(workbook.context);
    expect(existing.map((e) => [e.name, typeof e.a2 === "string" && e.a2.includes("(attribution)")])).toEqual([
      ["Budget", false],
      ["Attribution", true],
    ]);
    expect(grids.map((g) => g.name)).toEqual(["Budget"]);
  });
});

describe("cellValue", () => {
  test("maps Office.js value types", () => {
    expect(cellValue("", "Empty")).toBeNull();
    expect(cellValue("#N/A", "Error")).toEqual({ error: "#N/A" });
    expect(cellValue(3, "Double")).toBe(3);
    expect(cellValue("=x", "String")).toBe("=x");
    expect(cellValue(false, "Boolean")).toBe(false);
  });
});
