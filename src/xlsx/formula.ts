/**
 * A formula as Excel keeps it in a file, from the form a user types. Excel saves a resolved
 * JavaScript custom function as _xldudf_SHARED_APPORTION( (prefix, dots to underscores); saved as
 * typed, SHARED.APPORTION( stays #NAME? until each cell is re-entered, even with the add-in loaded.
 * Functions newer than Excel 2007 carry an _xlfn. prefix in the file for the same reason, and a
 * spill reference G6# is saved as _xlfn.ANCHORARRAY(G6).
 */

const CUSTOM_NAMESPACE = "SHARED";

/** Functions Excel saves with a prefix. LET and LAMBDA are left out: their parameters need _xlpm. too. */
const FUTURE_FUNCTIONS: Record<string, string> = Object.fromEntries([
  ...[
    "IFNA",
    "IFS",
    "SWITCH",
    "MAXIFS",
    "MINIFS",
    "CONCAT",
    "TEXTJOIN",
    "XLOOKUP",
    "XMATCH",
    "SEQUENCE",
    "RANDARRAY",
    "UNIQUE",
    "SORTBY",
    "VSTACK",
    "HSTACK",
    "TAKE",
    "DROP",
    "CHOOSEROWS",
    "CHOOSECOLS",
    "TOCOL",
    "TOROW",
    "WRAPROWS",
    "WRAPCOLS",
    "EXPAND",
    "TEXTBEFORE",
    "TEXTAFTER",
    "TEXTSPLIT",
    "DAYS",
    "ISOWEEKNUM",
    "XOR",
    "CEILING.MATH",
    "FLOOR.MATH",
    "STDEV.S",
    "STDEV.P",
    "VAR.S",
    "VAR.P",
    "PERCENTILE.INC",
    "PERCENTILE.EXC",
    "QUARTILE.INC",
    "QUARTILE.EXC",
    "RANK.EQ",
    "RANK.AVG",
  ].map((name) => [name, `_xlfn.${name}`]),
  ["FILTER", "_xlfn._xlws.FILTER"],
  ["SORT", "_xlfn._xlws.SORT"],
]);

/**
 * One pass left to right: string literals and quoted sheet names are copied untouched; a spill
 * reference (optionally sheet-qualified) or a function name followed by "(" is rewritten.
 */
const TOKENS =
  /("(?:[^"]|"")*")|(?<![\w.$])((?:'(?:[^']|'')*'|[A-Za-z_][\w.]*)!)?(\$?[A-Za-z]{1,3}\$?[0-9]+)#|('(?:[^']|'')*')|(?<![\w.$])([A-Za-z_][\w.]*)\(/g;

/** The file form of a formula typed as "=SUM(SHARED.APPORTION(I9,E6:E8))": no "=", names as Excel saves them. */
export function fileFormula(typed: string): string {
  const body = typed.startsWith("=") ? typed.slice(1) : typed;
  return body.replace(
    TOKENS,
    (match, text: string | undefined, sheet: string | undefined, anchor: string | undefined, quoted, name?: string) => {
      if (text !== undefined || quoted !== undefined) return match;
      if (anchor !== undefined) return `_xlfn.ANCHORARRAY(${sheet ?? ""}${anchor})`;
      if (name === undefined) return match;
      const upper = name.toUpperCase();
      if (upper.startsWith(`${CUSTOM_NAMESPACE}.`)) return `_xldudf_${upper.replace(/\./g, "_")}(`;
      const future = FUTURE_FUNCTIONS[upper];
      return future ? `${future}(` : match;
    },
  );
}
