import * as React from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { HostStatus } from "./host";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
});

export interface AppProps {
  host: Promise<HostStatus>;
}

/** The task pane. The steps from budget sheets to written tables come with the workbook work. */
export function App({ host }: AppProps): React.JSX.Element {
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
      <Text as="p">
        Splits the costs and savings of a shared service between the partner councils, exact to the penny, on the
        partnership&apos;s agreed rules.
      </Text>
      {status === undefined && <Spinner size="small" label="Starting…" />}
      {status?.kind === "elsewhere" && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Open this add-in in Excel</MessageBarTitle>
            {status.reason} Sideload manifest.xml into Excel on the desktop or on the web to use it.
          </MessageBarBody>
        </MessageBar>
      )}
      {status?.kind === "excel" && (
        <Text as="p">
          Type <code>=SHARED.</code> in a cell to see the functions.
        </Text>
      )}
    </main>
  );
}
