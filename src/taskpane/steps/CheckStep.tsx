import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from "@fluentui/react-components";
import { hasErrors } from "../../workbook/problems";
import type { StepProps } from "../session";
import { useLayout } from "./layout";
import { ProblemList } from "./ProblemList";

/** Every problem with its sheet and cell, found before anything is written. */
export function CheckStep({ session, actions, onNext }: StepProps): React.JSX.Element {
  const layout = useLayout();
  const [checks, setChecks] = React.useState(0);
  const check = session.check;
  const errors = check?.problems.filter((p) => p.severity === "error") ?? [];
  const warnings = check?.problems.filter((p) => p.severity === "warning") ?? [];
  const select = (sheet: string, cell?: string): void => void actions.select(sheet, cell);

  return (
    <section className={layout.step} aria-labelledby="check-heading">
      <Text as="h2" weight="semibold" size={400} id="check-heading">
        Check
      </Text>
      <Text>
        Reads every input sheet and lists each problem with its sheet and cell. Select a cell to go to it. Nothing is
        written while there are errors.
      </Text>
      <Button
        appearance={check ? "secondary" : "primary"}
        onClick={() => {
          setChecks((n) => n + 1);
          void actions.check();
        }}
        disabled={session.busy !== undefined}
      >
        {check ? "Check again" : "Check the workbook"}
      </Button>
      {check && hasErrors(check.problems) && (
        // A new MessageBar for each check, so a screen reader announces the new count.
        <MessageBar intent="error" key={`errors-${check.problems.length}-${checks}`}>
          <MessageBarBody>
            <MessageBarTitle>
              {errors.length === 1 ? "1 error" : `${errors.length} errors`} to put right
            </MessageBarTitle>
            Correct them in the workbook, then check again.
          </MessageBarBody>
        </MessageBar>
      )}
      {check && !hasErrors(check.problems) && (
        <MessageBar intent="success" key={`ok-${checks}`}>
          <MessageBarBody>
            <MessageBarTitle>No errors</MessageBarTitle>
            {warnings.length === 0
              ? "The inputs are ready."
              : `${warnings.length === 1 ? "1 warning" : `${warnings.length} warnings`} to read; the tables can still be written.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {errors.length > 0 && (
        <ProblemList hasSheet={session.hasSheet} problems={errors} onSelect={select} label="Errors" />
      )}
      {warnings.length > 0 && (
        <ProblemList hasSheet={session.hasSheet} problems={warnings} onSelect={select} label="Warnings" />
      )}
      {check && !hasErrors(check.problems) && (
        <Button appearance="primary" onClick={onNext}>
          Go to Run
        </Button>
      )}
      {check && check.notes.length > 0 && (
        <Accordion collapsible>
          <AccordionItem value="notes">
            <AccordionHeader>What was read</AccordionHeader>
            <AccordionPanel>
              <ul className={layout.bullets}>
                {check.notes.map((n, i) => (
                  <li key={i}>
                    <Text>{n}</Text>
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </section>
  );
}
