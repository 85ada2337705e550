/**
 * The assessment of candidate services (RULES.md §9): for each service on the Compatibility sheet,
 * how many criteria are red, amber, green or not yet scored, its risk band and the plain reading
 * (engine readingOf).
 */
import { RagCounts, ServiceReading, countRag, readingOf } from "../../engine";
import type { CandidateService, CompatibilitySheet } from "../inputs";

export interface AssessedService {
  candidate: CandidateService;
  counts: RagCounts;
  reading: ServiceReading;
}

export interface Assessment {
  compatibility: CompatibilitySheet;
  services: AssessedService[];
}

export function assessmentOf(compatibility: CompatibilitySheet): Assessment {
  return {
    compatibility,
    services: compatibility.services.map((candidate) => {
      const counts = countRag(candidate.scores.map((s) => s.value));
      return { candidate, counts, reading: readingOf(counts, candidate.band.value) };
    }),
  };
}
