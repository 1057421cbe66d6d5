import emailAddresses from 'email-addresses';
import { decodeEncodedWords } from './encoded-words.js';
import { ATOM, DOT_ATOM } from './grammar.js';
import { identityOf, quoteLocalPart } from './normalize.js';
import { isAtext } from './split-list.js';
import type { AddressIssue, IdentityOptions, Mailbox } from './types.js';
import { err, ok, type Result } from '../result.js';

/**
 * The longest entry (one mailbox with its name and comments) we parse: RFC 5322's line limit.
 * Longer entries are reported as `too-long` and never reach `email-addresses`, whose cost grows faster than the text.
 */
export const MAX_ENTRY_LENGTH = 998;
/** The deepest nesting of comments in an entry; deeper is reported as `too-deep` (real mail nests one or two). */
export const MAX_NESTING = 16;

// Header injection: after unfolding, no CR, LF, other control character or Unicode line separator may remain.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]/;
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const NAME_JUNK = new RegExp(`[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f\\u2028\\u2029]+|${LONE_SURROGATE}`, 'g');
// Invisible or malformed in an address: soft hyphen, zero-width and bidi controls, variation selectors, BOM, tags, lone surrogates.
const UNSAFE = new RegExp(`[\\xad\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufe00-\\ufe0f\\ufeff]|\\udb40[\\udc00-\\udc7f]|${LONE_SURROGATE}`);

// The forms almost all real mail uses, recognised without the full RFC 5322 grammar:
// `addr`, `<addr>`, `Some Name <addr>`, `"Quoted, Name" <addr>`, all ASCII and dot-atom.
// Anything else goes to email-addresses, so the verdict is always its verdict.
// RFC 6532: UTF-8 beyond ASCII is atext too (email-addresses runs with rfc6532 on).
const ADDR = `(${DOT_ATOM}@${DOT_ATOM})`;
const BARE = new RegExp(`^${ADDR}$`);
const NAMED = new RegExp(
  `^(?:(${ATOM}(?:[ \\t]+${ATOM})*)|"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\t\\u0080-\\uffff]*)")?[ \\t]*<[ \\t]*${ADDR}[ \\t]*>$`,
);
const WHITESPACE_RUN = /[ \t]+/g;

interface Parsed {
  readonly address: string;
  readonly name: string | null;
}

function fastPath(entry: string): Parsed | null {
  const bare = BARE.exec(entry);
  if (bare !== null) return { address: bare[1] as string, name: null };
  const named = NAMED.exec(entry);
  if (named === null) return null;
  const raw = named[1] ?? named[2];
  const name = raw === undefined ? null : raw.replace(WHITESPACE_RUN, ' ').trim();
  return { address: named[3] as string, name };
}

/**
 * What a local part or domain means (RFC 5322 §3.2.2, §3.4.1): comments and white space
 * around words are not part of it, a quoted string stands for its content. So
 * `bob . smith`, `bob.(c)smith` and `"bob".smith` all mean `bob.smith`, and `< no-reply@x>` means `no-reply@x`.
 */
export function meaning(raw: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\\') {
      // A quoted pair, in a quoted string, a comment or (obsolete) a domain literal.
      i++;
      if (depth === 0) out += raw[i] ?? '';
    } else if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else out += c;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth = 1;
    else if (c !== ' ' && c !== '\t') out += c;
  }
  return out;
}

interface Shape {
  /** The deepest comment nesting. */
  readonly depth: number;
  /** A colon outside quotes, comments and angle brackets: a group, which only the list splitter may open. */
  readonly colon: boolean;
  /** No angle brackets, and two words side by side with only white space or a comment between: no addr-spec has that. */
  readonly spacedWords: boolean;
}

