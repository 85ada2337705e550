import fc from "fast-check";

// A property that fails can spend minutes shrinking its counterexample, and jest's timeout cannot
// stop synchronous code. Cap each property run and count running out of time as a failure.
fc.configureGlobal({ interruptAfterTimeLimit: 15_000, markInterruptAsFailure: true });
