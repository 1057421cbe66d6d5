/**
 * A message's headers as plain JSON: lower-case field names, every occurrence of a field
 * in order, each value unfolded and trimmed. Read it with {@link headerValues}: field
 * names such as `constructor` are own properties here only when the message had them.
 */
export type Headers = Readonly<Record<string, readonly string[]>>;

/** A header entry that was not read. */
export interface HeaderReadIssue {
  readonly code: 'invalid-header' | 'headers-too-large';
  readonly message: string;
  readonly input: unknown;
  /** Where in the input: an array index, or a field name. */
  readonly path: readonly (string | number)[];
}

export interface ReadHeaders {
  readonly headers: Headers;
  readonly issues: readonly HeaderReadIssue[];
}

/**
 * At most this many header fields are read. Real mail carries a few dozen (a long relay
 * chain of `Received` fields a few dozen more); Postfix refuses a message whose header
 * block exceeds 100 KB (`header_size_limit`). The rest are reported, not read.
 */
export const MAX_HEADER_FIELDS = 1_000;

/** At most this many characters of names and values in all, four times Postfix's header limit. */
export const MAX_HEADER_CHARS = 400 * 1024;

// RFC 5322 field-name: printable US-ASCII except the colon.
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;
// RFC 5322 unfolding: CRLF (or a bare LF) followed by white space is the white space alone.
const FOLD = /\r?\n(?=[ \t])/g;
// A line break that is not folding is malformed; it becomes a space so a value is one line.
const STRAY_BREAK = /[\r\n]+/g;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (record: object, key: string): unknown => (Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined);

const unfold = (value: string): string => value.replace(FOLD, '').replace(STRAY_BREAK, ' ').trim();

// RFC 5322 comments, innermost first, so `no (away (really))` reads as `no`. Linear per pass;
// the passes are bounded because each removes a nesting level and values are short.
const COMMENT = /\((?:[^()\\]|\\.)*\)/g;
const MAX_COMMENT_PASSES = 8;

/** A header value with each RFC 5322 comment, nested ones too, replaced by a space. */
export function withoutComments(value: string): string {
  let text = value;
  for (let i = 0; i < MAX_COMMENT_PASSES && text.includes('('); i++) {
    const next = text.replace(COMMENT, ' ');
    if (next === text) break;
    text = next;
  }
  return text;
}

/** Every value of one field (name in any case), or none. Safe on any input. */
export function headerValues(headers: unknown, name: string): readonly string[] {
  if (!isRecord(headers)) return [];
  const values = own(headers, name.toLowerCase());
  if (typeof values === 'string') return [values];
  if (!Array.isArray(values)) return [];
  return values.filter((v): v is string => typeof v === 'string');
}

/** mailparser's structured `{ value, params }` back to header text. */
function structuredText(value: Record<string, unknown>): string | null {
  const main = own(value, 'value');
  if (typeof main !== 'string') return null;
  const params = own(value, 'params');
  if (!isRecord(params)) return main;
  let text = main;
  for (const key of Object.keys(params)) {
    const param = params[key];
    if (typeof param === 'string') text += `; ${key}="${param.replace(/["\\]/g, '\\$&')}"`;
  }
  return text;
}

/**
 * mailparser's `list` entry gathers the List-* fields into `{ id: { id, name }, unsubscribe: { url, mail }, ... }`;
 * each becomes its `list-*` field again, so that list mail is recognised from the Map alone.
 */
function listFields(list: Record<string, unknown>): [string, string][] {
  const fields: [string, string][] = [];
  for (const key of Object.keys(list)) {
    const entry = list[key];
    const entries = Array.isArray(entry) ? entry : [entry];
    for (const e of entries) {
      if (!isRecord(e)) continue;
      const id = own(e, 'id');
      const url = own(e, 'url');
      const mail = own(e, 'mail');
      const name = own(e, 'name');
      let text: string | null = null;
      if (typeof id === 'string') text = typeof name === 'string' && name !== '' ? `${name} <${id}>` : `<${id}>`;
      else if (typeof url === 'string') text = `<${url}>`;
      else if (typeof mail === 'string') text = `<mailto:${mail}>`;
      if (text !== null) fields.push([`list-${key.toLowerCase()}`, text]);
    }
  }
  return fields;
}

/** One value as mailparser's Map or a plain object holds it, as header text; `null` when it is none. */
function valueText(name: string, value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? null : value.toISOString();
  }
  if (!isRecord(value)) return null;
  const text = own(value, 'text');
  if (typeof text === 'string' && Array.isArray(own(value, 'value'))) {
    // mailparser's address object; its `html` is never read. An empty Return-Path is `<>`.
    return name === 'return-path' && text.trim() === '' ? '<>' : text;
  }
  return structuredText(value);
}

interface Builder {
  readonly fields: Map<string, string[]>;
  readonly issues: HeaderReadIssue[];
  count: number;
  chars: number;
  full: boolean;
}

