import * as React from "react";
import { Badge, Link, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { a1 } from "../../workbook/a1";
import { type Problem, describeProblem } from "../../workbook/problems";
import { useLayout } from "./layout";

const useStyles = makeStyles({
  list: { gap: tokens.spacingVerticalS },
  item: {
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  where: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

export interface ProblemListProps {
  problems: readonly Problem[];
  /** Select the problem's cell in Excel. */
  onSelect(sheet: string, cell?: string): void;
  /** Whether the sheet is in the workbook: a missing sheet's problem gets no link to follow. */
  hasSheet(sheet: string): boolean;
  /** Names the list for screen readers. */
  label: string;
}

/** Every problem with its sheet and cell; the cell is a link that selects it in Excel. */
export function ProblemList({ problems, onSelect, hasSheet, label }: ProblemListProps): React.JSX.Element {
  const styles = useStyles();
  const layout = useLayout();
  return (
    <ul className={mergeClasses(layout.list, styles.list)} aria-label={label}>
      {problems.map((p, i) => {
        const text = describeProblem(p);
        const cell = p.cell === undefined ? undefined : a1(p.cell.row, p.cell.column);
        return (
          <li key={i} className={mergeClasses(layout.stack, styles.item)}>
            <span className={styles.where}>
              <Badge appearance="filled" color={p.severity === "error" ? "danger" : "warning"}>
                {text.label}
              </Badge>
              {hasSheet(p.sheet) ? (
                <Link as="button" onClick={() => onSelect(p.sheet, cell)} aria-label={`Select ${text.where} in Excel`}>
                  {text.where}
                </Link>
              ) : (
                <Text weight="semibold">{text.where}</Text>
              )}
            </span>
            <Text>{text.message}</Text>
            <Text size={200}>{text.fix}</Text>
          </li>
        );
      })}
    </ul>
  );
}
