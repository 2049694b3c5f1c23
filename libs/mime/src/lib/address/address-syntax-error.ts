/** Internal control flow of the parsers; never escapes the public API, which returns ParseResult instead. */
export class AddressSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'AddressSyntaxError';
  }
}
