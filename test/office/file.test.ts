/**
 * The open workbook's file through Office.js (src/office/file.ts) over the in-memory Office.js
 * (test/office/fake-file.ts): read slice by slice and put back together, the file closed each time
 * (Office keeps at most two open, so a third read would fail otherwise); a failure in words; the
 * Base64 that Excel.createWorkbook takes; the requirement sets checked.
 */
import JSZip from "jszip";
import { base64Of, copyUnsupported, documentFile, officeFiles } from "../../src/office/file";
import { FakeWorkbook } from "./fake-excel";
import { fakeFiles, fakeWorkbookFile } from "./fake-file";

const book = (): FakeWorkbook => {
  const fake = FakeWorkbook.fromGrids([
    {
      name: "Budget",
      values: [["Service", "Baseline"], ...Array.from({ length: 400 }, (_, i) => [`Service ${i}`, i * 1000.5])],
    },
  ]);
  fake.sheet("Budget")!.touch(2, 3).formula = "=SHARED.EQUAL(B2,2)";
  return fake;
};

async function contents(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files))
    if (!zip.files[name].dir) out[name] = await zip.file(name)!.async("string");
  return out;
}

test("reads the file in slices and puts them together; closes it each time, so reading again and again works", async () => {
  const fake = book();
  const office = fakeFiles(fake);
  const expected = await contents(await fakeWorkbookFile(fake));
  for (let i = 0; i < 3; i++) {
    const bytes = await documentFile(office.api, 1024);
    expect(bytes.length).toBeGreaterThan(3 * 1024); // several slices
    expect(await contents(bytes)).toEqual(expected);
    expect(office.openFiles()).toBe(0);
  }
  expect(office.fileCalls).toEqual([{ sliceSize: 1024 }, { sliceSize: 1024 }, { sliceSize: 1024 }]);
  // Office's own limit, which closing each file keeps clear of: a third open file is refused.
  const open = (): Promise<string> =>
    new Promise((resolve) => office.api.getFileAsync("compressed" as never, {}, (r) => resolve(String(r.status))));
  expect([await open(), await open(), await open()]).toEqual(["succeeded", "succeeded", "failed"]);
});

test("a slice size Office refuses is a failure in words, not a raw error", async () => {
  const office = fakeFiles(book());
  await expect(documentFile(office.api, 5 * 1024 * 1024)).rejects.toThrow(
    /^Excel could not give the add-in the workbook as a file: The slice size must be at most 4 MB\. Try again; nothing was changed\.$/,
  );
});

test("opens the copy from Base64 of its bytes, as Excel.createWorkbook takes it", async () => {
  const fake = book();
  const office = fakeFiles(fake);
  const bytes = await fakeWorkbookFile(fake);
  // More than one 32 kB chunk of the encoder, and every byte value.
  const large = new Uint8Array(100_000).map((_, i) => (i * 7919) % 256);
  expect(Uint8Array.from(atob(base64Of(large)), (c) => c.charCodeAt(0))).toEqual(large);
  await officeFiles(office.api, (batch) => batch(fake.context)).open(bytes);
  expect(office.opened).toEqual([bytes]);
  await expect(office.api.createWorkbook(base64Of(new Uint8Array([1, 2, 3])))).rejects.toThrow(/not a workbook/);
});

test("needs CompressedFile and ExcelApi 1.8, and says which is missing", () => {
  expect(copyUnsupported(fakeFiles(book()).api)).toBeUndefined();
  expect(copyUnsupported(fakeFiles(book(), { ExcelApi: "1.8", CompressedFile: "1.1" }).api)).toBeUndefined();
  expect(copyUnsupported(fakeFiles(book(), { ExcelApi: "1.7", CompressedFile: "1.1" }).api)).toMatch(/API 1\.8/);
  expect(copyUnsupported(fakeFiles(book(), { ExcelApi: "1.9" }).api)).toMatch(/iPad/);
});

test("reads the cells a file lacks values for from Excel in one sync", async () => {
  const fake = book();
  const files = officeFiles(fakeFiles(fake).api, (batch) => batch(fake.context));
  fake.resetSyncs();
  const values = await files.cellValues([
    { sheet: "Budget", address: "B3" },
    { sheet: "Budget", address: "C2" },
  ]);
  expect(values).toEqual([1000.5, { error: "#BUSY!" }]);
  expect(fake.syncs).toHaveLength(1);
});
