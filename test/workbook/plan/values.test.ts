/**
 * The values copy as a plan transform (issue 18): every =SHARED.* formula, and every cell its
 * spill covered, becomes the value the engine computed; plain formulas, text and numbers stay as
 * they were; nothing moves. Written to .xlsx, the file has no _xldudf_ left.
 */
import JSZip from "jszip";
import { Decimal } from "../../../src/engine";
import { callsAddinFunction, planWithValues } from "../../../src/workbook/plan";
import type { Plan, PlanCell } from "../../../src/workbook/plan/types";
import { writeXlsx } from "../../../src/xlsx/write";
import { planCells, samplePlan } from "../../libreoffice/sample";

let bytes: Buffer;
let plan: Plan;
let values: Plan;
beforeAll(async () => {
  ({ bytes, plan } = await samplePlan());
  values = planWithValues(plan);
});

/** What each cell shows: the value of a formula, the spilled values spread over their cells. */
function shown(rows: Plan["sheets"][number]["rows"]): Map<string, string> {
  const out = new Map<string, string>();
  const text = (v: unknown): string => (v instanceof Decimal ? `n:${v.toString()}` : `v:${JSON.stringify(v)}`);
  for (const [r, c, cell] of planCells(rows)) {
    if (cell.kind === "text") out.set(`${r},${c}`, `v:${JSON.stringify(cell.text)}`);
    else if (cell.kind === "number") out.set(`${r},${c}`, text(cell.value));
    else if (cell.kind === "formula") out.set(`${r},${c}`, text(cell.value));
    else cell.values.forEach((line, i) => line.forEach((v, j) => out.set(`${r + i},${c + j}`, text(v))));
  }
  return out;
}

describe("planWithValues", () => {
  it("recognises the add-in's functions and nothing else", () => {
    expect(callsAddinFunction("=SHARED.APPORTION(I9,E6:E8)")).toBe(true);
    expect(callsAddinFunction('=IFERROR(shared.breakeven(F11:J11,$F$5:$J$5),"x")')).toBe(true);
    expect(callsAddinFunction("=SUM(H6:H8)")).toBe(false);
    expect(callsAddinFunction('=SUMIFS(F$40:F$90,$B$40:$B$90,"SHARED.APPORTION(")')).toBe(true); // conservative: a value is always safe
    expect(callsAddinFunction("=NOTSHARED.X(1)")).toBe(false);
  });

  it("leaves no =SHARED formula and keeps every plain formula as it was", () => {
    const formulas = (p: Plan): string[] =>
      p.sheets.flatMap((s) =>
        [...planCells(s.rows)].flatMap(([, , c]) => (c.kind === "formula" || c.kind === "spill" ? [c.formula] : [])),
      );
    expect(formulas(plan).some(callsAddinFunction)).toBe(true);
    expect(formulas(values).filter(callsAddinFunction)).toEqual([]);
    expect(formulas(values)).toEqual(formulas(plan).filter((f) => !callsAddinFunction(f)));
    expect(values.sheets.flatMap((s) => [...planCells(s.rows)]).some(([, , c]) => c.kind === "spill")).toBe(false);
  });

  it("shows the same value in every cell as the live plan, sheet by sheet, except each sheet's note", () => {
    plan.sheets.forEach((s, i) => {
      const before = shown(s.rows);
      const after = shown(values.sheets[i].rows);
      before.delete("3,1");
      const note = after.get("3,1");
      after.delete("3,1");
      expect(after).toEqual(before);
      expect(values.sheets[i].name).toBe(s.name);
      if (s.role === "attribution" || s.role === "savings-profile")
        expect(note).toMatch(/as values in place of its =SHARED formulas/);
    });
    expect(values.summary.at(-1)).toMatch(
      /^Values only: [\d,]+ formulas of the add-in's functions written as their values/,
    );
  });

  it("writes a file with no _xldudf_ and no dynamic-array formula of the add-in's", async () => {
    const written = await writeXlsx(bytes, values);
    const zip = await JSZip.loadAsync(written);
    const parts = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/.*\.xml$/.test(n));
    let all = "";
    for (const part of parts) all += await zip.file(part)!.async("string");
    expect(all).toContain("<f>"); // plain formulas are there
    expect(all).not.toMatch(/_xldudf_/i);
    // And the live output does have them, so this check would catch one left behind.
    const live = await JSZip.loadAsync(await writeXlsx(bytes, plan));
    let liveXml = "";
    for (const part of parts) liveXml += await live.file(part)!.async("string");
    expect(liveXml).toMatch(/_xldudf_SHARED_APPORTION/);
  });

  it("turns a TRUE/FALSE or an error result into a plain formula giving it, and text into text", () => {
    const cell = (formula: string, value: boolean | string | { error: string }): PlanCell => ({
      kind: "formula",
      formula,
      value,
    });
    const p: Plan = {
      sheets: [
        {
          role: "audit",
          name: "Audit",
          rows: [[cell("=SHARED.X(1)", true), cell("=SHARED.X(2)", { error: "#N/A" }), cell("=SHARED.X(3)", "=1+1")]],
        },
      ],
      reuse: [],
      remove: [],
      summary: [],
    };
    expect(planWithValues(p).sheets[0].rows[0]).toEqual([
      { kind: "formula", formula: "=TRUE()", value: true, style: undefined },
      { kind: "formula", formula: "=NA()", value: { error: "#N/A" }, style: undefined },
      { kind: "text", text: "=1+1", style: undefined },
    ]);
  });
});
