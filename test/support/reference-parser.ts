// email-addresses alone, mapped to our result shape: the oracle of the differential tests.
import emailAddresses from 'email-addresses';
import { cleanName } from '../../src/address/parse-mailbox.js';
import { identityOf, quoteLocalPart } from '../../src/address/normalize.js';
import type { Mailbox } from '../../src/index.js';
import type { Result } from '../../src/result.js';

interface Node {
  readonly name: string;
  readonly semantic: string;
  readonly children: readonly Node[];
}

/**
 * The RFC 5322 meaning of a local part or domain, read from email-addresses' own syntax tree
 * (not from our scanner): comments and white space around words (`cfws` nodes) mean nothing,
 * quotes are not content, a quoted pair stands for its character.
 * email-addresses' `local` keeps one space for each such run, which is what we deliberately differ on.
 */
function meaningOf(node: Node): string {
  if (node.name === 'cfws' || node.name === 'dquote') return '';
  if (node.name === 'domain-literal') return literalOf(node);
  if (node.name === 'quoted-pair' || node.children.length === 0) return node.semantic;
  return node.children.map(meaningOf).join('');
}

/**
 * A domain literal's meaning: its dtext, without folding white space, and a quoted pair whose
 * character is not dtext (`[`, `]`, `\`, a blank) still escaped, so that the address written
 * back is the same one address (email-addresses' own `semantic` unescapes it).
 */
function literalOf(node: Node): string {
  if (node.name === 'fws' || node.name === 'cfws') return '';
  if (node.name === 'quoted-pair') return /^[[\]\\ \t]$/.test(node.semantic) ? `\\${node.semantic}` : node.semantic;
  if (node.children.length === 0) return node.semantic;
  return node.children.map(literalOf).join('');
}

// Our deliberate refusals (docs/addresses.md): line separators anywhere, invisible or malformed characters in the address.
const LINE_SEPARATOR = /[\u2028\u2029]/;
const UNSAFE = /[\xad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]|\udb40[\udc00-\udc7f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What email-addresses makes of one entry: its mailbox, or 'invalid'. A group is 'invalid' here:
 * in our parser only the list splitter opens a group, after checking its name, so an entry never holds one.
 */
export function reference(entry: string): readonly Mailbox[] | 'invalid' {
  if (LINE_SEPARATOR.test(entry)) return 'invalid';
  const parsed = emailAddresses.parseOneAddress({ input: entry, rfc6532: true, atInDisplayName: true });
  if (parsed === null || parsed.type === 'group') return 'invalid';
  const local = meaningOf(parsed.parts.local as unknown as Node);
  const domain = meaningOf(parsed.parts.domain as unknown as Node);
  const address = `${quoteLocalPart(local)}@${domain}`;
  if (UNSAFE.test(address)) return 'invalid';
  return [{ address, name: cleanName(parsed.name), key: identityOf(address) }];
}

/** Our result in the same shape. */
export const verdict = (r: Result<readonly Mailbox[], unknown>): readonly Mailbox[] | 'invalid' => (r.ok ? r.value : 'invalid');
