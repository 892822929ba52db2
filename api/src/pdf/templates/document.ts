/**
 * The generic business document: title and reference, issuer and recipient, lines, totals and the
 * legal mentions in the footer. Quotes, invoices and certificates specialise it.
 */
import { formatDate, formatEuros, formatNumber, formatPercent } from '../../contracts/index.js';
import { html } from '../html.js';
import type { PdfTemplate } from '../render.js';

export interface Party {
  name: string;
  /** Address lines, contact, identifiers (SIRET, TVA…), each printed on its own line. */
  lines: string[];
}

export interface DocumentLine {
  description: string;
  /** Optional detail printed under the description. */
  detail?: string;
  quantity: number;
  unit?: string;
  /** Unit price excluding VAT, in euros. */
  unitPrice: number;
  /** VAT rate, 0.2 for 20 %. */
  vatRate: number;
}

export interface DocumentData {
  title: string;
  reference: string;
  issuedAt: Date | string;
  /** E.g. "Valable jusqu'au" and its date. */
  dueLabel?: string;
  dueAt?: Date | string;
  issuer: Party;
  recipient: Party;
  lines: DocumentLine[];
  /** Paragraphs after the totals (conditions, payment terms). */
  notes?: string[];
  /** Legal mentions repeated in every footer. */
  legal: string;
}

export interface Totals {
  net: number;
  vat: { rate: number; base: number; amount: number }[];
  gross: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function documentTotals(lines: DocumentLine[]): Totals {
  const byRate = new Map<number, number>();
  let net = 0;
  for (const l of lines) {
    const amount = round2(l.quantity * l.unitPrice);
    net += amount;
    byRate.set(l.vatRate, (byRate.get(l.vatRate) ?? 0) + amount);
  }
  const vat = [...byRate]
    .sort(([a], [b]) => a - b)
    .map(([rate, base]) => ({ rate, base: round2(base), amount: round2(base * rate) }));
  net = round2(net);
  return { net, vat, gross: round2(net + vat.reduce((s, v) => s + v.amount, 0)) };
}

const party = (label: string, p: Party) =>
  html`<section class="party">
    <div class="label">${label}</div>
    <div class="name">${p.name}</div>
    ${p.lines.map((l) => html`<div>${l}</div>`)}
  </section>`;

export const documentTemplate: PdfTemplate<DocumentData> = {
  css: `
.head { display: flex; justify-content: space-between; align-items: flex-start; margin-bottom: 8mm; }
.meta div { text-align: right; }
.parties { display: flex; gap: 10mm; margin-bottom: 8mm; }
.party { flex: 1; border: 0.3mm solid #d5d9e0; border-radius: 1.5mm; padding: 3mm 4mm; }
.party .label { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.05em; color: #5b6270; }
.party .name { font-weight: 700; font-size: 11pt; }
.lines thead th { background: #1f2430; color: #fff; font-weight: 600; }
.lines tbody td { border-bottom: 0.2mm solid #e3e6eb; }
.lines .detail { color: #5b6270; font-size: 9pt; }
.totals { margin: 6mm 0 0 auto; width: 45%; break-inside: avoid; }
.totals td { padding: 1.2mm 2mm; }
.totals .gross td { font-weight: 700; font-size: 11pt; border-top: 0.4mm solid #1f2430; }
.notes { margin-top: 8mm; break-inside: avoid; }
`,
  body(d) {
    const totals = documentTotals(d.lines);
    return html`<header class="head">
        <h1>${d.title}</h1>
        <div class="meta">
          <div>Référence : <strong>${d.reference}</strong></div>
          <div>Date : ${formatDate(d.issuedAt)}</div>
          ${d.dueAt ? html`<div>${d.dueLabel ?? 'Échéance'} : ${formatDate(d.dueAt)}</div>` : ''}
        </div>
      </header>
      <div class="parties">${party('Émetteur', d.issuer)} ${party('Destinataire', d.recipient)}</div>
      <table class="lines">
        <thead>
          <tr>
            <th>Désignation</th>
            <th class="num">Quantité</th>
            <th class="num">Prix unitaire HT</th>
            <th class="num">TVA</th>
            <th class="num">Total HT</th>
          </tr>
        </thead>
        <tbody>
          ${d.lines.map(
            (l) =>
              html`<tr>
                <td>${l.description}${l.detail ? html`<div class="detail">${l.detail}</div>` : ''}</td>
                <td class="num">${formatNumber(l.quantity)}${l.unit ? ` ${l.unit}` : ''}</td>
                <td class="num">${formatEuros(l.unitPrice, true)}</td>
                <td class="num">${formatPercent(l.vatRate * 100, 2)}</td>
                <td class="num">${formatEuros(round2(l.quantity * l.unitPrice), true)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <table class="totals">
        <tr>
          <td>Total HT</td>
          <td class="num">${formatEuros(totals.net, true)}</td>
        </tr>
        ${totals.vat.map(
          (v) =>
            html`<tr>
              <td>TVA ${formatPercent(v.rate * 100, 2)}</td>
              <td class="num">${formatEuros(v.amount, true)}</td>
            </tr>`,
        )}
        <tr class="gross">
          <td>Total TTC</td>
          <td class="num">${formatEuros(totals.gross, true)}</td>
        </tr>
      </table>
      ${d.notes?.length ? html`<section class="notes">${d.notes.map((n) => html`<p>${n}</p>`)}</section>` : ''}`;
  },
  footer: (d) => d.legal,
};
