/**
 * The finance engine: the partnership's rules (RULES.md §1–§8) as pure functions on Decimal
 * amounts. No Office or DOM imports: custom functions, workbook I/O, the task pane and the
 * command line are thin layers over this.
 */
export * from "./money";
export * from "./errors";
export * from "./check";
export * from "./split";
export * from "./years";
export * from "./bases";
export * from "./apportion";
export * from "./savings";
export * from "./transition";
export * from "./variance";
export * from "./profile";
export * from "./appraisal";
export * from "./estimates";
export * from "./kinds";
export * from "./partnership";
export * from "./tracking";
export * from "./fairness";
export * from "./compatibility";
