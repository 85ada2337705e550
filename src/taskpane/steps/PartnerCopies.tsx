import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import { type Problem, hasErrors } from "../../workbook/problems";
import type { StepProps } from "../session";
import { useLayout } from "./layout";
import { ProblemList } from "./ProblemList";

const useStyles = makeStyles({
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  links: { gap: tokens.spacingVerticalXS },
});

/** A refusal or failure of one of the copies: its title, what to do, and the problems at their cells. */
function NotMade({
  title,
  children,
  problems,
  session,
  actions,
  label,
}: Pick<StepProps, "session" | "actions"> & {
  title: string;
  children: React.ReactNode;
  problems?: readonly Problem[];
  label?: string;
}): React.JSX.Element {
  return (
    <>
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {children}
        </MessageBarBody>
      </MessageBar>
      {problems && problems.length > 0 && (
        <ProblemList
          hasSheet={session.hasSheet}
          problems={problems}
          onSelect={(sheet, cell) => void actions.select(sheet, cell)}
          label={label ?? title}
        />
      )}
    </>
  );
}

/**
 * The Results step's copies for each council's section 151 officer (issue 18): every partner's
 * statement as a sheet of this workbook, and the whole workbook with the add-in's formulas as
 * values, opened as a new workbook to save and send to those without the add-in. Asks before
 * replacing the add-in's earlier statement sheets; Cancel writes nothing.
 */
export function PartnerCopies({ session, actions, partners }: StepProps & { partners: string[] }): React.JSX.Element {
  const layout = useLayout();
  const styles = useStyles();
  const restoreFocus = useRestoreFocusTarget();
  const [confirming, setConfirming] = React.useState<string[]>();
  const result = session.statements;
  const copy = session.valuesCopy;
  const write = async (replace: readonly string[]): Promise<void> => {
    setConfirming(undefined);
    await actions.writeStatements(replace);
  };
  const ask = (): void => {
    const earlier = actions.statementsToReplace(partners);
    if (earlier.length > 0) setConfirming(earlier);
    else void write([]);
  };

  return (
    <section className={layout.stack} aria-labelledby="copies-heading">
      <Text as="h3" weight="semibold" id="copies-heading">
        For each council
      </Text>
      <Text size={200}>
        Each partner&apos;s section 151 officer checks and signs off the figures that fall on their council. A statement
        sheet per partner holds its figures beside the partnership&apos;s totals, as values and plain formulas, with a
        sign-off block, ready to print or save as PDF. A copy with values opens as a new workbook with the add-in&apos;s
        figures in place of its formulas, so it reads the same in Excel without the add-in and in other spreadsheets.
      </Text>
      <div className={styles.buttons}>
        <Button {...restoreFocus} disabled={session.busy !== undefined} onClick={ask}>
          Partner statements
        </Button>
        <Button disabled={session.busy !== undefined} onClick={() => void actions.saveValuesCopy()}>
          Save a copy with values
        </Button>
      </div>
      {result && hasErrors(result.problems) && (
        <NotMade
          session={session}
          actions={actions}
          title="No statements were written"
          problems={result.problems.filter((x) => x.severity === "error")}
          label="Errors in the statements"
        >
          Put these right in the workbook and try again.
        </NotMade>
      )}
      {copy?.opened === false && (
        <NotMade session={session} actions={actions} title="No copy was made">
          {copy.reason}
        </NotMade>
      )}
      {copy?.opened && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Copy with values opened</MessageBarTitle>
            It opened as a new workbook: save it there and send it on. {copy.replaced.toLocaleString("en-GB")} formula
            {copy.replaced === 1 ? "" : "s"} of the add-in&apos;s
            {copy.sheets.length > 0 ? ` (on ${copy.sheets.join(", ")})` : ""} became{" "}
            {copy.replaced === 1 ? "its value" : "their values"}; this workbook is unchanged.
          </MessageBarBody>
        </MessageBar>
      )}
      {result?.sheets && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Statements written</MessageBarTitle>
            <ul className={mergeClasses(layout.list, styles.links)} aria-label="Statement sheets">
              {result.sheets.map((s) => (
                <li key={s.name}>
                  <Link as="button" onClick={() => void actions.select(s.name)}>
                    {s.name}
                  </Link>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {confirming && (
        <Dialog open onOpenChange={(_, data) => !data.open && setConfirming(undefined)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Replace the earlier statements?</DialogTitle>
              <DialogContent>
                The add-in will clear and rewrite its own statement sheets {confirming.join(", ")}. Anything typed on
                them (a sign-off) will be lost. Your other sheets are not touched.
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setConfirming(undefined)}>
                  Cancel
                </Button>
                <Button appearance="primary" onClick={() => void write(confirming)}>
                  Replace them
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </section>
  );
}
