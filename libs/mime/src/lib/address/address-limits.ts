/** Size limits from RFC 5321 §4.5.3.1, all counted in octets (UTF-8 under RFC 6531). */
export const MAX_LOCAL_PART_OCTETS = 64; // §4.5.3.1.1
export const MAX_DOMAIN_OCTETS = 255; // §4.5.3.1.2
export const MAX_LABEL_OCTETS = 63; // RFC 1035 §2.3.4
export const MAX_PATH_OCTETS = 256; // §4.5.3.1.3, including "<" and ">"
/** A path is "<" address ">", so the address itself may use 254 octets. */
export const MAX_ADDRESS_OCTETS = MAX_PATH_OCTETS - 2;

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
