/**
 * How big a batch of Office.js requests is. Excel on the web refuses a request or response over
 * 5 MB ("Resource limits and performance optimization for Office Add-ins"; RichAPI.Error
 * RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded), so each batch is kept to
 * PAYLOAD_BUDGET, measured as the JSON of the values, formulas and formats it carries. The 1 MB
 * left over covers what we do not count: object paths, action ids and the protocol's own framing.
 */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;

/** UTF-8 bytes of a string (what goes over the wire), without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Bytes of a value as JSON. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

/** True when an error from context.sync() is Excel saying a request or response was too large. */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const text = `${typeof code === "string" ? code : ""} ${error instanceof Error ? error.message : ""}`;
  return /PayloadSizeLimitExceeded|payload size/i.test(text);
}
