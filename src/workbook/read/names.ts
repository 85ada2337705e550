/**
 * Partner and service names as the Budget sheet spells them: another sheet's "westminster" or
 * "Youth  Offending Service" is the Budget's Westminster and Youth Offending Service, so every
 * table the add-in writes uses one spelling. A name the Budget does not know is kept as written.
 */
import { nameKey } from "./cells";
import { Catalogue, allPartners } from "./catalogue";

export interface Canonical {
  partner(name: string): string;
  service(name: string): string;
}

export function canonicalNames(services: Catalogue): Canonical {
  const partners = allPartners(services);
  return {
    partner: (name) => partners.get(nameKey(name)) ?? name,
    service: (name) => services.get(nameKey(name))?.name ?? name,
  };
}
