/**
 * One headless Chromium per API process: launched on the first PDF, reused, a bounded number of
 * pages at a time, closed on shutdown. Pages run without JavaScript and reach no network: every
 * request but a data: URL is aborted.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { logger } from '../logger.js';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

export const pdfSettings = () => ({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  maxPages: Math.max(1, Number(process.env.PDF_MAX_PAGES) || 2),
});

let launching: Promise<Browser> | undefined;
let active = 0;
const waiting: (() => void)[] = [];

function browser(): Promise<Browser> {
  launching ??= chromium
    .launch({ executablePath: pdfSettings().executablePath, args: ARGS, headless: true })
    .then((b) => {
      b.on('disconnected', () => {
        launching = undefined;
      });
      logger.debug('pdf: chromium launched');
      return b;
    })
    .catch((err: unknown) => {
      launching = undefined;
      throw err;
    });
  return launching;
}

async function acquire(): Promise<void> {
  if (active < pdfSettings().maxPages) {
    active++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else active--;
}

/** Runs `work` on a fresh isolated page (its own context), then closes it. */
export async function withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  await acquire();
  try {
    const context = await (await browser()).newContext({ javaScriptEnabled: false, offline: true });
    try {
      await context.route('**/*', (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient'),
      );
      return await work(await context.newPage());
    } finally {
      await context.close();
    }
  } finally {
    release();
  }
}

/** Pages being rendered now, and renders waiting for a page (for tests and monitoring). */
export const pdfLoad = () => ({ active, waiting: waiting.length });

/** Closes the browser if it was launched; the next PDF launches a new one. */
export async function closePdfBrowser(): Promise<void> {
  const pending = launching;
  launching = undefined;
  if (!pending) return;
  const b = await pending.catch(() => undefined);
  await b?.close();
}
