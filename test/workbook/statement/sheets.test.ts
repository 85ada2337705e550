/**
 * The statement sheets written into the open workbook (the task pane's "Partner statements"):
 * one per partner, a name Excel accepts, an earlier statement sheet of ours replaced by name and
 * role, and a sheet of the user's (or another table of ours) with that name never taken.
 */
import fc from "fast-check";
import { markerText, ownedRole, sheetNameFault, sheetNameKey } from "../../../src/workbook/owned";
import { placeStatements, statementSheetName } from "../../../src/workbook/statement/sheets";

const ours = (role: Parameters<typeof markerText>[0], name: string) => ({
  name,
  a2: markerText(role, "2026-12-01 09:00 UTC"),
});
const users = (name: string, a2: string | null = null) => ({ name, a2 });

describe("statement sheet names", () => {
  it("is the partner's name and 'statement', fit for Excel", () => {
    expect(statementSheetName("Westminster")).toBe("Westminster statement");
    expect(statementSheetName("Hammersmith & Fulham")).toBe("Hammersmith & Fulham statement");
    expect(statementSheetName("Bath: NE Somerset/Avon*")).toBe("Bath- NE Somerset-Avo statement");
    expect(statementSheetName("'Quoted'")).toBe("Quoted statement");
  });

  it("is a name Excel accepts for any partner's name, numbered or not", () => {
    expect(statementSheetName("Royal Borough of Kensington and Chelsea", 12)).toBe("Royal Borough of statement (12)");
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: 1, max: 999 }), (partner, n) => {
        const name = statementSheetName(partner, n);
        expect(sheetNameFault(name)).toBeUndefined();
        expect(name.endsWith(n > 1 ? ` statement (${n})` : " statement")).toBe(true);
      }),
    );
  });
});

describe("placing the statements", () => {
  const partners = ["Hammersmith & Fulham", "Kensington & Chelsea", "Westminster"];

  it("takes each partner's name in a workbook without statements", () => {
    expect(placeStatements([users("Budget"), ours("attribution", "Attribution")], partners)).toEqual({
      names: ["Hammersmith & Fulham statement", "Kensington & Chelsea statement", "Westminster statement"],
      reuse: [],
    });
  });

  it("replaces the add-in's earlier statement sheet of the same name (ignoring case), keeping its name", () => {
    const existing = [users("Budget"), ours("statement", "WESTMINSTER statement")];
    expect(placeStatements(existing, partners)).toEqual({
      names: ["Hammersmith & Fulham statement", "Kensington & Chelsea statement", "WESTMINSTER statement"],
      reuse: ["WESTMINSTER statement"],
    });
  });

  it("never takes a sheet of the user's, nor another of the add-in's tables: the next free name instead", () => {
    const existing = [
      users("Westminster statement", "signed off by the s151 officer"),
      ours("audit", "Westminster statement (2)"),
      ours("statement", "Kensington & Chel statement (2)"),
      users("Kensington & Chelsea statement"),
    ];
    const placed = placeStatements(existing, partners);
    expect(placed.names).toEqual([
      "Hammersmith & Fulham statement",
      "Kensington & Chel statement (2)",
      "Westminster statement (3)",
    ]);
    expect(placed.reuse).toEqual(["Kensington & Chel statement (2)"]);
  });

  it("tells apart two partners whose names come out the same", () => {
    const placed = placeStatements([], ["Bath/Avon", "Bath:Avon", "bath-avon"]);
    expect(placed.names).toEqual(["Bath-Avon statement", "Bath-Avon statement (2)", "bath-avon statement (3)"]);
  });

  it("for any workbook: distinct names, none a sheet of the user's, and only our statement sheets reused", () => {
    const name = fc.constantFrom("A statement", "a statement", "A statement (2)", "B statement", "Budget", "A:");
    const sheet = fc.record({
      name,
      a2: fc.oneof(
        fc.constant(null),
        fc.constant("mine"),
        fc.constantFrom("statement", "audit").map((r) => markerText(r as "statement" | "audit", "now")),
      ),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(sheet, { selector: (s) => sheetNameKey(s.name), maxLength: 6 }),
        fc.uniqueArray(fc.constantFrom("A", "a", "B", "A:"), { minLength: 1 }),
        (existing, who) => {
          const placed = placeStatements(existing, who);
          expect(new Set(placed.names.map(sheetNameKey)).size).toBe(who.length);
          for (const n of placed.names) {
            const there = existing.find((s) => sheetNameKey(s.name) === sheetNameKey(n));
            if (there) {
              expect(ownedRole(there.a2)).toBe("statement");
              expect(placed.reuse).toContain(there.name);
            }
          }
          for (const r of placed.reuse) expect(placed.names).toContain(r);
        },
      ),
    );
  });
});
