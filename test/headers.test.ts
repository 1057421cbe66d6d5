import { simpleParser } from 'mailparser';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { headerValues, MAX_HEADER_CHARS, MAX_HEADER_FIELDS, readHeaders, readHeadersWithIssues } from '../src/inbound/headers.js';

const RAW = [
  'From: Ann <ann@customer.example>',
  'To: support@desk.example',
  'Received: from a.example by b.example;',
  '\tMon, 3 Mar 2025 10:00:00 +0000',
  'Received: from c.example by a.example; Mon, 3 Mar 2025 09:59:00 +0000',
  'Auto-Submitted: auto-replied',
  'List-Id: Users <users.lists.example>',
  'List-Unsubscribe: <mailto:leave@lists.example>,',
  ' <https://lists.example/leave>',
  'Return-Path: <>',
  'Date: Mon, 3 Mar 2025 10:00:00 +0000',
  'Message-ID: <m1@customer.example>',
  'Content-Type: multipart/report; report-type=delivery-status;',
  ' boundary="XX"',
  '',
  '--XX',
  'Content-Type: text/plain',
  '',
  'hi',
  '--XX--',
  '',
].join('\r\n');

describe('readHeaders', () => {
  it("reads postal-mime's { key, value } list: every occurrence in order, lower-case names", async () => {
    const h = readHeaders((await PostalMime.parse(RAW)).headers);
    expect(h['received']).toHaveLength(2);
    expect(h['received']?.[0]).toMatch(/^from a\.example by b\.example;\s+Mon, 3 Mar 2025 10:00:00 \+0000$/);
    expect(h['received']?.[1]).toBe('from c.example by a.example; Mon, 3 Mar 2025 09:59:00 +0000');
    expect(h['auto-submitted']).toEqual(['auto-replied']);
    expect(h['return-path']).toEqual(['<>']);
  });

  it('reads raw { key, line } header lines, unfolding folded values', async () => {
    const h = readHeaders((await simpleParser(RAW)).headerLines);
    expect(h['list-unsubscribe']).toEqual(['<mailto:leave@lists.example>, <https://lists.example/leave>']);
    expect(h['content-type']).toEqual(['multipart/report; report-type=delivery-status; boundary="XX"']);
    expect(h['received']).toHaveLength(2);
  });

  it("reads mailparser's headers Map: address objects as their text, { value, params } as header text, List-* back from `list`, an empty Return-Path as <>", async () => {
    const h = readHeaders((await simpleParser(RAW)).headers);
    expect(h['from']).toEqual(['"Ann" <ann@customer.example>']);
    expect(h['content-type']).toEqual(['multipart/report; report-type="delivery-status"; boundary="XX"']);
    expect(h['list-id']).toEqual(['Users <users.lists.example>']);
    expect(h['list-unsubscribe']?.[0]).toMatch(/^<(mailto:leave@lists\.example|https:\/\/lists\.example\/leave)>$/);
    expect(h['return-path']).toEqual(['<>']);
    expect(h['date']).toEqual(['2025-03-03T10:00:00.000Z']);
    expect(h['auto-submitted']).toEqual(['auto-replied']);
  });

  it('reads a plain object in any case, with string or string[] values', () => {
    expect(readHeaders({ 'AUTO-Submitted': 'auto-replied', received: ['a', ' b\r\n c '] })).toEqual({ 'auto-submitted': ['auto-replied'], received: ['a', 'b c'] });
  });

  it('reads [name, value] pairs (Map entries spread into an array)', () => {
    expect(readHeaders([['Precedence', 'bulk']])).toEqual({ precedence: ['bulk'] });
  });

  it('output is plain JSON', async () => {
    const h = readHeaders((await simpleParser(RAW)).headers);
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
    expect(Object.getPrototypeOf(h)).toBe(Object.prototype);
  });

  it('a line break that is not folding becomes a space; a value is always one line', () => {
    expect(readHeaders({ Subject: 'a\r\nBcc: evil@attacker.test' })).toEqual({ subject: ['a Bcc: evil@attacker.test'] });
  });

  it('reports what it cannot read and keeps the rest', () => {
    const { headers, issues } = readHeadersWithIssues([{ key: 'precedence', value: 'bulk' }, 42, { key: 'bad name', value: 'x' }, { line: 'no colon here' }, { key: 'x-n', value: 7 }]);
    expect(headers).toEqual({ precedence: ['bulk'] });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid-header', [1]],
      ['invalid-header', [2]],
      ['invalid-header', [3]],
      ['invalid-header', [4]],
    ]);
    expect(issues[0]?.input).toBe(42);
  });

  it('a string, a number or nothing is no header set', () => {
    expect(readHeadersWithIssues('Precedence: bulk').issues.map((i) => i.code)).toEqual(['invalid-header']);
    expect(readHeadersWithIssues(undefined)).toEqual({ headers: {}, issues: [] });
  });

  it('a header named __proto__ is data, never a prototype', () => {
    const h = readHeaders([{ key: '__proto__', value: 'x' }, { key: 'constructor', value: 'y' }]);
    expect(Object.getPrototypeOf(h)).toBe(Object.prototype);
    expect(Object.hasOwn(h, '__proto__')).toBe(true);
    expect(headerValues(h, '__proto__')).toEqual(['x']);
    expect(headerValues({}, 'constructor')).toEqual([]);
  });

  it(`reads at most ${MAX_HEADER_FIELDS} fields and reports the rest once`, () => {
    const many = Array.from({ length: MAX_HEADER_FIELDS * 50 }, (_, i) => ({ key: 'received', value: `hop ${i}` }));
    const { headers, issues } = readHeadersWithIssues(many);
    expect(headers['received']).toHaveLength(MAX_HEADER_FIELDS);
    expect(issues.map((i) => i.code)).toEqual(['headers-too-large']);
  });

  it('refused entries count against the cap too, so garbage cannot grow the issue list without bound', () => {
    const { issues } = readHeadersWithIssues(Array.from({ length: MAX_HEADER_FIELDS * 5 }, () => 0));
    expect(issues).toHaveLength(MAX_HEADER_FIELDS + 1);
    expect(issues.at(-1)?.code).toBe('headers-too-large');
  });

  it(`reads at most ${MAX_HEADER_CHARS} characters in all`, () => {
    const big = 'x'.repeat(100_000);
    const { headers, issues } = readHeadersWithIssues(Array.from({ length: 10 }, () => ({ key: 'x-big', value: big })));
    expect(headers['x-big']!.length * big.length).toBeLessThanOrEqual(MAX_HEADER_CHARS);
    expect(issues.map((i) => i.code)).toEqual(['headers-too-large']);
  });
});
