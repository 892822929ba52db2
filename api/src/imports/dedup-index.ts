/** The deduplication of an import's rows against the contacts (by e-mail, by phone). */
import { normalisePhone } from '../contracts/index.js';
import type { ImportedContact } from './rows.js';

/** The key of a contact created (`importKey`) or last updated (`importRef`) by a line of an import. */
export const importKeyOf = (importId: string, line: number) => `${importId}:${line}`;

/** Contacts seen by the deduplication: existing ones, and those this import made or touched. */
export class DedupIndex {
  readonly byEmail = new Map<string, string>();
  readonly byPhone = new Map<string, string>();
  /** Line of this import that created or last updated the contact. */
  readonly lines = new Map<string, number>();
  /** importKey → contact id, for the contacts this import created already. */
  readonly created = new Map<string, string>();
  /** Owner and status of existing contacts (update mode: scope check, status events). */
  readonly info = new Map<string, { assignedTo: string | null; status: string }>();

  constructor(
    private readonly importId: string,
    readonly keys: { email: boolean; phone: boolean },
  ) {}

  static emailKey = (email: string) => email.trim().toLowerCase();
  static phoneKey = (phone: string) => normalisePhone(phone) ?? phone.replace(/\s+/g, '');

  add(
    id: string,
    contact: { email?: string | null; phone?: string | null; importKey?: string | null; importRef?: string | null },
    line?: number,
  ): void {
    const prefix = `${this.importId}:`;
    if (contact.importKey?.startsWith(prefix)) this.created.set(contact.importKey, id);
    const ownLine =
      line ?? (contact.importRef?.startsWith(prefix) ? Number(contact.importRef.slice(prefix.length)) : undefined);
    if (ownLine !== undefined) this.lines.set(id, ownLine);
    // Same e-mail on several contacts: the one this import touched is the one that counts.
    const set = (map: Map<string, string>, key: string) => {
      if (!map.has(key) || ownLine !== undefined) map.set(key, id);
    };
    if (this.keys.email && contact.email) set(this.byEmail, DedupIndex.emailKey(contact.email));
    if (this.keys.phone && contact.phone) set(this.byPhone, DedupIndex.phoneKey(contact.phone));
  }

  /** The contact with the row's e-mail, else its phone. */
  match(contact: ImportedContact): { id: string; by: 'email' | 'phone' } | undefined {
    const email = this.keys.email && contact.email ? this.byEmail.get(DedupIndex.emailKey(contact.email)) : undefined;
    if (email) return { id: email, by: 'email' };
    const phone = this.keys.phone && contact.phone ? this.byPhone.get(DedupIndex.phoneKey(contact.phone)) : undefined;
    return phone ? { id: phone, by: 'phone' } : undefined;
  }
}
