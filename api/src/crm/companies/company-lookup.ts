/** How a contact finds its company: by SIREN, else by name + postal code (the match keys). */
import type { Types } from 'mongoose';
import { isValidSiren } from '../../contracts/index.js';
import { Company, companyNameKey } from './company.model.js';

/** A company as the lookup knows it. */
export interface CompanyRow {
  _id: Types.ObjectId;
  nameKey: string;
  siren?: string | null;
  postalCode?: string | null;
}
export const COMPANY_ROW = { nameKey: 1, siren: 1, postalCode: 1 };

/** The SIREN of a SIRET, when it is a valid one. */
export const sirenOf = (siret?: string | null) => (siret && isValidSiren(siret.slice(0, 9)) ? siret.slice(0, 9) : null);
export const nameKeyOf = (name: string) => companyNameKey(name) || name.trim().toLowerCase();
/** The match key of a company known by its name (and postal code) only. */
export const nameMatchKey = (nameKey: string, postalCode?: string | null) => `name:${nameKey}|${postalCode ?? ''}`;

/** The companies contacts are matched against: by SIREN, and by name + postal code. */
export class CompanyLookup {
  private readonly bySiren = new Map<string, CompanyRow>();
  private readonly byName = new Map<string, CompanyRow[]>();

  /** The companies with one of these SIRENs or name keys; without them, every company (one scan). */
  static async load(keys?: { sirens: string[]; nameKeys: string[] }): Promise<CompanyLookup> {
    const lookup = new CompanyLookup();
    if (keys && !keys.sirens.length && !keys.nameKeys.length) return lookup;
    const filter = keys
      ? { $or: [...(keys.sirens.length ? [{ siren: { $in: keys.sirens } }] : []), { nameKey: { $in: keys.nameKeys } }] }
      : {};
    const rows = await Company.find(filter, COMPANY_ROW).lean<CompanyRow[]>();
    rows.forEach((row) => lookup.remember(row));
    return lookup;
  }

  remember(row: CompanyRow): void {
    if (row.siren) this.bySiren.set(row.siren, row);
    const key = nameMatchKey(row.nameKey, row.postalCode);
    this.byName.set(key, [...(this.byName.get(key) ?? []), row]);
  }

  /** Replaces a company that lost a creation race by the one that won it. */
  replace(lost: CompanyRow, winner: CompanyRow): void {
    if (lost.siren && this.bySiren.get(lost.siren) === lost) this.bySiren.delete(lost.siren);
    const key = nameMatchKey(lost.nameKey, lost.postalCode);
    this.byName.set(
      key,
      (this.byName.get(key) ?? []).filter((row) => row !== lost),
    );
    this.remember(winner);
  }

  /** A contact's company: SIREN first; else the same name and postal code, unless that one has another SIREN. */
  find(wanted: { siren: string | null; nameKey: string; postalCode: string | null }): CompanyRow | undefined {
    if (wanted.siren && this.bySiren.has(wanted.siren)) return this.bySiren.get(wanted.siren);
    return this.byName
      .get(nameMatchKey(wanted.nameKey, wanted.postalCode))
      ?.find((row) => !row.siren || !wanted.siren || row.siren === wanted.siren);
  }

  /** A contact brings the SIREN of a company known by its name only. */
  setSiren(row: CompanyRow, siren: string): void {
    row.siren = siren;
    this.bySiren.set(siren, row);
  }
}
