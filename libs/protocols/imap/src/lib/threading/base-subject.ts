/**
 * Base subject extraction (RFC 5256 §2.1), used by SORT SUBJECT and both THREAD algorithms. The input
 * is the decoded Subject (the backend's envelope already decoded RFC 2047 words); the result is
 * compared with the i;ascii-casemap comparator, so callers compare `baseSubjectKey` values.
 */
export interface BaseSubject {
  readonly subject: string;
  /** A reply/forward marker was removed (RFC 5256 §2.1 steps 2, 3 and 6): REFERENCES step 5 uses it. */
  readonly isReplyOrForward: boolean;
}

// subj-blob = "[" *BLOBCHAR "]" *WSP ; BLOBCHAR = any CHAR except "[" and "]".
const BLOB = String.raw`\[[^[\]]*\][ \t]*`;
// subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"
const REFWD = new RegExp(String.raw`^(?:${BLOB})*(?:re|fwd?)[ \t]*(?:${BLOB})?:`, 'i');
const LEADING_BLOB = new RegExp(`^${BLOB}`);
// subj-trailer = "(fwd)" / WSP
const TRAILER = /(?:\(fwd\)|[ \t])$/i;

export function extractBaseSubject(decoded: string | null | undefined): BaseSubject {
  // Step 1: tabs and line continuations become spaces, runs of spaces become one.
  let subject = (decoded ?? '').replace(/\r?\n[ \t]*/g, ' ').replace(/[ \t]+/g, ' ');
  let marked = false;
  for (;;) {
    // Step 2: trailing "(fwd)" and whitespace.
    while (TRAILER.test(subject)) {
      if (/\(fwd\)$/i.test(subject)) marked = true;
      subject = subject.replace(TRAILER, '');
    }
    // Steps 3-4: leading whitespace, "re:"/"fw:"/"fwd:" with blobs, then one blob if text remains.
    for (;;) {
      const before = subject;
      for (;;) {
        if (subject.startsWith(' ') || subject.startsWith('\t')) {
          subject = subject.slice(1);
          continue;
        }
        const refwd = REFWD.exec(subject);
        if (!refwd) break;
        marked = true;
        subject = subject.slice(refwd[0].length);
      }
      const blob = LEADING_BLOB.exec(subject);
      if (blob && subject.length > blob[0].length) subject = subject.slice(blob[0].length);
      if (subject === before) break;
    }
    // Step 6: "[fwd: ... ]" wraps a forwarded subject; unwrap and start again at step 2.
    if (/^\[fwd:/i.test(subject) && subject.endsWith(']')) {
      subject = subject.slice(5, -1);
      marked = true;
      continue;
    }
    return { subject, isReplyOrForward: marked };
  }
}

/** The comparison form of a base subject: i;ascii-casemap folds a-z only (RFC 4790 §9.2). */
export function baseSubjectKey(decoded: string | null | undefined): string {
  return asciiUpper(extractBaseSubject(decoded).subject);
}

export function asciiUpper(text: string): string {
  return text.replace(/[a-z]+/g, (s) => s.toUpperCase());
}
