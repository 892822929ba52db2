/**
 * The fonts shipped with the project (Source Sans 3, SIL Open Font License 1.1, from
 * @fontsource/source-sans-3), embedded as data URLs so that a page never reaches the network.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const FONT_FAMILY = 'Source Sans 3';
const WEIGHTS = [400, 600, 700] as const;
const require = createRequire(import.meta.url);

export function fontFile(weight: (typeof WEIGHTS)[number], format: 'woff' | 'woff2' = 'woff2'): string {
  const pkg = path.dirname(require.resolve('@fontsource/source-sans-3/package.json'));
  return path.join(pkg, 'files', `source-sans-3-latin-${weight}-normal.${format}`);
}

let css: string | undefined;

/** The @font-face rules, read once per process. */
export function fontFaceCss(): string {
  css ??= WEIGHTS.map((weight) => {
    const data = fs.readFileSync(fontFile(weight)).toString('base64');
    return `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');}`;
  }).join('\n');
  return css;
}
