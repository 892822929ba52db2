/** A minimal template for checking the renderer: a heading and paragraphs, one page per section. */
import { html } from '../html.js';
import type { PdfTemplate } from '../render.js';

export interface TestPageData {
  heading: string;
  sections: { title: string; paragraphs: string[] }[];
  footer: string;
}

export const testPageTemplate: PdfTemplate<TestPageData> = {
  css: 'section + section { break-before: page; }',
  body: (d) =>
    html`<h1>${d.heading}</h1>
      ${d.sections.map(
        (s) =>
          html`<section>
            <h2>${s.title}</h2>
            ${s.paragraphs.map((p) => html`<p>${p}</p>`)}
          </section>`,
      )}`,
  footer: (d) => d.footer,
};
