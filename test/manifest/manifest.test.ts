import fs from "fs";
import path from "path";
import { SCHEMA_DIR, validateManifest } from "./validate-manifest";

const ROOT = path.resolve(__dirname, "../..");
const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const haveSchemas = fs.existsSync(SCHEMA_DIR);
if (!haveSchemas) {
  console.warn(`Skipping manifest schema validation: ${SCHEMA_DIR} is absent (it comes with ../shared).`);
}
const withSchemas = haveSchemas ? test : test.skip;

describe("manifest.xml", () => {
  withSchemas("is valid against the Office add-in manifest schemas", async () => {
    const result = await validateManifest(manifest);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  withSchemas("the shared runtime's <Runtimes> is valid where the schema puts it, and only there", async () => {
    expect(manifest).toMatch(
      /<Host xsi:type="Workbook">\s*<Runtimes>\s*<Runtime resid="Taskpane\.Url" lifetime="long"\/>/,
    );
    // After <AllFormFactors> it breaks the schema's order, so the test above proves the placement.
    const runtimes = /\s*<Runtimes>\s*<Runtime [^>]*\/>\s*<\/Runtimes>/.exec(manifest)![0];
    const moved = manifest.replace(runtimes, "").replace("</AllFormFactors>", `</AllFormFactors>${runtimes}`);
    const result = await validateManifest(moved);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/Runtimes/);
  });

  withSchemas("the validator rejects a manifest that breaks the schema", async () => {
    // Permissions out of its allowed values, and an element out of order: both must be caught,
    // or the test above proves nothing.
    const badValue = manifest.replace(
      "<Permissions>ReadWriteDocument</Permissions>",
      "<Permissions>Everything</Permissions>",
    );
    const value = await validateManifest(badValue);
    expect(value.valid).toBe(false);
    expect(value.errors.join("\n")).toMatch(/Permissions/);

    const outOfOrder = manifest.replace(/(<Version>.*<\/Version>)\s*(<ProviderName>.*<\/ProviderName>)/, "$2$1");
    expect(outOfOrder).not.toBe(manifest);
    const order = await validateManifest(outOfOrder);
    expect(order.valid).toBe(false);
    expect(order.errors.join("\n")).toMatch(/Version/);
  });

  test("declares the SHARED custom-functions namespace and Excel requirement sets", () => {
    expect(manifest).toMatch(/<ExtensionPoint xsi:type="CustomFunctions">/);
    expect(manifest).toMatch(/<bt:String id="Functions\.Namespace" DefaultValue="SHARED"\/>/);
    // 1.3: the functions ask for their arguments' addresses (Invocation.parameterAddresses) and
    // throw CustomFunctions.Error with messages (1.2); a host without them must not load the add-in.
    expect(manifest).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.3"\/>/);
    // The task pane and the functions share one runtime (test/manifest/shared-runtime.test.ts).
    expect(manifest).toMatch(/<Set Name="SharedRuntime" MinVersion="1\.1"\/>/);
    expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
  });

  test("every icon the manifest names is in assets/ at its size", () => {
    const icons = [...manifest.matchAll(/assets\/(icon-(\d+)\.png)/g)];
    expect(icons.length).toBeGreaterThan(0);
    for (const [, file, size] of icons) {
      const png = fs.readFileSync(path.join(ROOT, "assets", file));
      expect(png.readUInt32BE(16)).toBe(Number(size)); // IHDR width
      expect(png.readUInt32BE(20)).toBe(Number(size)); // IHDR height
    }
    for (const size of [16, 32, 64, 80, 128])
      expect(fs.existsSync(path.join(ROOT, "assets", `icon-${size}.png`))).toBe(true);
  });
});
