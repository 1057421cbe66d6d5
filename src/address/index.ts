export type { AddressIssue, AddressKey, IdentityOptions, Mailbox } from './types.js';
export { parseAddressList, parseAddress, MAX_ADDRESSES_PER_HEADER } from './parse-list.js';
export type { AddressListOptions, ParsedAddressList } from './parse-list.js';
export { formatMailbox, formatAddressList } from './format.js';
export { decodeEncodedWords } from './encoded-words.js';
export { normalizeAddress, sameAddress } from './normalize-address.js';
export { domainToAscii } from './normalize.js';
export { compilePattern, matchesPattern, matchesAny } from './pattern.js';
export type { AddressPattern } from './pattern.js';
