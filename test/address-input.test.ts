import { simpleParser } from 'mailparser';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { parseAddress, parseAddressList } from '../src/address/index.js';
import { readAddressInput } from '../src/inbound/address-input.js';

const boxes = (input: unknown) => readAddressInput(input).mailboxes.map((m) => [m.name, m.address, m.key]);
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

describe('readAddressInput', () => {
  it('A1: a header string is parsed as today, with the same result as parseAddressList', () => {
    const header = '"Smith, John" <John@Example.COM>, bad@@x, ann@example.org';
    const read = readAddressInput(header);
    const list = parseAddressList(header);
    expect(read.mailboxes).toEqual(list.mailboxes);
    expect(read.invalid.map((i) => [i.code, i.input])).toEqual(list.invalid.map((i) => [i.code, i.input]));
  });

  it('A1: an address object gives the mailbox parseAddress gives, with its name as the display name', () => {
    const read = readAddressInput({ name: 'Ann Baker', address: 'Ann@Customer.EXAMPLE' });
    const parsed = parseAddress('Ann@Customer.EXAMPLE');
    expect(parsed.ok && read.mailboxes).toEqual([{ ...(parsed.ok ? parsed.value : {}), name: 'Ann Baker' }]);
    expect(read.mailboxes[0]?.key).toBe('ann@customer.example');
  });

  it('A1: an empty name is no name', () => {
    expect(boxes({ name: '', address: 'a@x.example' })).toEqual([[null, 'a@x.example', 'a@x.example']]);
    expect(boxes({ name: '  ', address: 'a@x.example' })[0]?.[0]).toBeNull();
  });

  it('A1: an array mixes strings and objects, in order', () => {
    expect(boxes(['Ann <a@x.example>, b@x.example', { name: 'Cleo', address: 'c@x.example' }]).map((b) => b[1])).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
  });

  it("A1: mailparser's AddressObject and an array of them; `text` and `html` are not read", async () => {
    const parsed = await simpleParser('From: a@x.example\r\nTo: Ann <ann@x.example>, Team: b@x.example, c@x.example;\r\n\r\nhi');
    expect(boxes(parsed.to).map((b) => b[1])).toEqual(['ann@x.example', 'b@x.example', 'c@x.example']);
    expect(readAddressInput([parsed.to, parsed.from]).invalid).toEqual([]);
    expect(boxes([parsed.to, parsed.from]).map((b) => b[1])).toEqual(['ann@x.example', 'b@x.example', 'c@x.example', 'a@x.example']);
    expect(boxes({ value: [{ name: 'A', address: 'a@x.example' }], text: 'evil@attacker.test', html: '<a>evil@attacker.test</a>' }).map((b) => b[1])).toEqual(['a@x.example']);
  });

  it('A1: postal-mime groups contribute their members, never the group name', async () => {
    const parsed = await PostalMime.parse('From: a@x.example\r\nTo: Team: b@x.example, Bee <c@x.example>;, d@x.example\r\n\r\nhi');
    expect(boxes(parsed.to)).toEqual([
      [null, 'b@x.example', 'b@x.example'],
      ['Bee', 'c@x.example', 'c@x.example'],
      [null, 'd@x.example', 'd@x.example'],
    ]);
    expect(readAddressInput({ name: 'undisclosed-recipients', group: [] })).toEqual({ mailboxes: [], invalid: [] });
  });

  it('A1: a name is already decoded and is never decoded again', () => {
    expect(boxes({ name: '=?UTF-8?B?QW5u?=', address: 'a@x.example' })[0]?.[0]).toBe('=?UTF-8?B?QW5u?=');
  });

  it('A1: a name with CR, LF or another control character is dropped, the address kept', () => {
    for (const name of ['Ann\r\nBcc: evil@attacker.test', 'Ann\u0000', 'O\u0092Connor', 'Ann\u2028']) {
      const read = readAddressInput({ name, address: 'ann@x.example' });
      expect(read.mailboxes.map((m) => [m.name, m.address])).toEqual([[null, 'ann@x.example']]);
      expect(read.invalid).toEqual([]);
    }
  });

  it('A1: white space in a name is collapsed, tabs included', () => {
    expect(boxes({ name: ' Ann \t Baker ', address: 'a@x.example' })[0]?.[0]).toBe('Ann Baker');
  });

  it('D3: an invalid address in an object is reported with the object and its path', () => {
    const entry = { name: 'Bad', address: 'not an address' };
    const read = readAddressInput([{ address: 'ok@x.example' }, entry]);
    expect(read.mailboxes.map((m) => m.address)).toEqual(['ok@x.example']);
    expect(read.invalid).toEqual([expect.objectContaining({ code: 'invalid-address', input: entry, path: [1, 'address'] })]);
  });

  it('D3: the address field holds one bare address; a name-addr or a list there is refused', () => {
    for (const address of ['Evil <evil@attacker.test>', 'a@x.example, b@x.example', '<a@x.example>']) {
      const read = readAddressInput({ name: 'Ann', address });
      expect(read.mailboxes).toEqual([]);
      expect(read.invalid.map((i) => i.code)).toEqual(['invalid-address']);
    }
  });

  it('D3: a control character in the address is refused with its own code', () => {
    expect(readAddressInput({ address: 'a\r\n@x.example' }).invalid.map((i) => i.code)).toEqual(['control-character']);
  });

  it('anything unrecognisable is reported as invalid-address with the input, never dropped', () => {
    for (const input of [42, true, {}, { name: 'Only a name' }, { address: '' }, { value: 'text' }, [7], Symbol.for('x')]) {
      const read = readAddressInput(input);
      expect(read.mailboxes).toEqual([]);
      expect(read.invalid).toHaveLength(1);
      expect(read.invalid[0]?.code).toBe('invalid-address');
    }
    expect(readAddressInput([7]).invalid[0]).toMatchObject({ input: 7, path: [0] });
  });

  it('nothing is nothing', () => {
    expect(readAddressInput(undefined)).toEqual({ mailboxes: [], invalid: [] });
    expect(readAddressInput(null)).toEqual({ mailboxes: [], invalid: [] });
    expect(readAddressInput([])).toEqual({ mailboxes: [], invalid: [] });
  });

  it('shapes nested deeper than any parser writes them are refused', () => {
    expect(readAddressInput([[[[[[[['a@x.example']]]]]]]]).invalid.map((i) => i.code)).toEqual(['invalid-address']);
  });

  it('D1-style cap: at most maxAddresses entries are read and the rest reported once', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ address: `u${i}@x.example` }));
    const read = readAddressInput(many, { maxAddresses: 10 });
    expect(read.mailboxes).toHaveLength(10);
    expect(read.invalid.map((i) => i.code)).toEqual(['too-many-addresses']);
    const mixed = readAddressInput(['a@x.example, b@x.example', 'c@x.example, d@x.example'], { maxAddresses: 3 });
    expect(mixed.mailboxes.map((m) => m.address)).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
    expect(mixed.invalid.map((i) => i.code)).toEqual(['too-many-addresses']);
  });

  it('I9: never mutates its input', () => {
    const input = deepFreeze([{ value: [{ name: 'A', address: 'a@x.example', group: undefined }], text: 'A <a@x.example>', html: '' }, { name: 'T', group: [{ name: '', address: 'b@x.example' }] }]);
    const copy = structuredClone(input);
    readAddressInput(input);
    expect(input).toEqual(copy);
  });

  it('A3: identity options reach the parser', () => {
    expect(readAddressInput({ address: 'Ann@x.example' }, { caseSensitiveLocalPart: true }).mailboxes[0]?.key).toBe('Ann@x.example');
  });
});
