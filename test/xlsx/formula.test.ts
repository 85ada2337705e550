import { fileFormula } from "../../src/xlsx/formula";

describe("fileFormula", () => {
  it.each([
    ["=SHARED.APPORTION(I9,E6:E8)", "_xldudf_SHARED_APPORTION(I9,E6:E8)"],
    ["=shared.apportion(I9,E6:E8)", "_xldudf_SHARED_APPORTION(I9,E6:E8)"],
    [
      "=ROUND(SHARED.EQUAL(A1,3),2)+SHARED.PARTYEAR(B1, 2025)",
      "ROUND(_xldudf_SHARED_EQUAL(A1,3),2)+_xldudf_SHARED_PARTYEAR(B1, 2025)",
    ],
    ["=SUM(H6:H8)", "SUM(H6:H8)"],
    ["SUM(H6:H8)", "SUM(H6:H8)"], // already without "="
  ])("%s is stored as %s", (typed, stored) => {
    expect(fileFormula(typed)).toBe(stored);
  });

  it("leaves text inside string literals and quoted sheet names alone", () => {
    expect(fileFormula('=IF(A1="SHARED.APPORTION(x)",SHARED.EQUAL(B1,2),"")')).toBe(
      'IF(A1="SHARED.APPORTION(x)",_xldudf_SHARED_EQUAL(B1,2),"")',
    );
    expect(fileFormula('="say ""SHARED.X("" "&A1')).toBe('"say ""SHARED.X("" "&A1');
    expect(fileFormula("='SHARED.APPORTION(1)'!A1+1")).toBe("'SHARED.APPORTION(1)'!A1+1");
  });

  it("does not touch a name that merely ends in SHARED", () => {
    expect(fileFormula("=MYSHARED.APPORTION(A1)")).toBe("MYSHARED.APPORTION(A1)");
    expect(fileFormula("=_xldudf_SHARED_APPORTION(A1)")).toBe("_xldudf_SHARED_APPORTION(A1)");
  });

  it("stores spill references and newer functions as Excel saves them", () => {
    expect(fileFormula("=SUM(G6#)")).toBe("SUM(_xlfn.ANCHORARRAY(G6))");
    expect(fileFormula("=SUM('Savings profile'!$C$5#)")).toBe("SUM(_xlfn.ANCHORARRAY('Savings profile'!$C$5))");
    expect(fileFormula("=XLOOKUP(A1,B:B,C:C)")).toBe("_xlfn.XLOOKUP(A1,B:B,C:C)");
    expect(fileFormula("=filter(A1:A9,B1:B9>0)")).toBe("_xlfn._xlws.FILTER(A1:A9,B1:B9>0)");
    expect(fileFormula("=_xlfn.XLOOKUP(A1,B:B,C:C)")).toBe("_xlfn.XLOOKUP(A1,B:B,C:C)");
    expect(fileFormula('=IFERROR(A1,"#N/A")&#REF!')).toBe('IFERROR(A1,"#N/A")&#REF!');
  });
});
