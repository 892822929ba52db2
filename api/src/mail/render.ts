/**
 * Rendering: MJML compiles each (template, company) document once — it is slow — and the HTML is
 * cached with its `{{placeholders}}`; each e-mail then only fills them with escaped values.
 */
import mjml2html from 'mjml';
import type { CompanyKey } from '../contracts/index.js';
import { escapeHtml } from './escape.js';
import { layoutMjml, layoutText } from './layout.js';
import { TEMPLATES, type MailTemplate, type TemplateData, type TemplateName } from './templates/index.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const compiled = new Map<string, Promise<string>>();

async function compile(template: TemplateName, company: CompanyKey): Promise<string> {
  const result = await mjml2html(layoutMjml(company, TEMPLATES[template].mjml), { validationLevel: 'strict' });
  return result.html;
}

/** The compiled HTML of a template in a company's layout (compiled on first use, then cached). */
export function compiledHtml(template: TemplateName, company: CompanyKey): Promise<string> {
  const key = `${template}:${company}`;
  let html = compiled.get(key);
  if (!html) {
    html = compile(template, company);
    compiled.set(key, html);
    html.catch(() => compiled.delete(key)); // a failed compilation is tried again next time
  }
  return html;
}

/**
 * Fills the placeholders in one pass (a value holding `{{x}}` is never expanded again) with escaped
 * values, whose line breaks become `<br />` once escaped.
 */
export function fill(html: string, vars: Record<string, string>): string {
  return html.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`mail template: no value for {{${name}}}`);
    return escapeHtml(value).replace(/\r?\n/g, '<br />');
  });
}

export async function renderMail<K extends TemplateName>(
  template: K,
  data: TemplateData<K>,
  company: CompanyKey,
): Promise<RenderedMail> {
  const t = TEMPLATES[template] as MailTemplate<TemplateData<K>>;
  return {
    subject: t.subject(data),
    html: fill(await compiledHtml(template, company), t.vars(data)),
    text: layoutText(company, t.text(data)),
  };
}
