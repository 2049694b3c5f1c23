/**
 * Escapes LIKE metacharacters so user text matches literally. Backslash is PostgreSQL's default LIKE
 * escape, so no ESCAPE clause is needed and a `col LIKE 'abc%'` prefix still uses a text_pattern_ops index.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
