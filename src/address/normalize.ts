import { DOT_ATOM } from './grammar.js';
import type { AddressKey, IdentityOptions } from './types.js';

const ASCII = /^[\x00-\x7f]*$/;
// Only letters, digits, hyphens, dots and non-ASCII go through the URL parser: it would
// percent-decode or reject the rarer atext characters, and those domains are ASCII anyway.
const IDN_CANDIDATE = /^[A-Za-z0-9.\-\u0080-\uffff]+$/;
const DOT_ATOM_LOCAL = /* @__PURE__ */ new RegExp(`^${DOT_ATOM}$`);

/**
 * The ASCII form of a domain: lower-cased, internationalised labels in punycode.
 * `URL` is a web standard present in Node and every browser; it applies UTS #46,
 * which is what mail clients do. When it refuses a name we keep its NFC lower case.
 *
 * @example
 * domainToAscii('Bücher.example'); // 'xn--bcher-kva.example'
 */
export function domainToAscii(domain: string): string {
  if (typeof domain !== 'string') return '';
  if (ASCII.test(domain)) return domain.toLowerCase();
  if (IDN_CANDIDATE.test(domain)) {
    try {
      const host = new URL(`http://${domain}/`).hostname;
      if (host !== '' && ASCII.test(host)) return host;
    } catch {
      // fall through
    }
  }
  return domain.normalize('NFC').toLowerCase();
}

/** Quotes a local part that is not a dot-atom, so `local@domain` is a valid addr-spec again. */
export function quoteLocalPart(local: string): string {
  if (DOT_ATOM_LOCAL.test(local)) return local;
  return `"${local.replace(/(["\\])/g, '\\$1')}"`;
}

/** Splits an addr-spec at its last `@` (a quoted local part may contain another). */
export function splitAddrSpec(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

function unquote(local: string): string {
  if (local.length >= 2 && local.startsWith('"') && local.endsWith('"')) {
    return local.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return local;
}

/**
 * The identity of an already-valid addr-spec (A3). Local parts compare
 * case-insensitively by default: every major help desk does, and RFC 5321 allows either.
 */
export function identityOf(address: string, options: IdentityOptions = {}): AddressKey {
  const { local, domain } = splitAddrSpec(address);
  const unquoted = unquote(local);
  // ASCII is its own NFC form: most local parts skip the normaliser.
  const content = ASCII.test(unquoted) ? unquoted : unquoted.normalize('NFC');
  const cased = options.caseSensitiveLocalPart === true ? content : content.toLowerCase();
  return `${quoteLocalPart(cased)}@${domainToAscii(domain)}` as AddressKey;
}
