/**
 * A LIKE pattern matching values that start with `prefix`, taken literally:
 * backslash (LIKE's default escape), % and _ are escaped so user input can
 * never widen the match. The planner still reads the fixed prefix out of the
 * escaped pattern, so the text_pattern_ops prefix indexes apply.
 */
export function likePrefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
