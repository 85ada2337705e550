/**
 * The packed command line, as a user installs it: `npm pack` makes a tarball that installs with
 * its runtime dependencies alone (from npm's local cache, so no network is needed) into a
 * temporary prefix, where `shared-services --help` and the main job on the sample run with no
 * dev dependency present: compiled JavaScript, no ts-node, no TypeScript.
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "fs";
import { tmpdir } from "os";
import { delimiter, dirname, join } from "path";

const root = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  dependencies: Record<string, string>;
};

// Building, packing and installing take a minute or more on a busy machine.
jest.setTimeout(15 * 60_000);

const npm = (args: string[], cwd: string): string =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

let dir: string;
let prefix: string;
let tarball: string;
let command: string;
let installedAt: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "shared-services-pack-"));
  npm(["run", "--silent", "build:cli"], root);
  const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", dir], root)) as { filename: string }[];
  tarball = join(dir, packed[0].filename);
  prefix = join(dir, "prefix");
  const install = (network: string) =>
    npm(
      ["install", "--global", "--prefix", prefix, network, "--ignore-scripts", "--no-audit", "--no-fund", tarball],
      dir,
    );
  try {
    // Everything it needs is in npm's cache after `npm ci`.
    install("--offline");
  } catch {
    // A cache that lacks a package: fetch just that one from the registry.
    install("--prefer-offline");
  }
  command = join(prefix, "bin", "shared-services");
  installedAt = join(prefix, "lib", "node_modules", pkg.name);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the installed command with a PATH of node alone, outside the project. */
function run(args: string[]) {
  return spawnSync(command, args, {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: [join(prefix, "bin"), dirname(process.execPath), "/usr/bin", "/bin"].join(delimiter), HOME: dir },
  });
}

test("the tarball holds the compiled command line, not the sources", () => {
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
  expect(files).toContain("package/bin/shared-services.js");
  expect(files).toContain("package/lib/cli/main.js");
  expect(
    files.filter((f) => f.endsWith(".ts") || f.startsWith("package/src/") || f.startsWith("package/test/")),
  ).toEqual([]);
});

test("it installs with the runtime dependencies and nothing that only development needs", () => {
  const modules = join(installedAt, "node_modules");
  const installed = readdirSync(modules)
    .filter((name) => !name.startsWith("."))
    .flatMap((name) => (name.startsWith("@") ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name]))
    .map((name) => {
      const { version } = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")) as { version: string };
      return `${name}@${version}`;
    });
  // Each installed package is one the lockfile has for the runtime (not marked dev-only).
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, { dev?: boolean; version?: string }>;
  };
  const runtime = new Set(
    Object.entries(lock.packages)
      .filter(([path, entry]) => path !== "" && !entry.dev)
      .map(
        ([path, entry]) => `${path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length)}@${entry.version}`,
      ),
  );
  expect(installed.filter((p) => !runtime.has(p))).toEqual([]);
  for (const name of Object.keys(pkg.dependencies)) expect(installed.some((p) => p.startsWith(`${name}@`))).toBe(true);
  for (const tool of ["typescript", "ts-node", "jest", "webpack", "react", "@fluentui/react-components"])
    expect(installed.filter((p) => p.startsWith(`${tool}@`))).toEqual([]);
});

test("shared-services --help works in the temporary prefix", () => {
  const result = run(["--help"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^Usage: shared-services \[options\] <input\.xlsx>/);
});

test("the installed command runs the main job on the sample", () => {
  const output = join(dir, "sample-shared.xlsx");
  const result = run([join(root, "assets", "sample.xlsx"), "-o", output]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).toContain("9 services shared between 3 partners");
  expect(result.stdout).toContain(`Wrote ${output}.`);
  expect(existsSync(output)).toBe(true);
});
