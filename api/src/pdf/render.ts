/**
 * The one PDF renderer: a template turns data into HTML (values escaped), Chromium prints it in A4
 * with the shipped fonts, and the footer carries the template's legal mentions and "Page n / N".
 */
import { closePdfBrowser, withPage } from './browser.js';
import { FONT_FAMILY, fontFaceCss } from './fonts.js';
import { escapeHtml, html, trusted, type SafeHtml } from './html.js';

export interface PdfTemplate<D> {
  /** The document's body from its data; build it with the `html` tag so that values are escaped. */
  body(data: D): SafeHtml;
  /** The template's own CSS (trusted, written in the code). */
  css?: string;
  /** Plain text repeated in every page footer, before the page number (escaped). */
  footer?(data: D): string;
}

export interface RenderPdfInput<D> {
  template: PdfTemplate<D>;
  data: D;
  /** Document title (PDF metadata and <title>). */
  title: string;
}

const BASE_CSS = `
@page { size: A4; margin: 18mm 16mm 22mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: '${FONT_FAMILY}', sans-serif; font-size: 10pt; line-height: 1.4; color: #1f2430; }
h1 { font-size: 18pt; font-weight: 700; margin: 0 0 4mm; }
h2 { font-size: 12pt; font-weight: 600; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { padding: 1.6mm 2mm; text-align: left; vertical-align: top; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
`;

export function documentHtml<D>({ template, data, title }: RenderPdfInput<D>): string {
  return html`<!doctype html>
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <style>
          ${trusted(fontFaceCss())}
          ${trusted(BASE_CSS)}
          ${trusted(template.css ?? '')}
        </style>
      </head>
      <body>
        ${template.body(data)}
      </body>
    </html>`.value;
}

function footerHtml(text: string): string {
  // Chromium fills .pageNumber and .totalPages; the footer is its own document, hence the inline style.
  return `<style>${fontFaceCss()}</style><div style="width:100%;margin:0 16mm;font-family:'${FONT_FAMILY}',sans-serif;font-size:7.5pt;color:#5b6270;display:flex;justify-content:space-between;gap:8mm;">
<span>${escapeHtml(text)}</span>
<span style="white-space:nowrap">Page <span class="pageNumber"></span> / <span class="totalPages"></span></span>
</div>`;
}

/** Renders the template to a PDF (A4). */
export async function renderPdf<D>(input: RenderPdfInput<D>): Promise<Buffer> {
  const content = documentHtml(input);
  return withPage(async (page) => {
    await page.setContent(content, { waitUntil: 'load' });
    // The shipped fonts are data URLs: wait until they are decoded before printing.
    await page.evaluate('document.fonts.ready.then(() => true)');
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footerHtml(input.template.footer?.(input.data) ?? ''),
      tagged: true,
      outline: false,
    });
    return Buffer.from(pdf);
  });
}

export { closePdfBrowser };
