/** Plain-text tables and property sheets for the human output of the CLI. */

export type CellValue = string | number | boolean | null | undefined;

export interface Column<T> {
  header: string;
  value: (row: T) => CellValue;
  /** Numbers read better right-aligned. */
  align?: 'left' | 'right';
}

const GAP = '  ';

/** A cell as one line of printable text: no control characters that could break the table or drive the terminal. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/\p{Cc}/gu, ' ');
}

/** Width in terminal columns, counting code points (an emoji or accented letter is one column). */
export function textWidth(text: string): number {
  return Array.from(text).length;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Columns aligned on the widest cell, headers in capitals, no trailing spaces. */
export function formatTable<T>(rows: readonly T[], columns: ReadonlyArray<Column<T>>): string {
  const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
  const headers = columns.map((column) => column.header.toUpperCase());
  const widths = columns.map((_, i) => Math.max(textWidth(headers[i]), ...cells.map((line) => textWidth(line[i]))));
  const render = (line: string[]): string =>
    line
      .map((text, i) => pad(text, widths[i], columns[i].align ?? 'left'))
      .join(GAP)
      .trimEnd();
  return [headers, ...cells].map(render).join('\n') + '\n';
}

/** "Label:  value" lines with the values aligned, for one object. */
export function formatProperties(entries: ReadonlyArray<readonly [string, CellValue]>): string {
  const width = Math.max(0, ...entries.map(([label]) => textWidth(label) + 1));
  return (
    entries.map(([label, value]) => `${pad(`${label}:`, width, 'left')}${GAP}${cellText(value)}`.trimEnd()).join('\n') +
    '\n'
  );
}
