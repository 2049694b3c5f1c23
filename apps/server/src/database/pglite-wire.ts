import { protocol, type Results } from '@electric-sql/pglite';

/** A column of a prepared statement's result, from its RowDescription. */
export interface ResultField {
  name: string;
  dataTypeID: number;
}

export type TypeParsers = Record<number, ((text: string, typeId: number) => unknown) | undefined>;

/** A NOTIFY delivered on the session, seen in an exchange's response. */
export interface WireNotification {
  channel: string;
  payload: string;
}

/** What one Bind/Execute/Sync exchange answered: its result, or the error PostgreSQL reported. */
export interface WireResult {
  result: Results<unknown>;
  error: InstanceType<typeof protocol.messages.DatabaseError> | null;
  notifications: WireNotification[];
}

/** One buffer of several (the chunks of an answer, the messages of a request). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** Execute (unnamed portal, every row) then Sync: the same bytes for every statement. */
const EXECUTE_SYNC = Uint8Array.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0x53, 0, 0, 0, 4]);

/**
 * Bind (unnamed portal, every parameter and result in text form), Execute and Sync of a prepared statement,
 * as one buffer. PGlite's serializer builds each message in a fresh buffer and copies it out again.
 */
export function encodeExecution(statement: string, values: ReadonlyArray<string | null>): Uint8Array {
  const name = utf8Encoder.encode(statement);
  const encoded = values.map((v) => (v === null ? null : utf8Encoder.encode(v)));
  const bindLength = 4 + 1 + name.length + 1 + 2 + 2 + encoded.reduce((n, e) => n + 4 + (e ? e.length : 0), 0) + 2;
  const out = new Uint8Array(1 + bindLength + EXECUTE_SYNC.length);
  const view = new DataView(out.buffer);
  out[0] = 0x42;
  view.setInt32(1, bindLength);
  let at = 6; // after the length and the empty portal name
  out.set(name, at);
  at += name.length + 1;
  view.setInt16(at, 0); // no parameter format codes: all text
  view.setInt16(at + 2, encoded.length);
  at += 4;
  for (const e of encoded) {
    view.setInt32(at, e ? e.length : -1);
    at += 4;
    if (e) {
      out.set(e, at);
      at += e.length;
    }
  }
  view.setInt16(at, 0); // no result format codes: all text
  out.set(EXECUTE_SYNC, at + 2);
  return out;
}

/** Error and notice field codes (protocol "ErrorResponse") onto the names pg's DatabaseError carries. */
const ERROR_FIELDS: Record<string, string> = {
  S: 'severity',
  C: 'code',
  D: 'detail',
  H: 'hint',
  P: 'position',
  p: 'internalPosition',
  q: 'internalQuery',
  W: 'where',
  s: 'schema',
  t: 'table',
  c: 'column',
  d: 'dataType',
  n: 'constraint',
  F: 'file',
  L: 'line',
  R: 'routine',
};

/** The commands whose CommandComplete count PGlite adds to affectedRows (its parseResults does the same). */
const COUNTED = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

/**
 * Reads the backend messages of one extended-protocol exchange straight from the bytes PGlite produced.
 * PGlite's own reader copies every field into a fresh ArrayBuffer before decoding it and builds a message
 * object per row; the store's look-ups spent a quarter of their time there. The columns come from the
 * statement's description kept at prepare time, so the exchange needs no Describe either.
 */
