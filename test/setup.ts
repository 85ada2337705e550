import fc from "fast-check";

// A property that fails can spend minutes shrinking its counterexample, and jest's timeout cannot
// stop synchronous code. Cap each property run and count running out of time as a failure.
fc.configureGlobal({ interruptAfterTimeLimit: 15_000, markInterruptAsFailure: true });

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
