import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { readAddressInput } from '../src/inbound/address-input.js';
import { emailFromParsed } from '../src/inbound/from-parsed-mail.js';
import { readHeaders, readHeadersWithIssues, type Headers } from '../src/inbound/headers.js';
import { classifyMail } from '../src/inbound/machine-mail.js';

const anything = fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withDate: true, withSparseArray: true });
const NAMES = ['auto-submitted', 'Precedence', 'X-Autoreply', 'list-id', 'List-Unsubscribe', 'return-path', 'content-type', 'from', '__proto__', 'constructor'];
const name = fc.oneof(fc.constantFrom(...NAMES), fc.string());
const value = fc.oneof(fc.constantFrom('no', 'auto-replied', 'bulk', '<>', 'multipart/report; report-type=delivery-status', 'no (x'), fc.string(), anything);

/** Header inputs in every shape readHeaders takes, filled with random names and values. */
const headerInput = fc.oneof(
  fc.array(fc.record({ key: name, value }, { requiredKeys: [] })),
  fc.array(fc.record({ key: name, line: fc.oneof(fc.string(), name.map((n) => `${n}: x`)) }, { requiredKeys: [] })),
  fc.array(fc.tuple(name, value)).map((entries) => new Map(entries)),
  fc.dictionary(name, value),
  fc.array(anything),
  anything,
);

const address = fc.oneof(fc.emailAddress(), fc.string(), fc.constantFrom('MAILER-DAEMON@x.example', 'a@b', ''));
const addressInput = fc.oneof(
  address,
  fc.record({ name: fc.oneof(fc.string(), anything), address: fc.oneof(address, anything) }, { requiredKeys: [] }),
  fc.array(fc.oneof(address, fc.record({ name: fc.string(), address }), fc.record({ name: fc.string(), group: fc.array(fc.record({ address })) }))),
  fc.record({ value: fc.array(fc.record({ name: fc.string(), address })), text: fc.string(), html: fc.string() }),
  fc.array(anything),
  anything,
);

const structured = (x: unknown): unknown => JSON.parse(JSON.stringify(x ?? null));

describe('F11: the mail readers take anything', () => {
  it.prop([headerInput], { numRuns: 600 })('I9: readHeaders never throws, gives arrays of strings, and is deterministic', (input) => {
    const a = readHeadersWithIssues(input);
    const b = readHeadersWithIssues(input);
    expect(a).toEqual(b);
    for (const key of Object.keys(a.headers)) {
      expect(key).toBe(key.toLowerCase());
      for (const v of a.headers[key]!) {
        expect(typeof v).toBe('string');
        expect(v).not.toMatch(/[\r\n]/);
      }
    }
    expect(structured(a.headers)).toEqual(a.headers);
  });

  it.prop([headerInput, fc.oneof(fc.constant(null), fc.record({ address }), anything)], { numRuns: 600 })(
    'I9: classifyMail never throws for any headers and sender, and is deterministic',
    (input, sender) => {
      const headers = readHeaders(input);
      const a = classifyMail(headers, sender as { address: string } | null);
      expect(classifyMail(headers, sender as { address: string } | null)).toEqual(a);
      expect(['person', 'automatic', 'list', 'bounce']).toContain(a.kind);
      expect(a.reason === null).toBe(a.kind === 'person');
      // Raw, unread input too: the decider may be handed anything.
      expect(() => classifyMail(input as Headers, sender as null)).not.toThrow();
    },
  );

  it.prop([addressInput, fc.oneof(fc.constant(undefined), fc.record({ maxAddresses: fc.integer({ min: 0, max: 20 }) }), anything)], { numRuns: 600 })(
    'I9: readAddressInput never throws, never mutates, and is deterministic',
    (input, options) => {
      const before = structured(input);
      const a = readAddressInput(input, options as never);
      expect(readAddressInput(input, options as never)).toEqual(a);
      expect(structured(input)).toEqual(before);
      for (const m of a.mailboxes) {
        expect(m.address).not.toMatch(/[\r\n]/);
        if (m.name !== null) expect(m.name).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/);
      }
    },
  );

  it.prop([fc.oneof(fc.record({ messageId: fc.oneof(fc.string(), anything), headers: headerInput, headerLines: headerInput, from: addressInput, to: addressInput, returnPath: anything }, { requiredKeys: [] }), anything), anything], { numRuns: 1000 })(
    'I9: emailFromParsed never throws and is deterministic',
    (parsed, options) => {
      const a = emailFromParsed(parsed, options as never);
      expect(emailFromParsed(parsed, options as never)).toEqual(a);
      if (a.ok) expect(a.value.messageId.trim()).not.toBe('');
    },
  );

  it.prop([fc.array(fc.record({ key: fc.constantFrom('received', 'x-a'), value: fc.string({ maxLength: 50 }) }), { minLength: 0, maxLength: 3000 })], { numRuns: 30 })(
    'readHeaders reads at most MAX_HEADER_FIELDS fields: the output never grows with the input beyond the cap',
    (entries) => {
      const { headers, issues } = readHeadersWithIssues(entries);
      const read = Object.values(headers).reduce((n, v) => n + v.length, 0);
      expect(read).toBe(Math.min(entries.length, 1000));
      expect(issues.length).toBe(entries.length > 1000 ? 1 : 0);
    },
  );
});
