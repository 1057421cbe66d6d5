// RFC 2047 encoded words: `=?charset?B|Q?text?=`. Adjacent encoded words separated
// only by white space are joined without that white space (RFC 2047 §6.2).
const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
const BETWEEN_ENCODED_WORDS = /(\?=)[ \t]+(?==\?)/g;

function base64Bytes(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function quotedPrintableBytes(text: string): Uint8Array | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const code = text.charCodeAt(i);
      if (code > 0x7e) return null;
      bytes.push(code);
    }
  }
  return Uint8Array.from(bytes);
}

function decodeWord(charset: string, encoding: string, text: string): string | null {
  const bytes = encoding === 'B' || encoding === 'b' ? base64Bytes(text) : quotedPrintableBytes(text);
  if (bytes === null) return null;
  // RFC 2231 allows a language after '*': `UTF-8*en`.
  const label = charset.split('*')[0] ?? charset;
  try {
    const decoder = new TextDecoder(label, { fatal: true });
    // Node 20 decodes windows-1252 (and ISO-8859-1, ASCII, which mean it) as Latin-1, so 0x80-0x9F come out as controls.
    if (decoder.encoding !== 'windows-1252') return decoder.decode(bytes);
    let text = '';
    for (const b of bytes) text += b >= 0x80 && b < 0xa0 ? (CP1252[b - 0x80] as string) : String.fromCharCode(b);
    return text;
  } catch {
    return null; // unknown charset or bytes that are not text in it
  }
}

// windows-1252 0x80-0x9F as WHATWG maps them (the five unassigned bytes stay C1 controls, later dropped from names).
const CP1252 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

/**
 * Decodes RFC 2047 encoded words in a display name (A2). A word whose charset the
 * runtime's `TextDecoder` does not know, or whose bytes are not valid in it, is kept
 * in its raw form, so nothing the sender wrote is lost.
 *
 * @example
 * decodeEncodedWords('=?UTF-8?B?0JjQstCw0L0=?='); // 'Иван'
 */
export function decodeEncodedWords(name: string): string {
  if (typeof name !== 'string') return '';
  if (!name.includes('=?')) return name;
  return name
    .replace(BETWEEN_ENCODED_WORDS, '$1')
    .replace(ENCODED_WORD, (raw, charset: string, encoding: string, text: string) => {
      const decoded = decodeWord(charset, encoding, text);
      return decoded ?? raw;
    });
}

const MAX_ENCODED_CHUNK_BYTES = 45; // 60 base64 characters: the word stays under 75 (RFC 2047 §2)

/** Encodes text as one or more UTF-8 base64 encoded words separated by spaces. */
export function encodeWords(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const words: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + MAX_ENCODED_CHUNK_BYTES, bytes.length);
    // Never cut a UTF-8 sequence: back off continuation bytes (10xxxxxx).
    while (end < bytes.length && end > start && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    let binary = '';
    for (let i = start; i < end; i++) binary += String.fromCharCode(bytes[i] ?? 0);
    words.push(`=?UTF-8?B?${btoa(binary)}?=`);
    start = end;
  }
  return words.join(' ');
}
