import fc from "fast-check";

// A property that fails can spend minutes shrinking its counterexample, and jest's timeout cannot
// stop synchronous code, so each property run is capped at 15 s. Running out of time is not itself
// a failure: on a loaded machine (CI, or several test runs on two cores) a sound property would
// otherwise fail for the machine's speed ("Property interrupted after 189 tests"). A
// counterexample found before the cap is still reported, shrunk as far as time allowed.
fc.configureGlobal({ interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false });

// jsdom (the task pane's component tests) has no ResizeObserver, which Fluent UI's MessageBar
// uses to reflow its actions; a browser has one. Nothing here resizes, so an observer that never
// fires is faithful enough.
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  class NoResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.assign(window, { ResizeObserver: NoResizeObserver });
}
