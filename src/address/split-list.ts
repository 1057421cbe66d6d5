/** One top-level entry of an address-list header, as raw text. */
export interface RawEntry {
  readonly text: string;
  /** True when the entry ended inside a quote, comment or angle bracket. */
  readonly unbalanced: boolean;
  /** True when this is the unread rest of a header longer than the limit, not an entry. */
  readonly cut?: true;
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
const DOT = 46;

// RFC 5322 atext (printable ASCII but specials), plus everything beyond ASCII (RFC 6532).
// Specials: ( ) < > [ ] : ; @ \ , . "  (the dot is allowed in an obsolete phrase).
export const isAtext = (c: number): boolean => c > 127 || (c > 32 && c < 127 && !'()<>[]:;@\\,."'.includes(String.fromCharCode(c)));

/** Text without the spaces and tabs at its ends (`trim` would also drop CR, LF, U+2028 and a BOM, which must be seen). */
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
 * group name (an RFC 5322 phrase); the group's members are entries, its name is dropped.
 * Any other colon stays in its entry, which is then reported: `boss@x\r\nCc: evil@y`
 * or `ann@x, bob@x: evil@y` must never quietly become `evil@y`.
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
  let inAngle = false;
  let inBracket = false;
  let inGroup = false;
  // The text of the entry so far: 0 nothing but blanks and comments, 1 a phrase, -1 not a phrase.
  let phrase = 0;

  const push = (end: number): void => {
    const text = trimBlanks(header.slice(start, end));
    if (text !== '') entries.push({ text, unbalanced: false });
    start = end + 1;
    phrase = 0;
  };

  const end = Math.min(header.length, limit);
  for (let i = 0; i < end; i++) {
    const c = header.charCodeAt(i);
    if (inQuote) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inQuote = false;
      continue;
    }
    if (commentDepth > 0) {
      if (c === BACKSLASH) i++;
      else if (c === OPEN_PAREN) commentDepth++;
      else if (c === CLOSE_PAREN) commentDepth--;
      continue;
    }
    if (inBracket) {
      if (c === BACKSLASH) i++;
      else if (c === CLOSE_BRACKET) inBracket = false;
      continue;
    }
    switch (c) {
      case QUOTE:
        inQuote = true;
        if (phrase === 0) phrase = 1;
        break;
      case OPEN_PAREN:
        commentDepth = 1;
        break;
      case OPEN_BRACKET:
        inBracket = true;
        phrase = -1;
        break;
      case LT:
        inAngle = true;
        phrase = -1;
        break;
      case GT:
        inAngle = false;
        phrase = -1;
        break;
      case COLON:
        // Inside angle brackets a colon ends an obsolete route (`<@relay:user@x>`).
        if (!inAngle && !inGroup && phrase === 1) {
          inGroup = true;
          start = i + 1;
          phrase = 0;
        } else phrase = -1;
        break;
      case COMMA:
        if (!inAngle) push(i);
        break;
      case SEMICOLON:
        if (!inAngle) {
          push(i);
          inGroup = false;
        } else phrase = -1;
        break;
      default:
        if (phrase < 0) break;
        if (isAtext(c) || c === DOT) {
          if (phrase === 0) phrase = 1;
        } else if (c !== SPACE && c !== TAB) phrase = -1;
    }
  }

  if (end < header.length) {
    if (start < header.length) entries.push({ text: header.slice(start), unbalanced: false, cut: true });
    return entries;
  }
  const rest = trimBlanks(header.slice(start));
  if (rest !== '') {
    entries.push({ text: rest, unbalanced: inQuote || commentDepth > 0 || inAngle || inBracket });
  }
  return entries;
}
