// RFC 2047 encoded words: `=?charset?B|Q?text?=`. Adjacent encoded words separated
// only by white space are joined without that white space (RFC 2047 §6.2).
const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
const BETWEEN_ENCODED_WORDS = /(\?=)[ \t]+(?==\?)/g;
// Encoded words in one charset touching each other (once the white space between them is gone).
const ENCODED_RUN = /=\?([^?\s]+)\?[BQ]\?[^?\s]*\?=(?:=\?\1\?[BQ]\?[^?\s]*\?=)*/gi;

// Q encoding (RFC 2047 §4.2): `_` is a space, `=XX` a byte, other printable ASCII itself.
const Q_INVALID = /[^\x20-\x7e]|=(?![0-9A-Fa-f]{2})/;
const Q_BYTE = /=(..)|_/g;

/** The word's bytes as a binary string (one character per byte), or `null` when it is not valid B or Q. */
function binaryOf(encoding: string, text: string): string | null {
  if (encoding === 'B' || encoding === 'b') {
    try {
      return atob(text);
    } catch {
      return null;
    }
  }
  return Q_INVALID.test(text) ? null : text.replace(Q_BYTE, (_, hex?: string) => (hex ? String.fromCharCode(parseInt(hex, 16)) : ' '));
}

// windows-1252 0x80-0x9F as WHATWG maps them (the five unassigned bytes stay C1 controls, later dropped from names).
const CP1252 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

/**
 * What `TextDecoder` calls a charset label (`utf-8`, `utf-16le`, `windows-1252`, …), or `null` when it does not know it.
 * RFC 2231 allows a language after '*': `UTF-8*en`.
 */
function encodingOf(charset: string): string | null {
  try {
    return new TextDecoder(charset.split('*')[0]).encoding;
  } catch {
    return null;
  }
}

/** Bytes (a binary string) as text in `charset`, or `null` when the charset is unknown or the bytes are not text in it. */
function decodeBytes(charset: string, binary: string): string | null {
  let encoding = encodingOf(charset);
  // RFC 2781: two-byte Unicode without a byte-order mark is big-endian (network order). WHATWG maps
  // `utf-16` and its other names (`ucs-2`, `unicode`, `csUnicode`, `iso-10646-ucs-2`) to little-endian;
  // only a label that says so (`utf-16le`, `unicodefeff`) or a mark means that.
  if (encoding === 'utf-16le' && !/(le|feff)(\*|$)/i.test(charset) && !binary.startsWith('\xff\xfe')) encoding = 'utf-16be';
  if (encoding === null) return null;
  // Node 20 decodes windows-1252 (and ISO-8859-1 and ASCII, which mean it) as Latin-1, losing 0x80-0x9F.
  if (encoding === 'windows-1252') return binary.replace(/[\x80-\x9f]/g, (c) => CP1252[c.charCodeAt(0) - 128] as string);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null; // bytes that are not text in it
  }
}

/**
 * The bytes of a run of words as one string. Each word is decoded on its own by its encoder's lights,
 * so a byte-order mark may open every word (UTF-16 encoders write one per word): only the first
 * word's is a mark for the run, the later ones are dropped rather than read as U+FEFF inside the name.
 */
function joinBytes(charset: string, bytes: readonly string[]): string {
  const encoding = encodingOf(charset);
  const utf16 = encoding?.startsWith('utf-16') === true;
  const bom = utf16 ? /^(?:\xfe\xff|\xff\xfe)/ : encoding === 'utf-8' ? /^\xef\xbb\xbf/ : null;
  let joined = bytes[0] ?? '';
  for (let i = 1; i < bytes.length; i++) {
    // In UTF-16 a mark can only stand where a code unit starts: after an even number of bytes.
    joined += bom !== null && (!utf16 || joined.length % 2 === 0) ? bytes[i]!.replace(bom, '') : bytes[i]!;
  }
  return joined;
}

/**
 * Decodes RFC 2047 encoded words in a display name (A2). A word whose charset the
 * runtime's `TextDecoder` does not know, or whose bytes are not valid in it, is kept
 * in its raw form, so nothing the sender wrote is lost. Adjacent words in one charset are
 * decoded as one run of bytes: RFC 2047 §5 forbids splitting a character across words, but
 * encoders do it, and mail parsers join the bytes as well.
 *
 * @example
 * decodeEncodedWords('=?UTF-8?B?0JjQstCw0L0=?='); // 'Иван'
 */
export function decodeEncodedWords(name: string): string {
  if (typeof name !== 'string') return '';
  if (!name.includes('=?')) return name;
  return name.replace(BETWEEN_ENCODED_WORDS, '$1').replace(ENCODED_RUN, (run, charset: string) => {
    // matchAll works on a copy of the pattern: the module's regular expression keeps no state.
    const words = [...run.matchAll(ENCODED_WORD)];
    const bytes = words.map((w) => binaryOf(w[2]!, w[3]!));
    const joined = bytes.includes(null) ? null : decodeBytes(charset, joinBytes(charset, bytes as string[]));
    // Joined bytes that do not decode: each word on its own, a failing one kept raw.
    return joined ?? words.map((w, i) => (bytes[i] == null ? null : decodeBytes(charset, bytes[i]!)) ?? w[0]).join('');
  });
}

// 11 code points are at most 44 UTF-8 bytes, 60 base64 characters: each word stays under 75 (RFC 2047 §2).
const CHUNK = /[^]{1,11}/gu;

/** Encodes text as one or more UTF-8 base64 encoded words separated by spaces. A lone surrogate becomes U+FFFD. */
export function encodeWords(text: string): string {
  return (text.match(CHUNK) ?? []).map((chunk) => `=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(chunk)))}?=`).join(' ');
}
