/**
 * RULES.md §9: choosing services to share. Each candidate service is scored red, amber or green
 * against the eleven criteria of the Haringey–Waltham Forest compatibility analysis (`001` §7.2.1
 * and schedule 1), and placed in one of the London study's risk bands for its kind of service
 * (`004` ch. 5 and the table of ch. 6). Neither report says how the scores add up to a decision,
 * so the reading here is the add-in's own (README, Choices): a red anywhere, or the high band,
 * is high risk; an amber or a criterion not yet scored needs work; all green is ready.
 */
// The same red, amber and green as the Realisation sheet's.
import type { Rag } from "./tracking";

/** The eleven criteria, as `001` §7.2.1 lists them. */
export const CRITERIA = [
  "Strategic fit",
  "Political alignment",
  "IT compatibility",
  "Business processes",
  "Staffing arrangements",
  "Service standards",
  "Cost sharing/VFM",
  "Risk",
  "Organisational issues",
  "Delivery timescales",
  "Ease of implementation",
] as const;

export type Criterion = (typeof CRITERIA)[number];

export type RiskBand = "low" | "medium" | "high";

export const RISK_BANDS: readonly RiskBand[] = ["low", "medium", "high"];

/** "Red", "Amber", "Green", "Low"…: as a table shows them. */
export const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A RAG score as people write it: R, A, G or the words, in any case. Blank is undefined (not
 * scored yet); anything else is null. Spaces around the word are not taken: Excel's COUNTIF on
 * the Assessment sheet would not count "Red " as red, and the two must agree.
 */
export function parseRag(text: string): Rag | undefined | null {
  if (text === "") return undefined;
  const v = text.toLowerCase();
  if (v === "r" || v === "red") return "red";
  if (v === "a" || v === "amber") return "amber";
  if (v === "g" || v === "green") return "green";
  return null;
}

/**
 * The London study's kinds of service and their bands: every activity of the table in `004` ch. 6,
 * the examples of ch. 5 (business rates and council tax administration low, trading standards
 * medium) and RULES.md §9's summary (housing, IT infrastructure, social care high; education is the table's).
 */
export const KINDS_OF_SERVICE: Readonly<Record<RiskBand, readonly string[]>> = {
  low: [
    "Professional services",
    "Translation and interpretation services",
    "Legal services",
    "Pensions administration",
    "Insurance administration",
    "Parking services",
    "Out of hours emergency services",
    "Single emergency number",
    "Business rates administration",
    "Council tax administration",
  ],
  medium: [
    "Revenues and benefits",
    "Payroll",
    "Trading standards",
    "Building control",
    "Recruitment services",
    "Staff agency service",
    "Call centres",
    "Contact centres",
    "Waste disposal",
    "Street lighting",
    "HR",
  ],
  high: [
    "Choice-based letting",
    "Housing repairs",
    "IT support and infrastructure",
    "Risk management",
    "Residential care for the elderly",
    "Personal care",
    "Supporting People floating support",
    "Neighbourhood services",
    "Housing management services",
    "Education services",
    "Housing",
    "IT infrastructure",
    "Social care",
  ],
};

/**
 * Letters and digits only, "&" as "and", "admin" as "administration", plurals and a trailing
 * "service(s)" aside: "Call centre" is "Call centres", "Legal" is "Legal services".
 */
const kindKey = (text: string): string =>
  text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\badmin\b/g, "administration")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/\s*services?$/, "")
    .replace(/s\b/g, "")
    .replace(/\s+/g, "");

const BY_KIND = new Map<string, { band: RiskBand; kind: string }>(
  RISK_BANDS.flatMap((band) => KINDS_OF_SERVICE[band].map((kind) => [kindKey(kind), { band, kind }] as const)),
);

/**
 * The risk band a cell gives: the band itself ("low", "Medium", "high risk"), or a kind of service
 * from the London study's table, which gives its band ("Payroll" is medium). Null when it is neither.
 */
export function parseRiskBand(text: string): { band: RiskBand; kind?: string } | null {
  const v = text
    .trim()
    .toLowerCase()
    .replace(/\s+risk$/, "");
  const band = RISK_BANDS.find((b) => b === v);
  if (band !== undefined) return { band };
  return BY_KIND.get(kindKey(text)) ?? null;
}

export type ServiceReading = "Ready" | "Needs work" | "High risk";

/** How many criteria are scored each way, and how many are not yet scored. */
export interface RagCounts {
  red: number;
  amber: number;
  green: number;
  unscored: number;
}

export function countRag(scores: readonly (Rag | undefined)[]): RagCounts {
  const counts: RagCounts = { red: 0, amber: 0, green: 0, unscored: 0 };
  for (const s of scores) counts[s ?? "unscored"]++;
  return counts;
}

/** The rule as the Assessment sheet and the README state it. */
export const READING_RULE =
  "High risk: the London study's band for the kind of service is high, or any criterion is red. " +
  "Needs work: otherwise, any criterion is amber or not yet scored. Ready: every criterion green, in the low or medium band.";

/** The plain reading of a service's scores and band (READING_RULE). */
export function readingOf(counts: RagCounts, band: RiskBand): ServiceReading {
  if (band === "high" || counts.red > 0) return "High risk";
  if (counts.amber > 0 || counts.unscored > 0) return "Needs work";
  return "Ready";
}
