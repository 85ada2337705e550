/**
 * What the Budget sheet says exists: its services and, for each, the partners with a budget line
 * and their baseline (the sum of their lines). The other sheets are checked against it.
 */
import { Decimal, ZERO } from "../../engine";
import type { CellRef } from "../grid";
import type { BudgetSheet, MoneyCell } from "../inputs";
import type { UnreadLine } from "./budget";
import { nameKey } from "./cells";

export interface BudgetPartner {
  name: string;
  baseline: Decimal;
  /** The cells of its lines, for messages. */
  cells: CellRef[];
}

export interface BudgetService {
  name: string;
  /** By nameKey, in the order first met. */
  partners: Map<string, BudgetPartner>;
  /** The first line's baseline cell (undefined only when no amount in it could be read). */
  at?: CellRef;
  /** Some of its lines' amounts or partners could not be read: its partners and baselines may be incomplete. */
  incomplete: boolean;
}

/** Services by nameKey, in the order first met on the Budget sheet. */
export type Catalogue = Map<string, BudgetService>;

/** The Budget's services, including lines whose amounts could not be read (`unread`, no cell). */
export function catalogue(budget: BudgetSheet, unread: readonly UnreadLine[] = []): Catalogue {
  const services: Catalogue = new Map();
  const add = (service: string, partnerName: string | undefined, amount?: MoneyCell): void => {
    const sKey = nameKey(service);
    const entry = services.get(sKey) ?? { name: service, partners: new Map(), at: amount?.at, incomplete: false };
    entry.at ??= amount?.at;
    services.set(sKey, entry as BudgetService);
    if (partnerName === undefined) {
      entry.incomplete = true;
      return;
    }
    const pKey = nameKey(partnerName);
    const partner = entry.partners.get(pKey) ?? { name: partnerName, baseline: ZERO, cells: [] };
    if (amount === undefined) entry.incomplete = true;
    else {
      partner.baseline = partner.baseline.plus(amount.value);
      partner.cells.push(amount.at);
    }
    entry.partners.set(pKey, partner);
  };
  for (const line of budget.lines) add(line.service, line.partner, line.baseline);
  for (const line of unread) add(line.service, line.partner);
  return services;
}

/** Every partner named anywhere on the Budget sheet, by nameKey. */
export function allPartners(services: Catalogue): Map<string, string> {
  const partners = new Map<string, string>();
  for (const s of services.values())
    for (const [key, p] of s.partners) if (!partners.has(key)) partners.set(key, p.name);
  return partners;
}
