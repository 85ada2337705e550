/**
 * Errors as Excel shows them. A custom function never lets a raw exception reach Excel (which
 * would show a bare #VALUE! with no reason): a broken rule becomes #VALUE! with the engine's
 * message, which names the argument, the item or cell and the rule; anything unexpected becomes
 * #VALUE! saying so. #VALUE! and #N/A are the two errors Excel shows a message for.
 */
import { RuleError } from "../engine";

/** #VALUE! with a message: the input breaks a rule. */
export function invalidValue(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}

/** #N/A with a message: there is no answer (a profile that never breaks even). */
export function notAvailable(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

/** The error Excel should show for anything thrown while `SHARED.<name>` ran. */
export function toExcelError(error: unknown, name: string): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  if (error instanceof RuleError) return invalidValue(error.message);
  const detail = error instanceof Error ? error.message : String(error);
  return invalidValue(
    `SHARED.${name} failed unexpectedly (${detail}); please report it with the inputs that caused it`,
  );
}

/** Runs a function's body, turning anything it throws into the error Excel shows. */
export function asExcel<T>(name: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw toExcelError(error, name);
  }
}
