/**
 * The generic argument tree of a command (RFC 3501 §4): atoms (numbers, flags, sequence sets and
 * section specs are atoms here, each command reads them as it needs), strings, NIL and lists.
 */
export type ImapValue =
  | { readonly kind: 'atom'; readonly value: string }
  | { readonly kind: 'string'; readonly value: Buffer; readonly form: 'quoted' | 'literal' | 'literal8' }
  | { readonly kind: 'nil' }
  | { readonly kind: 'list'; readonly items: readonly ImapValue[] };

/** A parsed command: tag, upper-cased name, the UID prefix (RFC 3501 §6.4.8) and its arguments. */
export interface ImapCommand {
  readonly tag: string;
  readonly name: string;
  readonly uid: boolean;
  readonly args: readonly ImapValue[];
}

/** A syntax error in a command; the connection answers it with a tagged BAD. */
export class ImapSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImapSyntaxError';
  }
}
