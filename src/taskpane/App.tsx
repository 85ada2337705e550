import * as React from "react";
import {
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Button,
  Spinner,
  Tab,
  TabList,
  Text,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { WorkbookFiles, WorkbookHost } from "../workbook/host";
import { HostStatus } from "./host";
import { Step, StepProps, useSession } from "./session";
import { CheckStep } from "./steps/CheckStep";
import { ResultsStep } from "./steps/ResultsStep";
import { RulesStep } from "./steps/RulesStep";
import { RunStep } from "./steps/RunStep";
import { StartStep } from "./steps/StartStep";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  status: { minHeight: "24px" },
});

export interface AppProps {
  host: Promise<HostStatus>;
  /** The workbook: Excel through Office.js, or an in-memory one in tests. */
  workbook: WorkbookHost;
  /** The workbook as a file, for "Save a copy with values"; without it the pane says the copy is not available. */
  files?: WorkbookFiles;
}

/** The task pane: outside Excel it says so; in Excel it takes the user from their sheets to written tables. */
export function App({ host, workbook, files }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [status, setStatus] = React.useState<HostStatus | undefined>();
  React.useEffect(() => {
    let live = true;
    host.then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, [host]);

  return (
    <main className={styles.root}>
      <Title2 as="h1">Shared Services Finance</Title2>
      {status === undefined && <Spinner size="small" label="Starting…" />}
      {status?.kind === "elsewhere" && (
        <>
          <Text as="p">
            Splits the costs and savings of a shared service between the partner councils, exact to the penny, on the
            partnership&apos;s agreed rules.
          </Text>
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>Open this add-in in Excel</MessageBarTitle>
              {status.reason} Sideload manifest.xml into Excel on the desktop or on the web to use it.
            </MessageBarBody>
          </MessageBar>
        </>
      )}
      {status?.kind === "excel" && <Steps workbook={workbook} files={files} />}
    </main>
  );
}

const STEPS: readonly { step: Step; label: string; Show: (props: StepProps) => React.JSX.Element }[] = [
  { step: "start", label: "Start", Show: StartStep },
  { step: "rules", label: "Rules", Show: RulesStep },
  { step: "check", label: "Check", Show: CheckStep },
  { step: "run", label: "Run", Show: RunStep },
  { step: "results", label: "Results", Show: ResultsStep },
];

function Steps({ workbook, files }: { workbook: WorkbookHost; files?: WorkbookFiles }): React.JSX.Element {
  const styles = useStyles();
  const [session, actions] = useSession(workbook, { files });
  const [step, setStep] = React.useState<Step>("start");
  const results = session.run?.results;
  const at = STEPS.findIndex((s) => s.step === step);
  const Current = STEPS[at].Show;
  // On from this step, but not if the user moved on meanwhile (a run finishing after a tab change).
  const next = (): void => setStep((s) => (s === step && at + 1 < STEPS.length ? STEPS[at + 1].step : s));

  return (
    <>
      <TabList
        selectedValue={step}
        onTabSelect={(_, data) => setStep(data.value as Step)}
        size="small"
        aria-label="Steps"
      >
        {STEPS.map(({ step: s, label }) => (
          <Tab key={s} value={s} id={`tab-${s}`} aria-controls="step-panel" disabled={s === "results" && !results}>
            {label}
          </Tab>
        ))}
      </TabList>
      <div className={styles.status} aria-live="polite">
        {session.busy && <Spinner size="tiny" label={session.busy} labelPosition="after" />}
      </div>
      {session.failure && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>That did not work</MessageBarTitle>
            {session.failure}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={actions.dismissFailure}>Dismiss</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {session.notice && (
        <MessageBar intent="success">
          <MessageBarBody>{session.notice}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={actions.dismissNotice}>Dismiss</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <div role="tabpanel" id="step-panel" aria-labelledby={`tab-${step}`}>
        <Current session={session} actions={actions} onNext={next} />
      </div>
    </>
  );
}
