/**
 * A sheet of the user's inputs that the add-in adds for them (the sample data, a Rules sheet made
 * from the services found). Unlike the output sheets it carries no marker: once added it is the
 * user's, read as an input and never replaced. Pure: the Office.js adapter writes it.
 */
import type { CellValue } from "./grid";

export interface InputSheet {
  name: string;
  /** values[0][0] is A1. Text is always written as text, never taken as a formula. */
  values: CellValue[][];
  /** 1-based row of the column headings, shown bold with a bottom border. */
  headingRow?: number;
  /** Column widths in characters, from column A. */
  widths?: number[];
  /** Number formats by column from A (undefined: General), for the rows under the headings. */
  numberFormats?: (string | undefined)[];
  /** Rows kept in view at the top. */
  freezeRows?: number;
}
