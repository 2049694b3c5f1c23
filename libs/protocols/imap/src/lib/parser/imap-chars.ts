/* eslint-disable no-control-regex -- the IMAP grammar is defined over bytes, control characters included */
/**
 * Character classes of the IMAP grammar (RFC 3501 §9) in one place: the tokenizer, the parser and the
 * serialisers must agree on them.
 */

/** tag = 1*<any ASTRING-CHAR except "+">. */
export const TAG = /^[^\s(){%*"\\+\x00-\x1f\x7f]+$/;

/** A tag at the start of a line, for tagging an error about a command that could not be parsed. */
export const LEADING_TAG = /^([^\s(){%*"\\+\x00-\x1f\x7f]+) /;

/** Bytes that make a value unfit for a quoted string without UTF8=ACCEPT: NUL, CR, LF and 8-bit. */
export const QUOTABLE = /^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/;

/** With UTF8=ACCEPT (RFC 6855 §3) any UTF-8 may be quoted except NUL, CR and LF. */
export const QUOTABLE_UTF8 = /^[^\x00\r\n]*$/u;

/** A value that can go out bare as an astring (ASTRING-CHAR only, and not "NIL"). */
export const ASTRING_SAFE = /^[^\s(){%*"\\\x00-\x1f\x7f\x80-\uffff]+$/;

/** What must not reach a response text: line breaks and NUL would let a value forge a response line. */
export const LINE_BREAKING = /[\r\n\x00]+/g;
