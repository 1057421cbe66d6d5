/** The deepest nesting of comments in an entry; deeper is reported as `too-deep` (real mail nests one or two). */
export const MAX_NESTING = 16;

/** One top-level entry of an address-list header, as raw text. */
export interface RawEntry {
  readonly text: string;
  /**
   * Why the entry cannot be parsed: it ended inside a quote, comment, angle bracket or domain literal;
   * its comments nest deeper than `MAX_NESTING`; or it is the unread rest of a header past the limit.
   */
  readonly flaw?: 'unbalanced' | 'too-deep' | 'cut';
}

const QUOTE = 34; // "
const BACKSLASH = 92;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const LT = 60;
const GT = 62;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const SEMICOLON = 59;
const COLON = 58;
const SPACE = 32;
const TAB = 9;

/** Text without the spaces and tabs at its ends: `trim` would also drop CR, LF, U+2028 and a BOM, which must be seen. */
export function trimBlanks(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && (text.charCodeAt(a) === SPACE || text.charCodeAt(a) === TAB)) a++;
  while (b > a && (text.charCodeAt(b - 1) === SPACE || text.charCodeAt(b - 1) === TAB)) b--;
  return text.slice(a, b);
}

/**
 * Splits an address-list header into entries at the commas (and Outlook's semicolons)
 * that stand outside quoted strings, comments, angle brackets and domain literals.
 * A colon opens a group (`Team: a@x, b@y;`) only when the text before it is a valid
 * group name (an RFC 5322 phrase: words, dots, white space, comments); the group's members
 * are entries, its name is dropped. Any other colon stays in its entry, which is then
 * reported: `boss@x\r\nCc: evil@y` or `ann@x, bob@x: evil@y` never quietly becomes `evil@y`.
 *
 * We split ourselves because `email-addresses` rejects a whole header for one bad entry
 * or one trailing comma, and real mail has both. One linear pass, no regular expression.
 * Reading stops at `limit` characters; the unfinished rest comes back as one `cut` entry.
 */
export function splitAddressList(header: string, limit = Infinity): RawEntry[] {
  const entries: RawEntry[] = [];
  let start = 0;
  let inQuote = false;
  let commentDepth = 0;
  let deepest = 0;
  let inAngle = false;
  let inBracket = false;
  let inGroup = false;
  // The text of the entry so far: 0 nothing but blanks and comments, 1 a phrase, -1 not a phrase.
  let phrase = 0;

  // Only the last entry can end inside a quote, comment or bracket: a separator there is not one.
  const push = (end: number): void => {
    const text = trimBlanks(header.slice(start, end));
    const flaw = inQuote || commentDepth > 0 || inAngle || inBracket ? 'unbalanced' : deepest > MAX_NESTING ? 'too-deep' : undefined;
    if (text !== '') entries.push(flaw ? { text, flaw } : { text });
    start = end + 1;
    phrase = deepest = 0;
  };

  const end = Math.min(header.length, limit);
  for (let i = 0; i < end; i++) {
    const c = header.charCodeAt(i);
    if (inQuote) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inQuote = false;
    } else if (commentDepth > 0) {
      if (c === BACKSLASH) i++;
      else if (c === OPEN_PAREN) deepest = Math.max(deepest, ++commentDepth);
      else if (c === CLOSE_PAREN) commentDepth--;
    } else if (inBracket) {
      if (c === BACKSLASH) i++;
      else if (c === CLOSE_BRACKET) inBracket = false;
    } else if (c === QUOTE) {
      inQuote = true;
      phrase ||= 1;
    } else if (c === OPEN_PAREN) {
      commentDepth = 1;
      deepest ||= 1;
    } else if (c === COLON) {
      // Inside angle brackets a colon ends an obsolete route (`<@relay:user@x>`).
      if (!inAngle && !inGroup && phrase > 0) {
        inGroup = true;
        start = i + 1;
        phrase = 0;
      } else phrase = -1;
    } else if ((c === COMMA || c === SEMICOLON) && !inAngle) {
      push(i);
      if (c === SEMICOLON) inGroup = false;
    } else {
      if (c === OPEN_BRACKET) inBracket = true;
      else if (c === LT) inAngle = true;
      else if (c === GT) inAngle = false;
      // Specials (`@ < > [ ] \`) and controls: no group name holds them.
      if (phrase >= 0 && c !== SPACE && c !== TAB) phrase = c > 127 || (c > 32 && c !== 64 && c !== 60 && c !== 62 && c !== 91 && c !== 92 && c !== 93 && c !== 127) ? 1 : -1;
    }
  }

  if (end < header.length) {
    if (start < header.length) entries.push({ text: header.slice(start), flaw: 'cut' });
  } else push(header.length);
  return entries;
}
