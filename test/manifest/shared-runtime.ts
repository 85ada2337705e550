/**
 * The rules of Microsoft's "Configure your Office Add-in to use a shared runtime" that the schema
 * cannot check, as a list of what a manifest gets wrong (empty: none). Needs a DOMParser (jsdom).
 * - One `<Runtime lifetime="long">` in the Workbook host's `<Runtimes>`, which comes first in the host.
 * - The custom functions' `<Page>` and the task pane's ShowTaskpane action use that Runtime's resid
 *   ("The shared runtime won't load if the resid uses different values in the manifest"), and so
 *   does a `<FunctionFile>` if there is one.
 * - The resid is a URL in the resources, and the SharedRuntime 1.1 requirement set is declared
 *   beside CustomFunctionsRuntime.
 */
export function sharedRuntimeProblems(xml: string): string[] {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) return ["manifest.xml is not well-formed XML"];
  const problems: string[] = [];
  const all = (name: string, within: Element | Document = doc): Element[] => [
    ...within.getElementsByTagNameNS("*", name),
  ];
  const host = all("Host").find((h) => h.getAttribute("xsi:type") === "Workbook");
  if (!host) return ["no Workbook host in VersionOverrides"];

  const runtimes = all("Runtime", host);
  if (runtimes.length !== 1) problems.push(`expected one <Runtime> in the Workbook host, found ${runtimes.length}`);
  const runtime = runtimes[0];
  const resid = runtime?.getAttribute("resid") ?? "";
  if (runtime && runtime.getAttribute("lifetime") !== "long")
    problems.push(
      `the Runtime's lifetime is "${runtime.getAttribute("lifetime") ?? "short (default)"}", not "long": the functions would stop when the task pane closes`,
    );
  const first = [...host.children][0];
  if (runtime && first?.localName !== "Runtimes")
    problems.push(`<Runtimes> must come first in the Workbook host, not after <${first?.localName}>`);

  const uses: [string, string | null | undefined][] = [];
  const functions = all("ExtensionPoint", host).find((e) => e.getAttribute("xsi:type") === "CustomFunctions");
  const page = functions && all("Page", functions)[0];
  uses.push(["the custom functions' <Page>", page && all("SourceLocation", page)[0]?.getAttribute("resid")]);
  const actions = all("Action", host).filter((a) => a.getAttribute("xsi:type") === "ShowTaskpane");
  if (actions.length === 0) problems.push("no ShowTaskpane action");
  for (const action of actions)
    uses.push(["the ShowTaskpane action", all("SourceLocation", action)[0]?.getAttribute("resid")]);
  for (const file of all("FunctionFile", host)) uses.push(["the <FunctionFile>", file.getAttribute("resid")]);
  for (const [what, used] of uses)
    if (used !== resid) problems.push(`${what} uses resid "${used ?? "(none)"}", not the Runtime's "${resid}"`);

  const url = all("Url").find((u) => u.getAttribute("id") === resid);
  if (runtime && !url) problems.push(`the Runtime's resid "${resid}" is not a <bt:Url> in the resources`);

  const sets = new Map(all("Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")] as const));
  if (sets.get("SharedRuntime") !== "1.1") problems.push("the SharedRuntime 1.1 requirement set is not declared");
  if (!sets.has("CustomFunctionsRuntime")) problems.push("the CustomFunctionsRuntime requirement set is not declared");
  return problems;
}
