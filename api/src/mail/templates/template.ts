/** What a template is: the subject, the HTML content (MJML) and the plain text, all from the same data. */
export interface MailTemplate<D> {
  subject(data: D): string;
  /**
   * MJML of the content, put inside the company layout. `{{name}}` placeholders are filled, escaped,
   * with `vars(data)` after MJML compiled the document once (the compiled HTML is cached); line breaks
   * in a value become `<br />`.
   */
  mjml: string;
  vars(data: D): Record<string, string>;
  /** The plain-text part, written for reading (not stripped HTML); the layout adds the signature. */
  text(data: D): string;
}
