/** What the file store recognises from content alone, and how names are cleaned and sent back. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFileName } from '../../src/files/names.js';
import { SNIFF_BYTES, sniffContentType } from '../../src/files/sniff.js';

describe('sniffContentType', () => {
  it('recognises signatures, whatever the name', async () => {
    expect(await sniffContentType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
    expect(await sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]))).toBe(
      'image/jpeg',
    );
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]);
    expect(await sniffContentType(exe)).not.toMatch(/^(image|text)\//);
  });

  it('recognises an Office document written by a real library', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Feuille').addRow(['Société', 1234.56]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    expect(await sniffContentType(xlsx.subarray(0, SNIFF_BYTES))).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('accepts UTF-8 text but not markup, binary or another encoding', async () => {
    expect(await sniffContentType(Buffer.from('Compte rendu : réunion du 01/04/2026\n'))).toBe('text/plain');
    expect(await sniffContentType(Buffer.from('  <html><body>x</body></html>'))).toBe('text/html');
    expect(await sniffContentType(Buffer.from('Bonjour <script>alert(1)</script>'))).toBe('text/html');
    expect(await sniffContentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('text/html');
    expect(await sniffContentType(Buffer.from([0x48, 0x00, 0x01, 0x02]))).toBeUndefined();
    expect(await sniffContentType(Buffer.from('r\xe9union', 'latin1'))).toBeUndefined();
    // A broken sequence inside is not text; a multi-byte character cut by the sniffed length is.
    const long = Buffer.from('é'.repeat(SNIFF_BYTES)).subarray(0, SNIFF_BYTES - 1);
    expect(await sniffContentType(Buffer.concat([long, Buffer.from('a')]).subarray(0, SNIFF_BYTES))).toBeUndefined();
    expect(await sniffContentType(Buffer.from(`a${'é'.repeat(SNIFF_BYTES)}`).subarray(0, SNIFF_BYTES))).toBe(
      'text/plain',
    );
  });
});

describe('file names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\léa\\Devis été.pdf', 'Devis été.pdf'],
    ['facture\u202egpj.exe', 'facturegpj.exe'],
    ['a\u0000b\r\nc.txt', 'abc.txt'],
    ['...cache', 'cache'],
    ['   ', 'fichier'],
    ['a"b<c>.pdf', 'a_b_c_.pdf'],
    [`${'x'.repeat(300)}.pdf`, `${'x'.repeat(196)}.pdf`],
  ])('%j → %j', (raw, clean) => {
    expect(sanitizeFileName(raw)).toBe(clean);
  });

  it('sends an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition("Devis n°1 (l'été).pdf")).toBe(
      `attachment; filename="Devis n_1 (l'_t_).pdf"; filename*=UTF-8''Devis%20n%C2%B01%20%28l%27%C3%A9t%C3%A9%29.pdf`,
    );
  });
});
