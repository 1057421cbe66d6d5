/**
 * The checksum an event carries (E4): FNV-1a (32 bits) over the event's JSON with keys in
 * sorted order, without its own `sum`. Pure and small; it tells a damaged or edited event
 * from one the library wrote, which is all a log reader can ask of a checksum.
 */
export function checksum(value: unknown, texts?: WeakMap<object, string>): string {
  return (hashValue(0x811c9dc5, value, true, texts) >>> 0).toString(16).padStart(8, '0');
}

/**
 * The canonical JSON of a frozen record whose values are all primitives (a mailbox, an actor,
 * a reason's setting), or `null` for anything else. `texts` (a prepared context's) keeps it:
 * the mailboxes events name are the ticket's own, the same objects in every event that names
 * them. Containers are not kept: they are new in each event (a notice's list, a comment), and
 * building and storing their text cost more than hashing them as they are walked.
 */
function leafText(record: Record<string, unknown>, texts: WeakMap<object, string>): string | null {
  const known = texts.get(record);
  if (known !== undefined) return known;
  let out = '{';
  for (const k of sortedKeys(record)) {
    const v = record[k];
    if (v === undefined) continue;
    if (typeof v === 'object' && v !== null) return null;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`;
  }
  out += '}';
  texts.set(record, out);
  return out;
}

// The canonical JSON is hashed as it is walked, never built: every event is summed when it is
// stamped, and the hash must stay the one of the same text byte for byte (UTF-16 code units),
// or stored logs would stop reading.
function hashText(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;

// A string is hashed between quotes as it is, unless it holds what JSON.stringify escapes
// (quote, backslash, control characters, surrogates, which may be lone): then its JSON is.
function hashString(h: number, s: string): number {
  let x = Math.imul(h ^ QUOTE, 0x01000193);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === QUOTE || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return hashText(h, JSON.stringify(s));
    x = Math.imul(x ^ c, 0x01000193);
  }
  return Math.imul(x ^ QUOTE, 0x01000193);
}

/** The keys in code-unit order, as `sort()` gives them (insertion sort: records here have few keys, often in order already). */
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

function hashValue(h: number, value: unknown, top: boolean, texts: WeakMap<object, string> | undefined): number {
  if (typeof value === 'string') return hashString(h, value);
  if (Array.isArray(value)) {
    h = Math.imul(h ^ 0x5b, 0x01000193);
    // A hole (never in JSON) stays empty, as `map` and `join` left it.
    for (let i = 0; i < value.length; i++) {
      if (i > 0) h = Math.imul(h ^ COMMA, 0x01000193);
      if (i in value) h = hashValue(h, value[i], false, texts);
    }
    return Math.imul(h ^ 0x5d, 0x01000193);
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (texts !== undefined && !top && Object.isFrozen(record)) {
      const text = leafText(record, texts);
      if (text !== null) return hashText(h, text);
    }
    const keys = sortedKeys(record);
    h = Math.imul(h ^ 0x7b, 0x01000193);
    let first = true;
    for (const k of keys) {
      if ((top && k === 'sum') || record[k] === undefined) continue;
      if (!first) h = Math.imul(h ^ COMMA, 0x01000193);
      first = false;
      h = hashString(h, k);
      h = Math.imul(h ^ COLON, 0x01000193);
      h = hashValue(h, record[k], false, texts);
    }
    return Math.imul(h ^ 0x7d, 0x01000193);
  }
  return hashText(h, JSON.stringify(value) ?? 'null');
}
