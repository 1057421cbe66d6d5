import { normalizeAddress, type AddressKey } from '../../src/index.js';

/** The identity of an address the test knows is valid. */
export const keyOf = (text: string, caseSensitiveLocalPart = false): AddressKey => {
  const r = normalizeAddress(text, { caseSensitiveLocalPart });
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value;
};
