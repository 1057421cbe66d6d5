import { describe, expect, it } from 'vitest';
import { defaultSettings, formatPath, parseSettings, presets } from '../src/index.js';

describe('D6: settings from JSON', () => {
  it('D6: an empty object gives the SPEC defaults', () => {
    expect(parseSettings({})).toEqual({ ok: true, value: defaultSettings });
    expect(defaultSettings).toMatchObject({
      ccLimit: 48,
      denylist: [],
      emailCcsEnabled: true,
      followersEnabled: true,
      lightAgentsMayFollow: true,
      agentCcBecomesFollower: false,
      onDroppedRecipients: 'notify',
      ccReplyWithoutRequester: 'public',
      thirdPartyReply: 'internal',
      agentEmailRepliesPublic: true,
      caseSensitiveLocalPart: false,
    });
  });

  it('D6: every problem is named by its path', () => {
    const r = parseSettings({ ccLimit: -1, denylist: ['ok@x.example', 7, 'a b@x'], emailCcsEnabled: 'yes', onDroppedRecipients: 'drop', colour: 'red' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => [i.code, formatPath(i.path)])).toEqual([
      ['out-of-range', 'ccLimit'],
      ['wrong-type', 'denylist[1]'],
      ['invalid-pattern', 'denylist[2]'],
      ['wrong-type', 'emailCcsEnabled'],
      ['invalid-value', 'onDroppedRecipients'],
      ['unknown-field', 'colour'],
    ]);
    for (const issue of r.error) expect(issue.message.length).toBeGreaterThan(10);
  });

  it('D6: a Zendesk-style denylist string of entries separated by spaces is accepted', () => {
    const r = parseSettings({ denylist: 'bot@example.com  *.spam.example\nno-reply*@*' });
    expect(r).toMatchObject({ ok: true, value: { denylist: ['bot@example.com', '*.spam.example', 'no-reply*@*'] } });
  });

  it('D6: ccLimit may be null for no limit, and must be a whole number otherwise', () => {
    expect(parseSettings({ ccLimit: null })).toMatchObject({ ok: true, value: { ccLimit: null } });
    expect(parseSettings({ ccLimit: 2.5 })).toMatchObject({ ok: false, error: [{ code: 'wrong-type', path: ['ccLimit'] }] });
  });

  it('D6: __proto__ and constructor keys in stored JSON pollute nothing', () => {
    const r = parseSettings(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "ccLimit": 5}'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((i) => formatPath(i.path)).sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(defaultSettings)).toBe(Object.prototype);
  });

  it('D6: not an object at all', () => {
    for (const input of [null, 3, 'x', []]) expect(parseSettings(input)).toMatchObject({ ok: false, error: [{ code: 'not-an-object' }] });
  });

  it('D6: presets are valid settings', () => {
    for (const preset of Object.values(presets)) expect(parseSettings(preset)).toEqual({ ok: true, value: preset });
  });
});
