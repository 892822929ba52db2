/**
 * The PDF renderer through real Chromium, read back with a real PDF text extractor (pdf-parse):
 * French amounts and dates, accents, escaped data, page count and the "Page n / N" footer.
 */
import { PDFParse } from 'pdf-parse';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closePdfBrowser,
  documentTemplate,
  documentTotals,
  html,
  renderPdf,
  testPageTemplate,
} from '../../src/pdf/index.js';
import { formatDate, formatEuros as formatAmount } from '../../src/contracts/index.js';
import { pdfLoad } from '../../src/pdf/browser.js';
import { trusted } from '../../src/pdf/html.js';
import { quoteLikeDocument } from '../fixtures/pdf-documents.js';

const NNBSP = '\u202f'; // thousands, as Intl fr-FR gives
const NBSP = '\u00a0'; // before the currency sign

async function readPdf(pdf: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    return { pages: text.pages.map((p) => p.text), total: text.total, title: info.info?.Title as string | undefined };
  } finally {
    await parser.destroy();
  }
}

/** Whitespace as one space: the extractor separates table cells with tabs and may turn U+202F into a space. */
const spaces = (s: string) => s.replace(/[\s\u202f\u00a0]+/g, ' ');

afterAll(async () => {
  await closePdfBrowser();
});

describe('French formatting', () => {
  it('formats euros with narrow no-break spaces and dates as dd/mm/yyyy in Paris', () => {
    expect(formatAmount(1234.56, true)).toBe(`1${NNBSP}234,56${NBSP}€`);
    expect(formatAmount(0, true)).toBe(`0,00${NBSP}€`);
    expect(formatDate('2026-03-31T22:30:00Z')).toBe('01/04/2026');
    expect(formatDate('2026-12-31T12:00:00Z')).toBe('31/12/2026');
  });

  it('escapes every interpolated value', () => {
    expect(html`<p>${'<script>alert("x")</script> & \'co\''}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>',
    );
  });
});

describe('renderPdf', () => {
  it('renders the generic document over several pages with French amounts, dates and footers', async () => {
    const data = quoteLikeDocument();
    const pdf = await renderPdf({ template: documentTemplate, data, title: 'Devis DEV-2026-0042' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await readPdf(pdf);
    expect(doc.title).toBe('Devis DEV-2026-0042');
    expect(doc.total).toBe(3);
    const all = spaces(doc.pages.join('\n'));

    expect(all).toContain('Date : 01/04/2026');
    expect(all).toContain('Valable jusqu’au : 01/05/2026');
    expect(all).toContain('1 234,56 €');
    const totals = documentTotals(data.lines);
    expect(all).toContain(`Total TTC ${spaces(formatAmount(totals.gross, true))}`);
    expect(spaces(formatAmount(totals.gross, true))).toMatch(/^\d{1,3}( \d{3})+,\d\d €$/);
    expect(all).toContain('TVA 20 %');
    // Accented and typographic characters survive (shipped font, Unicode text).
    expect(all).toContain('Boulangerie Hélène & Frères');
    expect(all).toContain('3 place de l’Église');
    expect(all).toContain('(œuvre originale)');
    // Data is text, never markup: the <script> value is printed as it was typed.
    expect(all).toContain('<script>alert(1)</script>');

    doc.pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} / 3`);
      expect(spaces(page)).toContain('SAS au capital de 10 000 €');
    });
    expect(doc.pages[1]).toContain('Page 2 / 3');
  });

  it('embeds only the shipped font and loads nothing from the network', async () => {
    const pdf = await renderPdf({
      template: testPageTemplate,
      title: 'Réseau',
      data: {
        heading: 'Pas de réseau',
        // Escaped: printed as text, never an element.
        sections: [{ title: 'Image', paragraphs: ['<img src="http://127.0.0.1:9/x.png">'] }],
        footer: 'pied',
      },
    });
    const fonts = [...pdf.toString('latin1').matchAll(/\/FontName \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f!.startsWith('SourceSans3'))).toBe(true);
    expect(spaces((await readPdf(pdf)).pages[0]!)).toContain('<img src="http://127.0.0.1:9/x.png">');
  });

  it('blocks network requests made by the markup itself', async () => {
    const { createServer } = await import('node:http');
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const pdf = await renderPdf({
        template: {
          // A template author's mistake: markup pointing at the network. It must not be fetched.
          body: () =>
            html`<p>Image distante</p>
              ${trusted(
                `<img src="http://127.0.0.1:${port}/a.png"><link rel="stylesheet" href="http://127.0.0.1:${port}/a.css">`,
              )}`,
          css: `body { background: url(http://127.0.0.1:${port}/bg.png); }`,
        },
        data: {},
        title: 'Réseau',
      });
      expect((await readPdf(pdf)).pages[0]).toContain('Image distante');
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });

  it('renders concurrent documents with a bounded number of pages', async () => {
    const renders = Array.from({ length: 5 }, (_, i) =>
      renderPdf({
        template: testPageTemplate,
        title: `Doc ${i}`,
        data: { heading: `Document ${i}`, sections: [{ title: 'Section', paragraphs: ['Texte'] }], footer: '' },
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(pdfLoad().active).toBeLessThanOrEqual(2);
    const pdfs = await Promise.all(renders);
    for (const [i, pdf] of pdfs.entries()) expect((await readPdf(pdf)).pages[0]).toContain(`Document ${i}`);
    expect(pdfLoad()).toEqual({ active: 0, waiting: 0 });
  });
});
