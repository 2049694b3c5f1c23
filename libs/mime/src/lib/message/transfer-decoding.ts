/** Content-Transfer-Encoding decoders (RFC 2045 §6.7 quoted-printable, §6.8 base64), lenient with broken input. */

export function decodeBase64Body(bytes: Buffer): Buffer {
  // Buffer.from(…, 'base64') skips characters outside the alphabet, as RFC 2045 §6.8 asks.
  return Buffer.from(bytes.toString('latin1'), 'base64');
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

export function decodeQuotedPrintableBody(bytes: Buffer): Buffer {
  const out = Buffer.alloc(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (byte !== 0x3d) {
      out[n++] = byte;
      continue;
    }
    // "=" followed by optional white space and a line break is a soft line break.
    let j = i + 1;
    while (j < bytes.length && (bytes[j] === 0x20 || bytes[j] === 0x09)) j += 1;
    if (j < bytes.length && (bytes[j] === 0x0d || bytes[j] === 0x0a)) {
      i = bytes[j] === 0x0d && bytes[j + 1] === 0x0a ? j + 1 : j;
      continue;
    }
    if (j >= bytes.length) break;
    const high = hexValue(bytes[i + 1] ?? -1);
    const low = hexValue(bytes[i + 2] ?? -1);
    if (high >= 0 && low >= 0) {
      out[n++] = high * 16 + low;
      i += 2;
    } else out[n++] = byte;
  }
  return out.subarray(0, n);
}

/** Decodes a body by its Content-Transfer-Encoding; identity encodings (7bit, 8bit, binary, unknown) pass through. */
export function decodeTransferEncoding(bytes: Buffer, encoding: string): Buffer {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return decodeBase64Body(bytes);
    case 'quoted-printable':
      return decodeQuotedPrintableBody(bytes);
    default:
      return bytes;
  }
}
