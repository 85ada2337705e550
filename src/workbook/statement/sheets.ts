/**
 * The partner statements as sheets of the open workbook (the task pane's "Partner statements"):
 * one sheet per partner, "Westminster statement", role `statement`. A later run replaces the
 * add-in's own statement sheet of the same name; a sheet of the user's with that name is never
 * touched, and the statement takes the next free name ("Westminster statement (2)"), as the other
 * output sheets do. Pure: the Office.js writer writes the plan like any other.
 */
import type { Outcome } from "../outcome";
import { type ExistingSheet, MAX_SHEET_NAME, ownedRole, sheetNameKey } from "../owned";
import { stamp } from "../plan";
import type { Plan } from "../plan/types";
import { statementSheet } from "./index";

const SUFFIX = " statement";

/**
 * "Westminster statement", or with n > 1 "Westminster statement (2)": the partner's name made fit
 * for a sheet name (none of \ / ? * [ ] :, no apostrophe at either end), shortened where the whole
 * would pass Excel's 31 characters.
 */
export function statementSheetName(partner: string, n = 1): string {
  const number = n > 1 ? ` (${n})` : "";
  let base = partner
    .replace(/[\\/?*[\]:]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "");
  const room = MAX_SHEET_NAME - SUFFIX.length - number.length;
  if (base.length > room) base = base.slice(0, room).trimEnd().replace(/'+$/, "");
  return `${base === "" ? "Partner" : base}${SUFFIX}${number}`;
}

export interface StatementPlacement {
  /** Each partner's sheet name, in the partners' order. */
  names: string[];
  /** Of those, the add-in's own statement sheets from an earlier run, cleared and rewritten in place. */
  reuse: string[];
}

/**
 * Where each partner's statement goes: its name, or the add-in's earlier statement sheet of that
 * name, or (when a sheet of the user's, or another of the add-in's tables, has that name) the next
 * free "… (2)", "(3)"; two partners whose names come out the same are told apart the same way.
 */
export function placeStatements(existing: readonly ExistingSheet[], partners: readonly string[]): StatementPlacement {
  const sheets = new Map(existing.map((s) => [sheetNameKey(s.name), s] as const));
  const claimed = new Set<string>();
  const names: string[] = [];
  const reuse: string[] = [];
  for (const partner of partners) {
    for (let n = 1; ; n++) {
      const name = statementSheetName(partner, n);
      const key = sheetNameKey(name);
      if (claimed.has(key)) continue;
      const there = sheets.get(key);
      if (there && ownedRole(there.a2) !== "statement") continue; // the user's, or another table of ours
      claimed.add(key);
      names.push(there ? there.name : name);
      if (there) reuse.push(there.name);
      break;
    }
  }
  return { names, reuse };
}

/** The plan of every partner's statement sheet, placed among the workbook's sheets. */
export function statementsPlan(
  outcome: Outcome,
  existing: readonly ExistingSheet[],
  options: { when: Date; source: string },
): Plan {
  const placement = placeStatements(existing, outcome.partners);
  const when = stamp(options.when);
  const sheets = outcome.partners.map(
    (partner, i) => statementSheet(outcome, partner, { when, source: options.source, name: placement.names[i] }).sheet,
  );
  return {
    sheets,
    reuse: placement.reuse,
    remove: [],
    summary: [`Partner statements: ${outcome.partners.map((p, i) => `${p} on "${placement.names[i]}"`).join(", ")}.`],
  };
}
