/**
 * The checksum an event carries (E4): FNV-1a (32 bits) over the event's JSON with keys in
 * sorted order, without its own `sum`. Pure and small; it tells a damaged or edited event
 * from one the library wrote, which is all a log reader can ask of a checksum.
 */
export function checksum(value: unknown): string {
  let h = 0x811c9dc5;
  const text = canonical(value, true);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

// Built by concatenation rather than map/join: every event is summed when it is stamped, and
// the strings must stay byte for byte what they were, or stored logs would stop reading.
function canonical(value: unknown, top = false): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    // A hole (never in JSON) stays empty, as `map` and `join` left it.
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (i in value ? canonical(value[i]) : '');
    return `${out}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    let out = '{';
    for (const k of keys) {
      if ((top && k === 'sum') || record[k] === undefined) continue;
      out += `${out.length === 1 ? '' : ','}${JSON.stringify(k)}:${canonical(record[k])}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