/** Counts one entry, read or refused, against the caps; false once they are exceeded. */
function spend(b: Builder, chars: number, path: readonly (string | number)[]): boolean {
  if (b.full) return false;
  b.count += 1;
  b.chars += chars;
  if (b.count <= MAX_HEADER_FIELDS && b.chars <= MAX_HEADER_CHARS) return true;
  b.full = true;
  b.issues.push({
    code: 'headers-too-large',
    message: `The headers exceed ${MAX_HEADER_FIELDS} fields or ${MAX_HEADER_CHARS} characters; the rest were not read.`,
    input: null,
    path,
  });
  return false;
}

function refuse(b: Builder, message: string, input: unknown, path: readonly (string | number)[]): void {
  if (spend(b, 0, path)) b.issues.push({ code: 'invalid-header', message, input, path });
}

function add(b: Builder, rawName: string, rawValue: string, input: unknown, path: readonly (string | number)[]): void {
  if (!spend(b, rawName.length + rawValue.length, path)) return;
  const name = rawName.trim().toLowerCase();
  if (!FIELD_NAME.test(name)) {
    b.issues.push({ code: 'invalid-header', message: `${JSON.stringify(name.slice(0, 100))} is not a header field name.`, input, path });
    return;
  }
  const value = unfold(rawValue);
  const list = b.fields.get(name);
  if (list === undefined) b.fields.set(name, [value]);
  else list.push(value);
}

function addValue(b: Builder, name: string, value: unknown, input: unknown, path: readonly (string | number)[]): void {
  const key = name.trim().toLowerCase();
  if (key === 'list' && isRecord(value) && !Array.isArray(own(value, 'value'))) {
    for (const [field, text] of listFields(value)) add(b, field, text, input, path);
    return;
  }
  const values = Array.isArray(value) ? value : [value];
  for (let i = 0; i < values.length && !b.full; i++) {
    const text = valueText(key, values[i]);
    if (text === null) {
      refuse(b, `The value of ${JSON.stringify(key.slice(0, 100))} is not text.`, values[i], Array.isArray(value) ? [...path, i] : path);
    } else {
      add(b, key, text, input, path);
    }
  }
}

/** One entry of a header array: postal-mime's `{ key, value }`, a raw `{ key, line }`, or a `[name, value]` pair. */
function addEntry(b: Builder, entry: unknown, index: number): void {
  if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string') {
    addValue(b, entry[0], entry[1], entry, [index]);
    return;
  }
  if (isRecord(entry)) {
    const line = own(entry, 'line');
    if (typeof line === 'string') {
      const colon = line.indexOf(':');
      if (colon > 0) {
        add(b, line.slice(0, colon), line.slice(colon + 1), entry, [index]);
        return;
      }
    }
    const key = own(entry, 'key');
    const value = own(entry, 'value');
    if (typeof key === 'string' && line === undefined && value !== undefined) {
      addValue(b, key, value, entry, [index]);
      return;
    }
  }
  refuse(b, 'Not a header: expected { key, value }, { key, line } or [name, value].', entry, [index]);
}

/**
 * Reads headers as mail parsers and callers hand them over, and reports what it could not read:
 * postal-mime's `headers` (`{ key, value }[]`), a `headerLines` array (`{ key, line }[]`, the raw
 * `Name: value` text, possibly folded), mailparser's `headers` Map (strings, dates, address
 * objects, `{ value, params }`), or a plain object of strings or string arrays in any case.
 * Never throws; at most {@link MAX_HEADER_FIELDS} fields and {@link MAX_HEADER_CHARS} characters are read.
 */
export function readHeadersWithIssues(input: unknown): ReadHeaders {
  const b: Builder = { fields: new Map(), issues: [], count: 0, chars: 0, full: false };
  if (input instanceof Map) {
    let i = 0;
    for (const [key, value] of input) {
      if (b.full) break;
      if (typeof key === 'string') addValue(b, key, value, value, [key]);
      else refuse(b, 'A header name must be a string.', key, [i]);
      i++;
    }
  } else if (Array.isArray(input)) {
    for (let i = 0; i < input.length && !b.full; i++) addEntry(b, input[i], i);
  } else if (isRecord(input)) {
    for (const key in input) {
      if (b.full) break;
      if (Object.hasOwn(input, key)) addValue(b, key, input[key], input[key], [key]);
    }
  } else if (input !== undefined && input !== null) {
    b.issues.push({ code: 'invalid-header', message: 'Headers must be an array, a Map or an object.', input, path: [] });
  }
  // fromEntries defines own properties, so a field named `__proto__` is data, not a prototype.
  return { headers: Object.fromEntries(b.fields), issues: b.issues };
}

/** {@link readHeadersWithIssues} without the issues. */
export function readHeaders(input: unknown): Headers {
  return readHeadersWithIssues(input).headers;
}
