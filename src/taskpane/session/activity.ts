/**
 * What the pane is doing: one workbook call at a time, shown while it runs (busy), its failure in
 * words after, and a notice of what the last change did. Actions never overlap.
 */
import * as React from "react";

export interface Activity {
  /** What the pane is doing now, for a spinner; undefined when idle. */
  busy?: string;
  /** The last thing that failed, in words for the user. */
  failure?: string;
  /** What the last change to the workbook did. */
  notice?: string;
  /**
   * Run a workbook call, showing `what` meanwhile and its failure after; the call's result, or
   * undefined when it failed or another call was already running.
   */
  doing<T>(what: string, call: () => Promise<T>): Promise<T | undefined>;
  fail(message: string | undefined): void;
  tell(notice: string | undefined): void;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function useActivity(): Activity {
  const [busy, setBusy] = React.useState<string>();
  const [failure, setFailure] = React.useState<string>();
  const [notice, setNotice] = React.useState<string>();
  // A ref as well as state: a second click in the same render must see the first action running.
  const running = React.useRef(false);

  const doing = async <T>(what: string, call: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(what);
    setFailure(undefined);
    setNotice(undefined);
    try {
      return await call();
    } catch (error) {
      setFailure(messageOf(error));
      return undefined;
    } finally {
      running.current = false;
      setBusy(undefined);
    }
  };
  return { busy, failure, notice, doing, fail: setFailure, tell: setNotice };
}
