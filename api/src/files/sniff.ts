/**
 * The type of a file from its first bytes (magic numbers, via `file-type`), never from its name or
 * declared Content-Type. Text without a signature is plain text only if it is valid UTF-8 without
 * control characters and does not look like markup a browser would run (HTML, SVG, XML).
 */
import { fileTypeFromBuffer } from 'file-type';

/** Bytes read before deciding: enough for the signatures and for the entries of an Office zip. */
export const SNIFF_BYTES = 64 * 1024;

const MARKUP = /^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|meta|style|div|a\s)|<script[\s>]/i;

function textType(head: Buffer): string | undefined {
  if (!head.length) return undefined;
  let text: string;
  try {
    // stream: a UTF-8 character cut at the end of the sniffed part is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length >= SNIFF_BYTES });
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return undefined;
  return MARKUP.test(text.slice(0, 4096)) ? 'text/html' : 'text/plain';
}

/** The MIME type recognised from the content, or undefined when unknown. */
export async function sniffContentType(head: Buffer): Promise<string | undefined> {
  const detected = await fileTypeFromBuffer(head);
  return detected?.mime ?? textType(head);
}
