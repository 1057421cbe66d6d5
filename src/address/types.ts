import type { Issue } from '../issue/issue.js';
/**
 * A normalised address used as a participant's identity (A3): domain lower-cased
 * and in its ASCII (punycode) form, local part lower-cased unless the help desk
 * compares it case-sensitively. Only this library's functions produce one, so a
 * raw string cannot slip in where an identity is expected.
 */
// A string-keyed brand, not a `unique symbol`: the ESM and CommonJS type builds would each declare
// their own symbol, and a program importing both would see two unrelated AddressKey types.
export type AddressKey = string & { readonly '~brand': 'AddressKey' };

/** One parsed mailbox: the address as written, its display name, and its identity. */
export interface Mailbox {
  /** The address as its RFC 5322 meaning: comments and white space dropped, the local part quoted only when it must be, the domain as given. */
  readonly address: string;
  /** The decoded display name, or `null` when there is none. Never part of identity. */
  readonly name: string | null;
  /** The identity used to compare participants. */
  readonly key: AddressKey;
}

/** Why an address, or one entry of an address list, was not accepted: `input` is the entry's text (or the whole value). */
export type AddressIssue = Issue<'invalid-address' | 'control-character' | 'not-a-string' | 'too-many-addresses' | 'expected-one-address' | 'too-long' | 'too-deep' | 'too-complex' | 'unsafe-character'>;

/** Options that change how identity is computed. */
export interface IdentityOptions {
  /**
   * Compare customers' local parts case-sensitively (RFC 5321 allows it; help desks rarely do). Default `false`.
   * Support-address and denylist patterns match case-insensitively whatever this says.
   */
  readonly caseSensitiveLocalPart?: boolean;
}
