/**
 * The French layout of every e-mail, one per issuing company: header with the company's name, the
 * template's content, footer with the company's site. Markup (MJML) for the HTML part, plain text for
 * the text part, both from the same brand data.
 */
import type { CompanyKey } from '../contracts/index.js';
import { BRANDS } from './brands.js';
import { escapeHtml } from './escape.js';

/** MJML document of a template's content inside the company layout. */
export function layoutMjml(company: CompanyKey, contentMjml: string): string {
  const b = BRANDS[company];
  const name = escapeHtml(b.name);
  return `<mjml lang="fr">
  <mj-head>
    <mj-title>${name}</mj-title>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="22px" color="#1f2937" />
      <mj-button background-color="${b.color}" color="#ffffff" border-radius="6px" font-weight="bold" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6">
    <mj-section background-color="${b.color}" padding="20px 24px">
      <mj-column>
        <mj-text css-class="brand" color="#ffffff" font-size="20px" font-weight="bold">${name}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
${contentMjml}
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column>
        <mj-text align="center" font-size="12px" color="#6b7280">${name} — <a href="https://${b.site}" style="color:#6b7280">${b.site}</a><br />E-mail envoyé par DigiWeb ERP.</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

/** Plain-text part: the template's text, then the company signature. */
export function layoutText(company: CompanyKey, contentText: string): string {
  const b = BRANDS[company];
  return `${contentText.trim()}\n\n--\n${b.name} — https://${b.site}\nE-mail envoyé par DigiWeb ERP.\n`;
}
