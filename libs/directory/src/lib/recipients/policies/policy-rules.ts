import type { AddressTemplate, RecipientFilter } from '@estafette/contracts';
import type { FilterableRecipient } from '../../filters/recipient-filter.matcher';
import { matchesRecipientFilter } from '../../filters/recipient-filter.matcher';
import { normaliseAddressTemplate, parseAddressTemplate } from './address-template';

export const MAX_ADDRESS_TEMPLATES = 20;

export type TemplatesCheck = { ok: true; value: AddressTemplate[] } | { ok: false; error: string };

/** Validates a policy's templates and returns them with normalised domains, the primary one first. */
export function checkAddressTemplates(templates: readonly AddressTemplate[]): TemplatesCheck {
  if (templates.length === 0) return { ok: false, error: 'a policy needs at least one address template' };
  if (templates.length > MAX_ADDRESS_TEMPLATES)
    return { ok: false, error: `a policy has at most ${MAX_ADDRESS_TEMPLATES} address templates` };
  const primaries = templates.filter((t) => t.primary).length;
  if (primaries !== 1)
    return { ok: false, error: `a policy needs exactly one primary address template, found ${primaries}` };
  const seen = new Set<string>();
  const out: AddressTemplate[] = [];
  for (const t of templates) {
    const parsed = parseAddressTemplate(t.template.trim());
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const template = normaliseAddressTemplate(t.template.trim());
    if (seen.has(template.toLowerCase())) return { ok: false, error: `template ${template} is listed twice` };
    seen.add(template.toLowerCase());
    out.push({ template, primary: t.primary });
  }
  return { ok: true, value: out.sort((a, b) => Number(b.primary) - Number(a.primary)) };
}

/** The domain (lower-case ASCII) of a stored template. */
export function templateDomain(template: AddressTemplate): string | null {
  const parsed = parseAddressTemplate(template.template);
  return parsed.ok ? parsed.value.domain : null;
}

export interface PolicyLike {
  id: string;
  isDefault: boolean;
  filter: RecipientFilter | null;
}

/** The policy that stamps a recipient: the first (in priority order) whose filter selects it. */
export function choosePolicy<P extends PolicyLike>(
  policiesInOrder: readonly P[],
  recipient: FilterableRecipient,
): P | null {
  return (
    policiesInOrder.find((p) => p.isDefault || p.filter === null || matchesRecipientFilter(p.filter, recipient)) ?? null
  );
}