export function readExchange(bytes: Uint8Array, described: readonly ResultField[], parsers: TypeParsers): WireResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fields = described;
  let rows: unknown[] = [];
  const notifications: WireNotification[] = [];
  let affectedRows = 0;
  let rowCount: number | undefined;
  let command: string | undefined;
  let error: WireResult['error'] = null;
  let at = 0;
  while (at + 5 <= bytes.length) {
    const type = bytes[at];
    const length = view.getInt32(at + 1);
    const body = at + 5;
    const end = at + 1 + length;
    switch (type) {
      case 0x44 /* D: DataRow */: {
        const count = view.getInt16(body);
        const row: Record<string, unknown> = {};
        let p = body + 2;
        for (let i = 0; i < count; i++) {
          const size = view.getInt32(p);
          p += 4;
          const field = fields[i];
          if (size < 0) {
            row[field.name] = null;
            continue;
          }
          const text = utf8.decode(bytes.subarray(p, p + size));
          p += size;
          const parse = parsers[field.dataTypeID];
          row[field.name] = parse ? parse(text, field.dataTypeID) : text;
        }
        rows.push(row);
        break;
      }
      case 0x54 /* T: RowDescription, in a simple-protocol answer: the next statement's columns and rows */:
        fields = rowDescription(bytes, view, body);
        rows = [];
        break;
      case 0x43 /* C: CommandComplete */: {
        const tag = cstring(bytes, body).text.split(' ');
        command = tag[0];
        const n = parseInt(tag[tag.length - 1], 10);
        if (COUNTED.has(command)) affectedRows += n;
        if (!Number.isNaN(n)) rowCount = n;
        break;
      }
      case 0x45 /* E: ErrorResponse */:
        error ??= errorOf(bytes, body, length);
        break;
      case 0x41 /* A: NotificationResponse */: {
        const channel = cstring(bytes, body + 4);
        notifications.push({ channel: channel.text, payload: cstring(bytes, channel.next).text });
        break;
      }
      default:
      // BindComplete, ReadyForQuery, NoticeResponse, EmptyQueryResponse...: nothing to keep.
    }
    at = end;
  }
  const result: Results<unknown> & { command?: string; rowCount?: number } = {
    rows,
    fields: fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    affectedRows,
  };
  if (command !== undefined) result.command = command;
  if (rowCount !== undefined) result.rowCount = rowCount;
  return { result, error, notifications };
}

/** The columns of a RowDescription message whose body starts at `body`. */
function rowDescription(bytes: Uint8Array, view: DataView, body: number): ResultField[] {
  const count = view.getInt16(body);
  const fields: ResultField[] = [];
  let p = body + 2;
  for (let i = 0; i < count; i++) {
    const name = cstring(bytes, p);
    fields.push({ name: name.text, dataTypeID: view.getInt32(name.next + 6) });
    p = name.next + 18;
  }
  return fields;
}

/** What a Parse/Describe(statement)/Sync exchange answered: parameter types and columns, or an error. */
export interface WireDescription {
  paramTypes: number[];
  fields: ResultField[];
  error: InstanceType<typeof protocol.messages.DatabaseError> | null;
}

export function readDescription(bytes: Uint8Array): WireDescription {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const described: WireDescription = { paramTypes: [], fields: [], error: null };
  for (let at = 0; at + 5 <= bytes.length; at += 1 + view.getInt32(at + 1)) {
    const body = at + 5;
    if (bytes[at] === 0x74 /* t: ParameterDescription */) {
      const count = view.getInt16(body);
      for (let i = 0; i < count; i++) described.paramTypes.push(view.getInt32(body + 2 + 4 * i));
    } else if (bytes[at] === 0x54 /* T */) described.fields = rowDescription(bytes, view, body);
    else if (bytes[at] === 0x45 /* E */) described.error ??= errorOf(bytes, body, view.getInt32(at + 1));
  }
  return described;
}

/**
 * The session's transaction state after an exchange, from its last ReadyForQuery: 'I' idle, 'T' in a
 * transaction, 'E' in a failed one; null when the answer has none (PGlite failed before answering).
 */
export function readyStatus(bytes: Uint8Array): 'I' | 'T' | 'E' | null {
  const at = bytes.length - 6;
  if (at < 0 || bytes[at] !== 0x5a /* Z */) return null;
  return String.fromCharCode(bytes[at + 5]) as 'I' | 'T' | 'E';
}

function cstring(bytes: Uint8Array, from: number): { text: string; next: number } {
  let zero = from;
  while (zero < bytes.length && bytes[zero] !== 0) zero++;
  return { text: utf8.decode(bytes.subarray(from, zero)), next: zero + 1 };
}

function errorOf(
  bytes: Uint8Array,
  body: number,
  length: number,
): InstanceType<typeof protocol.messages.DatabaseError> {
  const values: Record<string, string> = {};
  let p = body;
  while (p < bytes.length && bytes[p] !== 0) {
    const code = String.fromCharCode(bytes[p]);
    const value = cstring(bytes, p + 1);
    values[code] = value.text;
    p = value.next;
  }
  const error = new protocol.messages.DatabaseError(values['M'] ?? 'unknown database error', length, 'error');
  for (const [code, name] of Object.entries(ERROR_FIELDS))
    (error as unknown as Record<string, unknown>)[name] = values[code];
  return error;
}
