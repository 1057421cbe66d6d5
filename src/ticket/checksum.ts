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

function canonical(value: unknown, top = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => !(top && k === 'sum') && record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
