import { MAX_LOCAL_PART_OCTETS, normaliseDomain, toLocalPartAtom } from '@estafette/mime';

/** The recipient attributes an address template can use. */
export interface TemplateNames {
  firstName: string;
  lastName: string;
  initials: string;
  alias: string;
  displayName: string;
}

type Variable = 'g' | 's' | 'i' | 'm' | 'd';

const VARIABLES: Record<Variable, keyof TemplateNames> = {
  g: 'firstName',
  s: 'lastName',
  i: 'initials',
  m: 'alias',
  d: 'displayName',
};

type Piece =
  | { type: 'text'; text: string }
  | { type: 'variable'; variable: Variable; length: number | null }
  | { type: 'replace'; from: string; to: string };

export interface ParsedTemplate {
  /** The local-part pattern, before the last '@'. */
  pieces: Piece[];
  /** Lower-case ASCII (punycode) domain. */
  domain: string;
}

export type TemplateResult = { ok: true; value: ParsedTemplate } | { ok: false; error: string };

function parseLocal(local: string): { ok: true; pieces: Piece[] } | { ok: false; error: string } {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < local.length) {
    const ch = local[i];
    if (ch !== '%') {
      pieces.push({ type: 'text', text: ch });
      i += 1;
      continue;
    }
    const rest = local.slice(i + 1);
    if (rest.startsWith('%')) {
      pieces.push({ type: 'text', text: '%' });
      i += 2;
      continue;
    }
    // %rxy as in Exchange (KB 822447): replace x by y in every value substituted after it.
    const replace = /^r(.)(.)/su.exec(rest);
    if (replace) {
      pieces.push({ type: 'replace', from: replace[1], to: replace[2] });
      i += 1 + replace[0].length;
      continue;
    }
    const variable = /^(\d{0,2})([gsimd])/.exec(rest);
    if (!variable)
      return { ok: false, error: `unknown variable at '%${rest.slice(0, 3)}' (use %g %s %i %m %d, %1g, %rxy or %%)` };
    const length = variable[1] ? Number(variable[1]) : null;
    if (length === 0) return { ok: false, error: `'%0${variable[2]}' takes no letters` };
    pieces.push({ type: 'variable', variable: variable[2] as Variable, length });
    i += 1 + variable[0].length;
  }
  return { ok: true, pieces };
}

/** Parses `local-pattern@domain`; the domain must be a valid host name. */
export function parseAddressTemplate(template: string): TemplateResult {
  const at = template.lastIndexOf('@');
  if (at < 0) return { ok: false, error: `template '${template}' has no @domain` };
  const domain = normaliseDomain(template.slice(at + 1));
  if (!domain) return { ok: false, error: `template '${template}' has an invalid domain` };
  const local = parseLocal(template.slice(0, at));
  if (!local.ok) return { ok: false, error: `template '${template}': ${local.error}` };
  if (!local.pieces.some((p) => p.type !== 'replace'))
    return { ok: false, error: `template '${template}' has an empty local part` };
  return { ok: true, value: { pieces: local.pieces, domain } };
}

/** The template written back with its domain normalised (lower-case ASCII), as it is stored. */
export function normaliseAddressTemplate(template: string): string {
  const parsed = parseAddressTemplate(template);
  return parsed.ok ? `${template.slice(0, template.lastIndexOf('@'))}@${parsed.value.domain}` : template;
}

function firstLetters(text: string, length: number | null): string {
  // Cut by code points so an accented or astral letter is never split in half.
  return length === null ? text : Array.from(text).slice(0, length).join('');
}

/**
 * The local part a template gives for a recipient: variables substituted, then normalised to a dot-atom
 * (diacritics stripped, characters invalid in an address dropped). Falls back to the alias when nothing
 * usable is left (a group has no given name or surname), so every recipient gets an address.
 */
export function expandLocalPart(template: ParsedTemplate, names: TemplateNames): string {
  const replacements: Array<{ from: string; to: string }> = [];
  let text = '';
  for (const piece of template.pieces) {
    if (piece.type === 'text') text += piece.text;
    else if (piece.type === 'replace')
      replacements.push({ from: piece.from, to: piece.from === piece.to ? '' : piece.to });
    else {
      let value = firstLetters(names[VARIABLES[piece.variable]].trim(), piece.length);
      for (const r of replacements) value = value.split(r.from).join(r.to);
      text += value;
    }
  }
  return toLocalPartAtom(text) || toLocalPartAtom(names.alias);
}

/**
 * The n-th candidate for a local part: the local part itself, then local2, local3, … as Exchange did,
 * shortened so the result stays within the 64-octet limit of RFC 5321 §4.5.3.1.1.
 */
export function withCollisionSuffix(local: string, attempt: number): string {
  if (attempt <= 1) return local;
  const suffix = String(attempt);
  const base = local.slice(0, MAX_LOCAL_PART_OCTETS - suffix.length).replace(/\.+$/, '');
  return `${base}${suffix}`;
}
