/**
 * Validates an add-in manifest offline against the schemas in ../shared/office-schemas/
 * (`office-addin-manifest validate` posts to an online service these machines cannot reach).
 * libxml2 compiled to WebAssembly (xmllint-wasm) does the validation, so no system package is needed.
 */
import fs from "fs";
import path from "path";
import { validateXML } from "xmllint-wasm";

export const SCHEMA_DIR = path.resolve(__dirname, "../../../shared/office-schemas");
const MAIN = "OfficeAppManifestV1_1.xsd";

/**
 * Schemas the shared set imports but does not include. A task-pane manifest uses neither, so each
 * is stood in for by a schema that declares its VersionOverrides element and accepts any content.
 */
const ABSENT: Record<string, string> = {
  "MailAppVersionOverridesV1_1.xsd": "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
  "ContentAppVersionOverridesV1_0.xsd": "http://schemas.microsoft.com/office/contentappversionoverrides",
};

function placeholder(namespace: string): string {
  return `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${namespace}" elementFormDefault="qualified">
  <xs:element name="VersionOverrides"><xs:complexType><xs:sequence>
    <xs:any minOccurs="0" maxOccurs="unbounded" processContents="skip"/>
  </xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element>
</xs:schema>`;
}

/**
 * Reads a shared schema, correcting two things in Microsoft's published files that no standard
 * XSD processor accepts (the files in ../shared are left as they are):
 * - the XSD namespace written with https://;
 * - a .NET lazy quantifier in the version pattern, `{0,3}?`: XSD patterns match the whole value,
 *   so the lazy and greedy forms accept exactly the same strings.
 */
function readSchema(name: string): string {
  return fs
    .readFileSync(path.join(SCHEMA_DIR, name), "utf8")
    .replace(/"https:\/\/www\.w3\.org\/2001\/XMLSchema"/g, '"http://www.w3.org/2001/XMLSchema"')
    .replace(/\{(\d+),(\d+)\}\?/g, "{$1,$2}");
}

export interface ManifestValidation {
  valid: boolean;
  errors: string[];
}

export async function validateManifest(xml: string): Promise<ManifestValidation> {
  const shared = fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".xsd") && f !== MAIN);
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [{ fileName: MAIN, contents: readSchema(MAIN) }],
    preload: [
      ...shared.map((fileName) => ({ fileName, contents: readSchema(fileName) })),
      ...Object.entries(ABSENT)
        .filter(([fileName]) => !shared.includes(fileName))
        .map(([fileName, ns]) => ({ fileName, contents: placeholder(ns) })),
    ],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}
