import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Text,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import { hasErrors } from "../../workbook/problems";
import { SCENARIOS, type Scenario } from "../../workbook/read";
import type { StepProps } from "../session";
import { useLayout } from "./layout";
import { ProblemList } from "./ProblemList";

/** Write the output sheets, with progress; ask before replacing the add-in's earlier output. */
export function RunStep({ session, actions, onNext }: StepProps): React.JSX.Element {
  const layout = useLayout();
  const [confirming, setConfirming] = React.useState(false);
  const restoreFocus = useRestoreFocusTarget(); // focus back on the button when the dialog closes
  const earlier = session.earlierOutput;
  const result = session.run;
  const go = async (): Promise<void> => {
    setConfirming(false);
    const r = await actions.run();
    if (r?.results) onNext();
  };
  const p = session.progress;

  return (
    <section className={layout.step} aria-labelledby="run-heading">
      <Text as="h2" weight="semibold" size={400} id="run-heading">
        Write the tables
      </Text>
      <Text>
        Writes the Attribution, Savings profile, Realisation (with a Tracker) and Audit sheets as live SHARED formulas
        over your input cells. Only the add-in&apos;s own sheets are written; your sheets are not changed.
      </Text>
      <Field
        label="Estimates given as a range"
        hint="Which end of each range the tables use (RULES.md §1). Low: the lower saving (the high end of each cost, the low end of each reduction); high: the higher saving. The Audit sheet gives each partner's saving under all three."
      >
        <RadioGroup
          layout="horizontal"
          value={session.scenario}
          disabled={session.busy !== undefined}
          onChange={(_, data) => {
            if ((SCENARIOS as readonly string[]).includes(data.value)) actions.chooseScenario(data.value as Scenario);
          }}
        >
          <Radio value="low" label="Low" />
          <Radio value="mid" label="Mid-range" />
          <Radio value="high" label="High" />
        </RadioGroup>
      </Field>
      {earlier.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Earlier output</MessageBarTitle>
            Writing again replaces the add-in&apos;s sheets {earlier.join(", ")}. Keep your own work on other sheets.
          </MessageBarBody>
        </MessageBar>
      )}
      <Button
        {...restoreFocus}
        appearance="primary"
        disabled={session.busy !== undefined}
        onClick={() => (earlier.length > 0 ? setConfirming(true) : void go())}
      >
        {earlier.length > 0 ? "Replace the tables" : "Write the tables"}
      </Button>
      {p && (
        <Field
          label={p.step === "read" ? "Reading the workbook" : "Writing the tables"}
          hint={`Step ${Math.min(p.done, p.total)} of ${p.total}`}
        >
          <ProgressBar value={p.total > 0 ? Math.min(1, p.done / p.total) : undefined} max={1} />
        </Field>
      )}
      {result && hasErrors(result.problems) && (
        <>
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>Nothing was written</MessageBarTitle>
              Put these right in the workbook and write again.
            </MessageBarBody>
          </MessageBar>
          <ProblemList
            hasSheet={session.hasSheet}
            problems={result.problems.filter((x) => x.severity === "error")}
            onSelect={(sheet, cell) => void actions.select(sheet, cell)}
            label="Errors"
          />
        </>
      )}
      {result?.summary && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Written</MessageBarTitle>
            <ul className={layout.bullets}>
              {result.summary.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {confirming && (
        <Dialog open onOpenChange={(_, data) => !data.open && setConfirming(false)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Replace the earlier tables?</DialogTitle>
              <DialogContent>
                The add-in will clear and rewrite its own sheets {earlier.join(", ")}. Any changes made on them by hand
                will be lost. Your other sheets are not touched.
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
                <Button appearance="primary" onClick={() => void go()}>
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
