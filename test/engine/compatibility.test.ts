/**
 * RULES.md §9: the RAG scores as people write them, the London study's risk bands by kind of
 * service (`004` ch. 6), and the add-in's reading of the scores (its own rule: the seeds give the
 * criteria and bands but no way of adding them up; `001` schedule 1's ratings survive in the seed
 * only as colours lost in the text, so there is no printed score to check against).
 */
import fc from "fast-check";
import {
  CRITERIA,
  KINDS_OF_SERVICE,
  RISK_BANDS,
  Rag,
  RiskBand,
  countRag,
  parseRag,
  parseRiskBand,
  readingOf,
} from "../../src/engine";

describe("RAG scores", () => {
  test.each([
    ["R", "red"],
    ["r", "red"],
    ["Red", "red"],
    ["RED", "red"],
    ["a", "amber"],
    ["Amber", "amber"],
    ["G", "green"],
    ["green", "green"],
  ])("%s is %s", (text, rag) => expect(parseRag(text)).toBe(rag));

  test("blank is not yet scored; anything else is no score", () => {
    expect(parseRag("")).toBeUndefined();
    for (const text of ["Yellow", "RAG", "Red/Amber", "1", "gren", " red", "Red "]) expect(parseRag(text)).toBeNull();
  });
});

describe("the London study's risk bands (004 ch. 6)", () => {
  test("a band as written, in any case, with or without 'risk'", () => {
    expect(parseRiskBand("low")).toEqual({ band: "low" });
    expect(parseRiskBand("Medium")).toEqual({ band: "medium" });
    expect(parseRiskBand("High risk")).toEqual({ band: "high" });
  });

  test("the study's table: a kind of service gives its band", () => {
    expect(parseRiskBand("Legal services")).toEqual({ band: "low", kind: "Legal services" });
    expect(parseRiskBand("Insurance admin")).toEqual({ band: "low", kind: "Insurance administration" });
    expect(parseRiskBand("Revenues & Benefits")).toEqual({ band: "medium", kind: "Revenues and benefits" });
    expect(parseRiskBand("call centre")).toEqual({ band: "medium", kind: "Call centres" });
    expect(parseRiskBand("Payroll")).toEqual({ band: "medium", kind: "Payroll" });
    expect(parseRiskBand("IT support and infrastructure")?.band).toBe("high");
    expect(parseRiskBand("Housing management services")?.band).toBe("high");
    // RULES.md §9's summary of the high band.
    for (const kind of ["Housing", "IT infrastructure", "Social care", "Education"])
      expect(parseRiskBand(kind)?.band).toBe("high");
  });

  test("every kind listed reads back as its own band, and no two bands share a spelling", () => {
    for (const band of RISK_BANDS)
      for (const kind of KINDS_OF_SERVICE[band]) expect(parseRiskBand(kind)).toEqual({ band, kind });
  });

  test("neither a band nor a kind of the table is null", () => {
    for (const text of ["", "very high", "School meals", "Libraries", "lowish"]) expect(parseRiskBand(text)).toBeNull();
  });
});

describe("the reading", () => {
  const scores = (red: number, amber: number, green: number): (Rag | undefined)[] => [
    ...Array<Rag>(red).fill("red"),
    ...Array<Rag>(amber).fill("amber"),
    ...Array<Rag>(green).fill("green"),
    ...Array<undefined>(CRITERIA.length - red - amber - green).fill(undefined),
  ];

  test("the eleven criteria of 001 §7.2.1", () => {
    expect(CRITERIA).toHaveLength(11);
  });

  test.each([
    [0, 0, 11, "low", "Ready"],
    [0, 0, 11, "medium", "Ready"],
    [0, 0, 11, "high", "High risk"],
    [0, 1, 10, "low", "Needs work"],
    [0, 0, 10, "low", "Needs work"], // one criterion not yet scored
    [1, 0, 10, "low", "High risk"],
    [1, 5, 5, "medium", "High risk"],
    [0, 11, 0, "medium", "Needs work"],
  ] as const)("%i red, %i amber, %i green, %s band: %s", (red, amber, green, band, reading) => {
    const counts = countRag(scores(red, amber, green));
    expect(counts).toEqual({ red, amber, green, unscored: 11 - red - amber - green });
    expect(readingOf(counts, band)).toBe(reading);
  });

  test("property: ready only when all eleven are green outside the high band; high risk exactly when a red or the high band", () => {
    const rag = fc.constantFrom<Rag | undefined>("red", "amber", "green", undefined);
    fc.assert(
      fc.property(
        fc.array(rag, { minLength: 11, maxLength: 11 }),
        fc.constantFrom<RiskBand>(...RISK_BANDS),
        (s, band) => {
          const counts = countRag(s);
          expect(counts.red + counts.amber + counts.green + counts.unscored).toBe(11);
          const reading = readingOf(counts, band);
          expect(reading === "High risk").toBe(band === "high" || s.includes("red"));
          expect(reading === "Ready").toBe(band !== "high" && s.every((x) => x === "green"));
        },
      ),
    );
  });
});
