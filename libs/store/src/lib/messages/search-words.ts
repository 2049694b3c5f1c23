/**
 * PostgreSQL's text search parser ends every token at a blank: space, tab, CR and LF among them (other
 * characters, Unicode spaces included, are left inside the chunks, where they were).
 */
const BLANKS = /[ \t\r\n]+/;

/**
 * A message's body text as the full-text index needs it: each blank-separated chunk once, in the order of
 * its first appearance. The index and every search of it are by word (plainto_tsquery, prefix queries;
 * no phrases, no ranking), and a chunk is tokenised the same whatever surrounds it, so the document keeps
 * the same words (checked against PostgreSQL's parser in search-words.integration.spec.ts) while a typical
 * letter shrinks to its vocabulary: less to send with every append, to store and to index.
 */
export function searchWords(text: string): string {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const chunk of text.split(BLANKS))
    if (chunk !== '' && !seen.has(chunk)) {
      seen.add(chunk);
      words.push(chunk);
    }
  return words.join(' ');
}
