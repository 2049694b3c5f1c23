import { decodeCharset } from './encoded-text';

/** A header value of the form `value; attr=val; attr="quoted val"` (Content-Type, Content-Disposition: RFC 2045 §5.1). */
export interface ParameterizedValue {
  /** The value before the first ";", comments removed, lower-cased. */
  readonly value: string;
  /** Parameters as written: attribute names keep their case, quoted values are unquoted. */
  readonly params: ReadonlyArray<readonly [string, string]>;
}

function skipSpaceAndComments(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') i += 1;
    else if (ch === '(') {
      // RFC 5322 §3.2.2: comments nest and may hold quoted-pairs.
      let depth = 0;
      for (; i < text.length; i += 1) {
        if (text[i] === '\\') i += 1;
        else if (text[i] === '(') depth += 1;
        else if (text[i] === ')' && --depth === 0) break;
      }
      i += 1;
    } else break;
  }
  return i;
}

function readQuoted(text: string, start: number): [string, number] {
  let out = '';
  let i = start + 1;
  for (; i < text.length && text[i] !== '"'; i += 1) {
    if (text[i] === '\\' && i + 1 < text.length) i += 1;
    out += text[i];
  }
  return [out, i + 1];
}

/** Parses a parameterized header value leniently: broken input gives what could be read, never an exception. */
export function parseParameterized(text: string): ParameterizedValue {
  let i = skipSpaceAndComments(text, 0);
  let value = '';
  while (i < text.length && text[i] !== ';') {
    if (text[i] === '(') i = skipSpaceAndComments(text, i);
    else if (text[i] === '"') {
      const [quoted, next] = readQuoted(text, i);
      value += quoted;
      i = next;
    } else {
      if (!/\s/.test(text[i])) value += text[i];
      i += 1;
    }
  }
  const params: Array<[string, string]> = [];
  while (i < text.length) {
    i = skipSpaceAndComments(text, i + 1);
    let name = '';
    while (i < text.length && !/[=;\s(]/.test(text[i])) name += text[i++];
    i = skipSpaceAndComments(text, i);
    if (text[i] !== '=') {
      while (i < text.length && text[i] !== ';') i += 1;
      continue;
    }
    i = skipSpaceAndComments(text, i + 1);
    let paramValue = '';
    if (text[i] === '"') [paramValue, i] = readQuoted(text, i);
    else while (i < text.length && !/[;\s]/.test(text[i])) paramValue += text[i++];
    while (i < text.length && text[i] !== ';') i += 1;
    if (name) params.push([name, paramValue]);
  }
  return { value: value.toLowerCase(), params };
}

function percentDecode(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes);
}

/**
 * Parameter values by lower-cased name, with RFC 2231 continuations (`name*0`, `name*1*`) joined and
 * extended values (`name*=utf-8''%E2%82%AC`) decoded. The RFC 2231 form wins over a plain one: mailers
 * send both, the plain one as an ASCII fallback.
 */
export function parameterMap(params: ReadonlyArray<readonly [string, string]>): Map<string, string> {
  const plain = new Map<string, string>();
  const sections = new Map<string, Array<{ index: number; value: string; encoded: boolean }>>();
  for (const [rawName, value] of params) {
    const name = rawName.toLowerCase();
    const match = /^([^*]+)\*(?:(\d+)\*?)?$/.exec(name);
    const extended = match !== null;
    if (!match) {
      if (!plain.has(name)) plain.set(name, value);
      continue;
    }
    const [, base = '', index] = match;
    const encoded = extended && name.endsWith('*');
    const list = sections.get(base) ?? [];
    list.push({ index: index === undefined ? 0 : Number(index), value, encoded });
    sections.set(base, list);
  }
  const result = new Map(plain);
  for (const [base, list] of sections) {
    list.sort((a, b) => a.index - b.index);
    let charset = 'utf-8';
    const bytes: Buffer[] = [];
    list.forEach((section, n) => {
      let value = section.value;
      if (n === 0 && section.encoded) {
        const parts = /^([^']*)'[^']*'(.*)$/s.exec(value);
        if (parts) {
          charset = parts[1] || 'utf-8';
          value = parts[2];
        }
      }
      bytes.push(section.encoded ? percentDecode(value) : Buffer.from(value, 'utf8'));
    });
    result.set(base, decodeCharset(Buffer.concat(bytes), charset));
  }
  return result;
}
