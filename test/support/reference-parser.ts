// email-addresses alone, mapped to our result shape: the oracle of the differential tests.
import emailAddresses from 'email-addresses';
import { cleanName } from '../../src/address/parse-mailbox.js';
import { identityOf, quoteLocalPart } from '../../src/address/normalize.js';
import type { Mailbox } from '../../src/index.js';
import type { Result } from '../../src/result.js';

/** What email-addresses makes of one entry: its mailboxes, or 'invalid'. */
export function reference(entry: string): readonly Mailbox[] | 'invalid' {
  const parsed = emailAddresses.parseOneAddress({ input: entry, rfc6532: true, atInDisplayName: true });
  if (parsed === null) return 'invalid';
  const boxes = parsed.type === 'group' ? parsed.addresses : [parsed];
  return boxes.map((b) => {
    const address = `${quoteLocalPart(b.local)}@${b.domain}`;
    return { address, name: cleanName(b.name), key: identityOf(address) };
  });
}

/** Our result in the same shape. */
export const verdict = (r: Result<readonly Mailbox[], unknown>): readonly Mailbox[] | 'invalid' => (r.ok ? r.value : 'invalid');
