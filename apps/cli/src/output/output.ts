import type { CliRuntime } from '../cli-runtime';
import { formatProperties, formatTable, type CellValue, type Column } from './table';

/** Where a command's result goes: JSON for scripts (--json) or text for people, always on stdout. */
export class Output {
  constructor(
    private readonly runtime: Pick<CliRuntime, 'stdout' | 'stderr'>,
    readonly json: boolean,
  ) {}

  /** Prints `data` as JSON, or the text `human` builds from it. */
  result<T>(data: T, human: (data: T) => string): void {
    this.runtime.stdout(this.json ? `${JSON.stringify(data, null, 2)}\n` : ensureNewline(human(data)));
  }

  /** A list: JSON as given, or a table (or `empty` when there are no rows). */
  list<T>(data: unknown, rows: readonly T[], columns: ReadonlyArray<Column<T>>, empty: string): void {
    this.result(data, () => (rows.length === 0 ? empty : formatTable(rows, columns)));
  }

  /** One object: JSON as given, or a property sheet. */
  properties<T>(data: T, entries: (data: T) => ReadonlyArray<readonly [string, CellValue]>): void {
    this.result(data, (value) => formatProperties(entries(value)));
  }

  /** A hint for people (more pages, what happened); on stderr so that it never mixes with --json output. */
  note(message: string): void {
    this.runtime.stderr(ensureNewline(message));
  }
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
