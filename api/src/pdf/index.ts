/** The shared PDF service: `renderPdf({ template, data, title })` → Buffer. */
export { closePdfBrowser, documentHtml, renderPdf, type PdfTemplate, type RenderPdfInput } from './render.js';
export { escapeHtml, html, SafeHtml } from './html.js';
export {
  documentTemplate,
  documentTotals,
  type DocumentData,
  type DocumentLine,
  type Party,
} from './templates/document.js';
export { testPageTemplate, type TestPageData } from './templates/test-page.js';
