/** Shared steps of the imports API tests: upload a file, wait for a state of the import. */
import type { ImportDto } from '../../src/contracts/index.js';
import type { Client } from './harness.js';

export async function upload(c: Client, content: Buffer, name = 'prospects.csv') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: 'text/csv' }), name);
  const res = await fetch(`${c.base}/api/crm/imports`, {
    method: 'POST',
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf ?? '' },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Polls the import (as the wizard does) until `done`; fails after `timeoutMs`. */
export async function waitFor(
  c: Client,
  id: string,
  done: (imp: ImportDto) => boolean,
  timeoutMs = 60_000,
): Promise<ImportDto> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await c.get(`/api/crm/imports/${id}`);
    if (done(res.body as ImportDto)) return res.body as ImportDto;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const finished = (imp: ImportDto) => ['completed', 'cancelled', 'failed'].includes(imp.status);
