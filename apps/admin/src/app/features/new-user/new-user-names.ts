/** How the New User wizard proposes a display name and an alias from the names typed. */

/** "Jörg van der Berg" -> "jorg.vanderberg": letters, digits, dots, hyphens and underscores only. */
export function aliasFrom(firstName: string, lastName: string): string {
  const part = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '');
  return [part(firstName), part(lastName)].filter((p) => p.length > 0).join('.');
}

/** "Grace", "B", "Hopper" -> "Grace B. Hopper". */
export function displayNameFrom(firstName: string, initials: string, lastName: string): string {
  const middle = initials.trim() ? `${initials.trim().replace(/\.$/, '')}.` : '';
  return [firstName.trim(), middle, lastName.trim()].filter((p) => p.length > 0).join(' ');
}
