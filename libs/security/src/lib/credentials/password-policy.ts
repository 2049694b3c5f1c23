/** Minimum password rules; returns a message when the password is refused. */
export function checkPasswordPolicy(password: string): string | null {
  if (password.length < 8) return 'password must be at least 8 characters long';
  if (password.length > 256) return 'password must be at most 256 characters long';
  return null;
}
