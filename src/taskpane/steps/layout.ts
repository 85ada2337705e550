/** The layouts the steps share, so each step's styles hold only what is its own. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useLayout = makeStyles({
  /** A step: its parts one under another. */
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  /** Closer parts one under another: a group of choices, a form. */
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  /** A list without bullets, its items one under another (the gap is the list's own). */
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  /** A bulleted list at the step's margin: notes, a summary. */
  bullets: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});
