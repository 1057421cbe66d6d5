/**
 * The checksum an event carries (E4): FNV-1a (32 bits) over the event's JSON with keys in
 * sorted order, without its own `sum`. Pure and small; it tells a damaged or edited event
 * from one the library wrote, which is all a log reader can ask of a checksum.
 */
export function checksum(value: unknown, texts?: WeakMap<object, string>): string {
  return (hashValue(0x811c9dc5, value, true, texts) >>> 0).toString(16).padStart(8, '0');
}

/**
 * The canonical JSON of a value, and whether everything in it is frozen. `texts` (a prepared
 * context's) keeps the text of deeply frozen values, which cannot change: the mailboxes a
 * notice lists are the ticket's own, in every event that names them.
 */
function canonical(value: unknown, texts: WeakMap<object, string>): [string, boolean] {
  if (typeof value !== 'object' || value === null) return [typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'null'), true];
  const known = texts.get(value);
  if (known !== undefined) return [known, true];
  let frozen = Object.isFrozen(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (!(i in value)) continue;
      const [text, f] = canonical(value[i], texts);
      out += text;
      frozen &&= f;
    }
    out += ']';
  } else {
    const record = value as Record<string, unknown>;
    out = '{';
    for (const k of sortedKeys(record)) {
      if (record[k] === undefined) continue;
      const [text, f] = canonical(record[k], texts);
      out += `${out.length === 1 ? '' : ','}${JSON.stringify(k)}:${text}`;
      frozen &&= f;
    }
    out += '}';
  }
  if (frozen) texts.set(value, out);
  return [out, frozen];
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
  if (texts !== undefined && !top && typeof value === 'object' && value !== null && Object.isFrozen(value)) return hashText(h, canonical(value, texts)[0]);
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
