/**
 * Benchmark (PDF): the same three-page French quote rendered N times (20 by default) by the
 * project's renderer (Chromium through playwright-core, HTML template, shipped font) and by pdfkit
 * (pure JS, drawn by hand with the same font). Time per document, peak memory (PSS of this process
 * plus, for Chromium, its browser processes), output bytes, and the ratios.
 *
 *   npx tsx bench/pdf.ts [documents=20]        or   npm run bench:pdf
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { fontFile } from '../api/src/pdf/fonts.js';
import {
  closePdfBrowser,
  documentTemplate,
  documentTotals,
  renderPdf,
  type DocumentData,
} from '../api/src/pdf/index.js';
import { formatDate, formatEuros, formatNumber, formatPercent } from '../api/src/contracts/index.js';
import { quoteLikeDocument } from '../api/test/fixtures/pdf-documents.js';

const N = Number(process.argv[2] ?? 20);
const data = quoteLikeDocument();

/** Memory (PSS) of a process and of all its descendants, from /proc (Linux). */
function treeRss(pid = process.pid): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      // PSS: shared pages (Chromium's processes share most of theirs) counted once in the sum.
      const rss = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
      total += rss ? Number(rss[1]) * 1024 : 0;
    } catch {
      // ended
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** pdfkit: the same document drawn by hand (no HTML, no automatic table layout). */
function renderWithPdfkit(d: DocumentData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 51, bottom: 62, left: 45, right: 45 },
      bufferPages: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', fontFile(400, 'woff'));
    doc.registerFont('bold', fontFile(700, 'woff'));
    doc.info.Title = `${d.title} ${d.reference}`;
    doc.font('bold').fontSize(18).text(d.title);
    doc.font('regular').fontSize(10).text(`Référence : ${d.reference}`, { align: 'right' });
    doc.text(`Date : ${formatDate(d.issuedAt)}`, { align: 'right' });
    if (d.dueAt) doc.text(`${d.dueLabel} : ${formatDate(d.dueAt)}`, { align: 'right' });
    doc.moveDown();
    const top = doc.y;
    for (const [i, [label, p]] of (
      [
        ['Émetteur', d.issuer],
        ['Destinataire', d.recipient],
      ] as const
    ).entries()) {
      const x = 45 + i * 260;
      doc.font('regular').fontSize(8).text(label.toUpperCase(), x, top, { width: 240 });
      doc.font('bold').fontSize(11).text(p.name, { width: 240 });
      doc.font('regular').fontSize(10);
      for (const l of p.lines) doc.text(l, { width: 240 });
    }
    doc.moveDown(2);
    const cols = [45, 285, 345, 425, 470];
    const header = () => {
      const y = doc.y;
      doc
        .rect(45, y - 2, 505, 16)
        .fill('#1f2430')
        .fillColor('#fff')
        .font('bold')
        .fontSize(9);
      ['Désignation', 'Quantité', 'Prix unitaire HT', 'TVA', 'Total HT'].forEach((h, i) =>
        doc.text(h, cols[i]!, y, { width: 75, lineBreak: false }),
      );
      doc.fillColor('#1f2430').font('regular').fontSize(10);
      doc.y = y + 18;
    };
    header();
    for (const l of d.lines) {
      if (doc.y > 740) {
        doc.addPage();
        header();
      }
      const y = doc.y;
      doc.text(l.description, cols[0], y, { width: 235 });
      if (l.detail)
        doc.fontSize(9).fillColor('#5b6270').text(l.detail, { width: 235 }).fontSize(10).fillColor('#1f2430');
      const end = doc.y;
      doc.text(`${formatNumber(l.quantity)} ${l.unit ?? ''}`, cols[1], y, { width: 55, align: 'right' });
      doc.text(formatEuros(l.unitPrice, true), cols[2], y, { width: 75, align: 'right' });
      doc.text(formatPercent(l.vatRate * 100, 2), cols[3], y, { width: 40, align: 'right' });
      doc.text(formatEuros(l.quantity * l.unitPrice, true), cols[4], y, { width: 80, align: 'right' });
      doc.y = end + 4;
    }
    const t = documentTotals(d.lines);
    for (const [label, amount] of [
      ['Total HT', t.net],
      ...t.vat.map((v) => [`TVA ${formatPercent(v.rate * 100, 2)}`, v.amount] as const),
      ['Total TTC', t.gross],
    ] as const) {
      const y = doc.y;
      doc.text(label, 330, y, { width: 100 }).text(formatEuros(amount, true), 430, y, { width: 120, align: 'right' });
    }
    doc.moveDown();
    for (const n of d.notes ?? []) doc.text(n, 45);
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(i);
      doc.fontSize(7.5).fillColor('#5b6270');
      doc.text(d.legal, 45, 800, { width: 420, lineBreak: false, height: 10 });
      doc.text(`Page ${i + 1} / ${range.count}`, 470, 800, { width: 80, align: 'right', lineBreak: false, height: 10 });
    }
    doc.end();
  });
}

async function measure(name: string, render: () => Promise<Buffer>) {
  await render(); // warm-up: Chromium's launch, font parsing
  let peak = treeRss();
  const timer = setInterval(() => (peak = Math.max(peak, treeRss())), 100);
  const started = performance.now();
  let bytes = 0;
  for (let i = 0; i < N; i++) bytes = (await render()).length;
  const ms = (performance.now() - started) / N;
  clearInterval(timer);
  peak = Math.max(peak, treeRss());
  console.log(
    `${name.padEnd(22)} ${ms.toFixed(0).padStart(5)} ms/doc  peak PSS ${(peak / 1048576).toFixed(0).padStart(4)} Mo  ${(bytes / 1024).toFixed(0).padStart(4)} Ko`,
  );
  return { ms, peak, bytes };
}

const chromium = await measure('Chromium page.pdf()', () =>
  renderPdf({ template: documentTemplate, data, title: 'Devis' }),
);
await closePdfBrowser();
const pdfkit = await measure('pdfkit 0.20', () => renderWithPdfkit(data));
console.log(
  `ratios Chromium / pdfkit: time ×${(chromium.ms / pdfkit.ms).toFixed(1)}, peak PSS ×${(chromium.peak / pdfkit.peak).toFixed(1)}, bytes ×${(chromium.bytes / pdfkit.bytes).toFixed(1)}`,
);
fs.writeFileSync('/tmp/bench-pdf-chromium.pdf', await renderPdf({ template: documentTemplate, data, title: 'Devis' }));
fs.writeFileSync('/tmp/bench-pdf-pdfkit.pdf', await renderWithPdfkit(data));
await closePdfBrowser();
console.log('samples: /tmp/bench-pdf-chromium.pdf, /tmp/bench-pdf-pdfkit.pdf');
