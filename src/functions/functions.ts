/**
 * Excel custom functions in the SHARED namespace: thin adapters over src/engine that convert
 * Excel values to Decimal, call the engine and convert back. Each function's JSDoc
 * (@customfunction, @param, @returns) generates dist/functions.json at build time.
 *
 * The function library itself is the next piece of work (the SHARED.* issue); this entry point
 * exists now so the manifest's custom-functions extension point has a script to load.
 */
export {};
