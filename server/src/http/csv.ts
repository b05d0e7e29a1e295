// CSV for the back office's bulk work: a streaming writer (exports of SKUs and orders, page by
// page, never the whole table in memory) and a small reader (imports). RFC 4180: fields quoted
// when they hold a comma, a quote or a line break; lines end in CRLF.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** Excel reads a CSV as UTF-8 only when it starts with this byte order mark. */
const BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One field. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe: an exported SKU name like `=HYPERLINK(...)` stays text (CSV injection).
 * Numbers are written as they are, negative ones included.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (values: readonly CsvValue[]) => `${values.map(csvField).join(',')}\r\n`;

/** The CSV text of a header and pages of rows, as a stream: the next page is read only when the client has taken the last. */
export function csvStream(header: readonly string[], pages: AsyncIterable<readonly (readonly CsvValue[])[]>): Readable {
  async function* lines() {
    yield BOM + csvLine(header);
    for await (const page of pages) {
      if (page.length) yield page.map(csvLine).join('');
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

/** Answers with a CSV download named `filename`. */
export function sendCsv(reply: FastifyReply, filename: string, header: readonly string[], pages: AsyncIterable<readonly (readonly CsvValue[])[]>) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(csvStream(header, pages));
}

/**
 * The rows of a CSV text (a BOM, CRLF or LF line ends, quoted fields with "" for a quote). Blank
 * lines are kept as `[]`, so a row's index + 1 is its line in the file for one-line rows.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
      started = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
      started = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      rows.push(started || field !== '' ? [...row, field] : []);
      row = [];
      field = '';
      started = false;
    } else {
      field += char;
      started = true;
    }
  }
  if (started || field !== '') rows.push([...row, field]);
  return rows;
}
