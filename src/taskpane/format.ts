/** Figures as the pane shows them: pounds and pence with thousands separators, as the sheets' #,##0.00. */
import type { Decimal } from "../engine";

export function pounds(value: Decimal): string {
  const text = value
    .abs()
    .toFixed(2)
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return value.isNegative() && !value.isZero() ? `-£${text}` : `£${text}`;
}