/** One linear pass over an entry, for what must be refused before `email-addresses` sees it. */
function shapeOf(entry: string): Shape {
  let depth = 0;
  let deepest = 0;
  let quoted = false;
  let angle = false;
  let bracket = false;
  let colon = false;
  let spaced = false;
  // After a word: 1, after a word and then white space or a comment: 2; otherwise 0.
  let afterWord = 0;
  let inAtom = false;
  for (let i = 0; i < entry.length; i++) {
    const c = entry.charCodeAt(i);
    if (c === 92 /* \ */ && (quoted || depth > 0 || bracket)) {
      i++;
      continue;
    }
    if (bracket) {
      if (c === 93) bracket = false;
      continue;
    }
    if (depth > 0) {
      if (c === 40) deepest = Math.max(deepest, ++depth);
      else if (c === 41 && --depth === 0) afterWord &&= 2;
      continue;
    }
    if (quoted) {
      if (c === 34) {
        quoted = false;
        afterWord = 1;
      }
      continue;
    }
    const atom = isAtext(c);
    if ((atom && !inAtom) || c === 34) {
      if (afterWord === 2) spaced = true;
    }
    inAtom = atom;
    if (atom) afterWord = 1;
    else if (c === 34) quoted = true;
    else if (c === 40) {
      depth = 1;
      deepest = Math.max(deepest, 1);
    } else if (c === 32 || c === 9) afterWord &&= 2;
    else {
      afterWord = 0;
      if (c === 91) bracket = true;
      else if (c === 60) angle = true;
      else if (c === 62) angle = false;
      else if (c === 58 && !angle) colon = true;
    }
  }
  return { depth: deepest, colon, spacedWords: spaced && !entry.includes('<') };
}

function slowPath(entry: string): Parsed[] | null {
  let parsed;
  try {
    parsed = emailAddresses.parseOneAddress({ input: entry, rfc6532: true, atInDisplayName: true });
  } catch {
    return null; // the caps keep its recursion shallow; this is the last guard
  }
  // A group inside one entry means a colon the splitter did not take as a group name.
  if (parsed === null || parsed.type === 'group') return null;
  const local = meaning(parsed.parts.local.tokens);
  const domain = meaning(parsed.parts.domain.tokens);
  return [{ address: `${quoteLocalPart(local)}@${domain}`, name: parsed.name }];
}

/**
 * A copy of a short string that does not keep the text it was cut from alive: V8 makes
 * slices and concatenations point into their source, so a name cut from a 90 KB header
 * would hold on to all of it. Concatenating flattens into a new string; slicing that keeps only it.
 */
const own = (text: string): string => (text.length > 0 ? ` ${text}`.slice(1) : text);

/** A display name as stored: encoded words decoded, control characters, line separators and lone surrogates dropped, runs of white space collapsed. */
export function cleanName(name: string | null): string | null {
  if (name === null) return null;
  // A decoded encoded word may carry CR/LF: names never reach a header with them.
  const decoded = decodeEncodedWords(name).replace(NAME_JUNK, ' ').replace(WHITESPACE_RUN, ' ').trim();
  return decoded === '' ? null : own(decoded);
}

function toMailbox(parsed: Parsed, options: IdentityOptions): Mailbox {
  const address = own(parsed.address);
  return { address, name: cleanName(parsed.name), key: own(identityOf(address, options)) as Mailbox['key'] };
}

const issue = (code: AddressIssue['code'], entry: string, why: string): Result<never, AddressIssue> =>
  err({ code, message: `${printable(entry)} ${why}`, input: entry });

/**
 * Parses one entry of an address list (no top-level commas). Returns the issue when the
 * entry is not a valid RFC 5322 mailbox, or is one we refuse (too long, too deep, unsafe characters).
 */
export function parseEntry(entry: string, options: IdentityOptions = {}): Result<Mailbox[], AddressIssue> {
  if (entry.length > MAX_ENTRY_LENGTH) return issue('too-long', entry, `is longer than ${MAX_ENTRY_LENGTH} characters.`);
  if (CONTROL.test(entry)) return issue('control-character', entry, 'holds a control character (CR, LF or similar), which no header may carry.');
  let parsed: Parsed[] | null = null;
  const fast = fastPath(entry);
  if (fast !== null) parsed = [fast];
  else {
    const shape = shapeOf(entry);
    if (shape.depth > MAX_NESTING) return issue('too-deep', entry, `nests comments deeper than ${MAX_NESTING}.`);
    if (!shape.colon && !shape.spacedWords) parsed = slowPath(entry);
  }
  if (parsed === null) return issue('invalid-address', entry, 'is not a valid email address.');
  if (parsed.some((p) => UNSAFE.test(p.address))) return issue('unsafe-character', entry, 'has an invisible or malformed character in its address.');
  return ok(parsed.map((p) => toMailbox(p, options)));
}

/** The text of an input made safe to quote in an error message: control characters shown escaped, long text cut. */
export function printable(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
