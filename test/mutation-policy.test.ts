// Behaviour pinned after mutation testing of src/policy and src/ticket/recipient-set.ts:
// each test checks a side of a rule the older tests left open (the permitted case next to a
// refused one, the setting that turns a check off, a change read back later in one command).
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../src/policy/policy.js';
import { ccLimitIssue, fieldIssue, fieldLabel, forbiddenIssue, permissionIssue } from '../src/policy/admission.js';
import { createDirectory, createSettings, defaultSettings, handle, parseSettings, presets, type Actor, type AddressKey, type Ticket } from '../src/index.js';
import { parseAddress } from '../src/address/parse-list.js';
import { addresses, agent, contextWith, edit, email, lightAgent, must, opened } from './support/tickets.js';

const mailbox = (text: string) => {
  const r = parseAddress(text);
  if (!r.ok) throw new Error(text);
  return r.value;
};

const refusedCodes = (ticket: Ticket, command: Parameters<typeof handle>[1], context = contextWith()) => {
  const r = handle(ticket, command, context);
  return r.ok ? [] : r.error.map((i) => i.code);
};

const policy = (overrides: Partial<typeof defaultSettings> = {}) => compilePolicy({ ...defaultSettings, supportAddresses: ['support@desk.example'], ...overrides });
const people = createDirectory([
  { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
  { address: 'liam@desk.example', kind: 'light-agent', id: 'liam' },
  { address: 'mia@desk.example', kind: 'admin', id: 'mia' },
  { address: 'eve@acme.example', kind: 'end-user', id: 'eve' },
]);

describe('D4: who may do what, on both sides of each line', () => {
  const ann = mailbox('ann@acme.example');
  const liam = mailbox('liam@desk.example');
  const light: Actor = { kind: 'light-agent', id: 'liam' };
  const endUser: Actor = { kind: 'end-user', address: 'eve@acme.example' };

  it('D4: agents, admins, rules and the system may add, remove and set the requester for any cause', () => {
    for (const by of [{ kind: 'agent', id: 'kate' }, { kind: 'admin', id: 'mia' }, { kind: 'rule', ruleId: 'r' }, { kind: 'system' }] as Actor[]) {
      for (const op of ['add', 'remove', 'set-requester'] as const) {
        expect(permissionIssue(policy(), people, by, 'agent-edit', op, op === 'set-requester' ? 'requester' : 'cc', ann)).toBeNull();
      }
    }
  });

  it('D4: a light agent may not change the requester from the desk, and the refusal says so', () => {
    const refused = permissionIssue(policy(), people, light, 'agent-edit', 'set-requester', 'requester', ann);
    expect(refused).toMatchObject({ code: 'not-permitted', input: 'ann@acme.example', field: 'requester' });
    expect(refused?.message).toBe('A light agent may not change the requester.');
  });

  it('D4: a light agent whose email opens a ticket becomes its requester', () => {
    expect(permissionIssue(policy(), people, light, 'inbound-email', 'set-requester', 'requester', liam)).toBeNull();
  });

  it('D4: a light agent may not add CCs or BCCs, and the message names the field', () => {
    expect(permissionIssue(policy(), people, light, 'agent-edit', 'add', 'cc', ann)?.message).toBe('A light agent may not add CCs.');
    expect(permissionIssue(policy(), people, light, 'agent-edit', 'add', 'bcc', ann)?.message).toBe('A light agent may not add BCCs.');
  });

  it('D4: a light agent may remove someone else, but not themselves', () => {
    expect(permissionIssue(policy(), people, light, 'agent-edit', 'remove', 'cc', ann)).toBeNull();
    expect(permissionIssue(policy(), people, light, 'agent-edit', 'remove', 'cc', liam)).toMatchObject({ code: 'not-permitted', message: 'A light agent may not remove themselves as CC.' });
  });

  it('D4: a light agent unknown to the directory is not taken for whoever matches nobody', () => {
    // byId gives undefined and byKey of a stranger gives undefined: that must not read as "themselves".
    expect(permissionIssue(policy(), people, { kind: 'light-agent', id: 'ghost' }, 'agent-edit', 'remove', 'cc', mailbox('stranger@acme.example'))).toBeNull();
  });

  it('D4: light agents add and remove followers (themselves included) when following is allowed', () => {
    expect(permissionIssue(policy(), people, light, 'agent-edit', 'add', 'follower', liam)).toBeNull();
    expect(permissionIssue(policy(), people, light, 'agent-edit', 'remove', 'follower', liam)).toBeNull();
  });

  it('D4: an end user changes recipients by email only, CCs only, and only with emailCcsEnabled', () => {
    expect(permissionIssue(policy(), people, endUser, 'agent-edit', 'add', 'cc', ann)?.message).toBe('End users change recipients only by email.');
    expect(permissionIssue(policy(), people, endUser, 'agent-edit', 'set-requester', 'requester', ann)?.code).toBe('not-permitted');
    expect(permissionIssue(policy(), people, endUser, 'inbound-email', 'set-requester', 'requester', ann)).toBeNull();
    expect(permissionIssue(policy(), people, endUser, 'inbound-email', 'add', 'cc', ann)).toBeNull();
    expect(permissionIssue(policy(), people, endUser, 'inbound-email', 'remove', 'cc', ann)).toBeNull();
    expect(permissionIssue(policy(), people, endUser, 'inbound-email', 'add', 'bcc', ann)?.message).toBe('End users may not change BCCs.');
    expect(permissionIssue(policy(), people, endUser, 'inbound-email', 'add', 'follower', ann)?.message).toBe('End users may not change followers.');
    expect(permissionIssue(policy({ emailCcsEnabled: false }), people, endUser, 'inbound-email', 'add', 'cc', ann)).toMatchObject({ code: 'ccs-disabled', field: 'cc' });
  });

  it('D4: a light agent may not resolve a notice, and neither may an end user; an admin may', () => {
    const t = noticed();
    const notice = t.notices[0]!;
    for (const by of [lightAgent, { kind: 'end-user', address: 'ann@acme.example' }] as Actor[]) {
      expect(refusedCodes(t, { type: 'resolve-notice', noticeId: notice.id, resolution: 'update-recipients', by, at: 't' })).toEqual(['not-permitted']);
    }
    const r = handle(t, { type: 'resolve-notice', noticeId: notice.id, resolution: 'update-recipients', by: { kind: 'admin', id: 'mia' }, at: 't' }, contextWith());
    expect(r.ok).toBe(true);
  });

  it('D4: a light agent may not set the requester in an edit; an agent may', () => {
    const t = opened('ann@acme.example');
    expect(refusedCodes(t, edit([{ op: 'set-requester', address: 'dan@acme.example' }], lightAgent))).toEqual(['not-permitted']);
    expect(must(t, edit([{ op: 'set-requester', address: 'dan@acme.example' }], agent)).ticket!.requester?.address).toBe('dan@acme.example');
  });

  it("D4: a light agent removes another person's CC in an edit, but not their own", () => {
    const t = opened('ann@acme.example', ['bob@acme.example', 'liam@desk.example']);
    expect(addresses(must(t, edit([{ op: 'remove', field: 'cc', address: 'bob@acme.example' }], lightAgent)).ticket!.ccs)).toEqual(['liam@desk.example']);
    expect(refusedCodes(t, edit([{ op: 'remove', field: 'cc', address: 'liam@desk.example' }], lightAgent))).toEqual(['not-permitted']);
  });
});

/** A ticket with an open notice: Ann's reply left Bob out. */
function noticed(): Ticket {
  const t = opened('ann@acme.example', ['bob@acme.example']);
  const r = must(t, { type: 'receive-email', messageId: '<n@x>', at: 't', from: 'ann@acme.example', to: 'support@desk.example', cc: 'cleo@acme.example' });
  expect(r.ticket!.notices).toHaveLength(1);
  return r.ticket!;
}

describe('C1, A4, D1, D5: recipient changes read back', () => {
  it('C1: removing a follower takes them off the followers and records it', () => {
    let t = opened('ann@acme.example');
    t = must(t, edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;
    expect(addresses(t.followers)).toEqual(['otto@desk.example']);
    const r = must(t, edit([{ op: 'remove', field: 'follower', address: 'otto@desk.example' }]));
    expect(r.ticket!.followers).toEqual([]);
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'removed', field: 'follower' }));
  });

  it('C1: removing who is not there is a no-op, also for followers', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const r = must(t, edit([{ op: 'remove', field: 'follower', address: 'bob@acme.example' }, { op: 'remove', field: 'bcc', address: 'bob@acme.example' }]));
    expect(r.events.filter((e) => e.type === 'removed')).toEqual([]);
    expect(addresses(r.ticket!.ccs)).toEqual(['bob@acme.example']);
  });

  it('A4: making a BCC the requester takes them out of BCC (requester outranks BCC)', () => {
    let t = opened('ann@acme.example');
    t = must(t, edit([{ op: 'add', field: 'bcc', address: 'bea@acme.example' }])).ticket!;
    const r = must(t, edit([{ op: 'set-requester', address: 'bea@acme.example' }]));
    expect(r.ticket!.requester?.address).toBe('bea@acme.example');
    expect(r.ticket!.bccs).toEqual([]);
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'removed', field: 'bcc' }));
  });

  it('A4: making a CC the requester takes them out of CC', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const r = must(t, edit([{ op: 'set-requester', address: 'bob@acme.example' }]));
    expect(r.ticket!.ccs).toEqual([]);
    expect(r.ticket!.requester?.address).toBe('bob@acme.example');
  });

  it('A4: setting the requester to the requester records nothing', () => {
    const t = opened('ann@acme.example');
    expect(must(t, edit([{ op: 'set-requester', address: 'ANN@acme.example' }])).events.filter((e) => e.type === 'requester-changed')).toEqual([]);
  });

  it('A4: a BCC named as CC moves up to CC; a CC named as BCC is a role conflict', () => {
    let t = opened('ann@acme.example', ['bob@acme.example']);
    t = must(t, edit([{ op: 'add', field: 'bcc', address: 'bea@acme.example' }])).ticket!;
    const up = must(t, edit([{ op: 'add', field: 'cc', address: 'bea@acme.example' }])).ticket!;
    expect(addresses(up.ccs)).toEqual(['bob@acme.example', 'bea@acme.example']);
    expect(up.bccs).toEqual([]);
    expect(refusedCodes(t, edit([{ op: 'add', field: 'bcc', address: 'bob@acme.example' }]))).toEqual(['role-conflict']);
  });

  it('D5: the requester added as CC or BCC stays requester, with no event', () => {
    const t = opened('ann@acme.example');
    const r = must(t, edit([{ op: 'add', field: 'cc', address: 'ann@acme.example' }, { op: 'add', field: 'bcc', address: 'ann@acme.example' }]));
    expect(r.events.filter((e) => e.type === 'added')).toEqual([]);
  });

  it('D1: with ccLimit null there is no limit', () => {
    const many = Array.from({ length: 60 }, (_, i) => `p${i}@acme.example`);
    const t = opened('ann@acme.example', [], contextWith({ ccLimit: null }));
    const r = must(t, edit(many.map((address) => ({ op: 'add' as const, field: 'cc' as const, address }))), contextWith({ ccLimit: null }));
    expect(r.ticket!.ccs).toHaveLength(60);
    expect(ccLimitIssue(policy({ ccLimit: null }), 1_000_000, mailbox('x@acme.example'))).toBeNull();
  });

  it('D1: the limit counts CCs only: a BCC is added at the CC limit', () => {
    const ctx = contextWith({ ccLimit: 1 });
    const t = opened('ann@acme.example', ['bob@acme.example'], ctx);
    const r = must(t, edit([{ op: 'add', field: 'bcc', address: 'bea@acme.example' }]), ctx);
    expect(addresses(r.ticket!.bccs)).toEqual(['bea@acme.example']);
  });

  it('D1: the limit is reached at exactly ccLimit CCs, not before', () => {
    expect(ccLimitIssue(policy({ ccLimit: 2 }), 1, mailbox('x@acme.example'))).toBeNull();
    expect(ccLimitIssue(policy({ ccLimit: 2 }), 2, mailbox('x@acme.example'))).toMatchObject({ code: 'cc-limit-exceeded', limit: 2, count: 2, field: 'cc', input: 'x@acme.example' });
    expect(ccLimitIssue(policy({ ccLimit: 0 }), 0, mailbox('x@acme.example'))?.code).toBe('cc-limit-exceeded');
  });

  it('D1: a CC added earlier in one command counts against the limit later in it', () => {
    const ctx = contextWith({ ccLimit: 2 });
    const t = opened('ann@acme.example', ['bob@acme.example'], ctx);
    const codes = refusedCodes(t, edit([{ op: 'add', field: 'cc', address: 'c1@acme.example' }, { op: 'add', field: 'cc', address: 'c2@acme.example' }]), ctx);
    expect(codes).toEqual(['cc-limit-exceeded']);
  });

  it('C1: a change made earlier in a command is read back later in it', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    // The CC added first is a CC when the BCC addition is checked: a role conflict.
    expect(refusedCodes(t, edit([{ op: 'add', field: 'bcc', address: 'cy@acme.example' }, { op: 'add', field: 'cc', address: 'cy@acme.example' }]))).toEqual(['role-conflict']);
    // Removed first, so free to be a BCC.
    const moved = must(t, edit([{ op: 'add', field: 'bcc', address: 'bob@acme.example' }, { op: 'remove', field: 'cc', address: 'bob@acme.example' }])).ticket!;
    expect(addresses(moved.bccs)).toEqual(['bob@acme.example']);
    expect(moved.ccs).toEqual([]);
    // The new requester is no longer a CC when asked to be added as one.
    const promoted = must(t, edit([{ op: 'add', field: 'cc', address: 'bob@acme.example' }, { op: 'set-requester', address: 'bob@acme.example' }])).ticket!;
    expect(promoted.requester?.address).toBe('bob@acme.example');
    expect(promoted.ccs).toEqual([]);
    // A follower added once in a command is not added twice.
    const followed = must(t, edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }, { op: 'add', field: 'follower', address: 'OTTO@desk.example' }]));
    expect(followed.events.filter((e) => e.type === 'added' && e.field === 'follower')).toHaveLength(1);
  });

  it('C1: removing then re-adding a follower in one command reads the removal back', () => {
    let t = opened('ann@acme.example');
    t = must(t, edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;
    const r = must(t, edit([{ op: 'remove', field: 'follower', address: 'otto@desk.example' }, { op: 'add', field: 'follower', address: 'otto@desk.example' }]));
    expect(addresses(r.ticket!.followers)).toEqual(['otto@desk.example']);
    expect(r.events.map((e) => e.type)).toEqual(['removed', 'added']);
  });

  it('C1: the former requester becomes a CC only when formerRequesterBecomesCc', () => {
    const t = opened('ann@acme.example');
    expect(must(t, edit([{ op: 'set-requester', address: 'dan@acme.example' }])).ticket!.ccs).toEqual([]);
    const ctx = contextWith({ formerRequesterBecomesCc: true });
    expect(addresses(must(t, edit([{ op: 'set-requester', address: 'dan@acme.example' }]), ctx).ticket!.ccs)).toEqual(['ann@acme.example']);
  });
});

describe('A5, D2, D4: admission checks of fields and addresses', () => {
  it('A5: a support address is refused in every field, the requester included', () => {
    for (const field of ['requester', 'cc', 'bcc', 'follower'] as const) {
      expect(forbiddenIssue(policy(), mailbox('support@desk.example'), field)).toMatchObject({ code: 'support-address', field });
    }
  });

  it('D2: a denylisted address may be the requester but no CC, BCC or follower', () => {
    const p = policy({ denylist: ['spam.example'] });
    expect(forbiddenIssue(p, mailbox('bot@spam.example'), 'requester')).toBeNull();
    expect(forbiddenIssue(p, mailbox('bot@spam.example'), 'bcc')).toMatchObject({ code: 'denylisted', message: 'bot@spam.example is on the denylist and may not be a BCC.' });
    expect(forbiddenIssue(p, mailbox('ok@acme.example'), 'cc')).toBeNull();
  });

  it('D4: followers are agents, light agents only with lightAgentsMayFollow, and none when followers are off', () => {
    const kate = mailbox('kate@desk.example');
    const liam = mailbox('liam@desk.example');
    expect(fieldIssue(policy(), people, kate, 'follower')).toBeNull();
    expect(fieldIssue(policy(), people, liam, 'follower')).toBeNull();
    expect(fieldIssue(policy({ lightAgentsMayFollow: false }), people, liam, 'follower')?.code).toBe('not-permitted');
    expect(fieldIssue(policy({ lightAgentsMayFollow: false }), people, kate, 'follower')).toBeNull();
    expect(fieldIssue(policy(), people, mailbox('eve@acme.example'), 'follower')?.code).toBe('not-an-agent');
    expect(fieldIssue(policy({ followersEnabled: false }), people, kate, 'follower')?.code).toBe('followers-disabled');
    expect(fieldIssue(policy({ followersEnabled: false }), people, kate, 'cc')).toBeNull();
    expect(fieldIssue(policy({ bccEnabled: false }), people, kate, 'bcc')?.code).toBe('bcc-disabled');
    expect(fieldIssue(policy({ bccEnabled: false }), people, kate, 'cc')).toBeNull();
  });

  it('A4: field labels in messages', () => {
    expect([fieldLabel('cc'), fieldLabel('bcc'), fieldLabel('follower'), fieldLabel('requester'), fieldLabel('to')]).toEqual(['CC', 'BCC', 'follower', 'requester', 'to']);
  });
});

describe('D6: settings read back', () => {
  it('D6: list entries are trimmed, strings split on spaces, commas and new lines', () => {
    const r = parseSettings({ denylist: [' bot@x.example '], supportAddresses: 'a@desk.example,\nb@desk.example  c.example' });
    expect(r.ok && r.value.denylist).toEqual(['bot@x.example']);
    expect(r.ok && r.value.supportAddresses).toEqual(['a@desk.example', 'b@desk.example', 'c.example']);
  });

  it('D6: a non-object is not-an-object; a bad entry is reported at its index; a string list at the field', () => {
    expect(parseSettings(7)).toMatchObject({ ok: false, error: [{ code: 'not-an-object', path: [] }] });
    const r = parseSettings({ denylist: ['ok.example', 5, 'a@@b'] });
    expect(r.ok ? [] : r.error.map((i) => [i.code, i.path])).toEqual([
      ['wrong-type', ['denylist', 1]],
      ['invalid-pattern', ['denylist', 2]],
    ]);
    const s = parseSettings({ supportAddresses: 'ok.example a@@b' });
    expect(s.ok ? [] : s.error.map((i) => [i.code, i.path])).toEqual([['invalid-pattern', ['supportAddresses']]]);
    expect(parseSettings({ denylist: 5 })).toMatchObject({ ok: false, error: [{ code: 'wrong-type', path: ['denylist'] }] });
  });

  it('D6: ccLimit accepts 0 and 10000, refuses 10001 and -1', () => {
    expect(parseSettings({ ccLimit: 0 }).ok).toBe(true);
    expect(parseSettings({ ccLimit: 10_000 }).ok).toBe(true);
    expect(parseSettings({ ccLimit: 10_001 }).ok).toBe(false);
    expect(parseSettings({ ccLimit: -1 }).ok).toBe(false);
  });

  it('D6: createSettings throws with every message for a typed caller’s mistake', () => {
    expect(() => createSettings({ ccLimit: -1 })).toThrow(TypeError);
    expect(createSettings({ ccLimit: 3 }).ccLimit).toBe(3);
    expect(createSettings().ccLimit).toBe(defaultSettings.ccLimit);
  });

  it('P2, P3: presets differ from the defaults where documented', () => {
    expect(presets.omnidesk).toEqual(defaultSettings);
    expect(presets.zendesk).toMatchObject({ ccLimit: 48, onDroppedRecipients: 'apply', ccReplyWithoutRequester: 'private', bccEnabled: false, followersEnabled: true, internalNotesToStaffCcs: false });
    expect(presets.servicecamp).toMatchObject({ ccLimit: 10, emailCcsEnabled: false, onDroppedRecipients: 'keep', ccReplyWithoutRequester: 'public', bccEnabled: false });
  });
});

describe('A5: the policy compiles patterns leniently', () => {
  it('A5: settings that skipped parseSettings: a string is split, non-strings and bad patterns match nothing', () => {
    const p = compilePolicy({ ...defaultSettings, supportAddresses: 'support@desk.example other.example' as never, denylist: [5, 'a@@b', 'spam.example'] as never });
    expect(p.support).toHaveLength(2);
    expect(p.denylist).toHaveLength(1);
    expect(compilePolicy({ ...defaultSettings, denylist: 5 as never }).denylist).toEqual([]);
  });

  it('A3: the policy carries the identity options of the settings', () => {
    expect(compilePolicy({ ...defaultSettings, caseSensitiveLocalPart: true }).identity).toEqual({ caseSensitiveLocalPart: true });
  });
});

describe('H5 groundwork: the directory', () => {
  it('D7: the first entry for an address or id wins; non-objects and bad addresses are skipped', () => {
    const d = createDirectory([null as never, { address: 'not an address', kind: 'agent', id: 'x' }, { address: 'a@desk.example', kind: 'agent', id: 'a' }, { address: 'A@desk.example', kind: 'admin', id: 'a' }]);
    expect(d.byKey(mailbox('a@desk.example').key)?.kind).toBe('agent');
    expect(d.byId('a')?.kind).toBe('agent');
    expect(d.byId('x')?.address).toBe('not an address');
    expect(createDirectory('nope' as never).byId('a')).toBeUndefined();
  });
});

describe('D2 A5 D4: each admission check names the field it refused, and leaves the path to the caller', () => {
  const ann = mailbox('ann@acme.example');
  const kateM = mailbox('kate@desk.example');
  const liamM = mailbox('liam@desk.example');
  const eveM = mailbox('eve@acme.example');
  const p = policy({ denylist: ['ann@acme.example'] });
  const whole = (code: string, input: string, field: string, more: object = {}) => ({ code, message: expect.any(String), input, path: [], field, ...more });

  it('A5 D2: support and denylisted addresses', () => {
    expect(forbiddenIssue(p, mailbox('support@desk.example'), 'cc')).toEqual(whole('support-address', 'support@desk.example', 'cc'));
    expect(forbiddenIssue(p, ann, 'bcc')).toEqual(whole('denylisted', 'ann@acme.example', 'bcc'));
    expect(forbiddenIssue(p, ann, 'requester')).toBeNull();
  });

  it('D4: BCC off, followers off, a follower who is no agent, a light agent who may not follow', () => {
    expect(fieldIssue(policy({ bccEnabled: false }), people, ann, 'bcc')).toEqual(whole('bcc-disabled', 'ann@acme.example', 'bcc'));
    expect(fieldIssue(policy({ followersEnabled: false }), people, kateM, 'follower')).toEqual(whole('followers-disabled', 'kate@desk.example', 'follower'));
    expect(fieldIssue(policy(), people, eveM, 'follower')).toEqual(whole('not-an-agent', 'eve@acme.example', 'follower'));
    expect(fieldIssue(policy({ lightAgentsMayFollow: false }), people, liamM, 'follower')).toEqual(whole('not-permitted', 'liam@desk.example', 'follower'));
  });

  it('D1 D4: the CC limit and permissions', () => {
    expect(ccLimitIssue(policy({ ccLimit: 2 }), 2, ann)).toEqual(whole('cc-limit-exceeded', 'ann@acme.example', 'cc', { limit: 2, count: 2 }));
    expect(permissionIssue(policy(), people, { kind: 'light-agent', id: 'liam' }, 'agent-edit', 'add', 'bcc', ann)).toEqual(whole('not-permitted', 'ann@acme.example', 'bcc'));
    expect(permissionIssue(policy({ emailCcsEnabled: false }), people, { kind: 'end-user', address: 'eve@acme.example' }, 'inbound-email', 'add', 'cc', ann)).toEqual(whole('ccs-disabled', 'ann@acme.example', 'cc'));
  });

  it('D4: a refusal read through an edit keeps its field and gets the change’s path', () => {
    const r = handle(opened(), edit([{ op: 'add', field: 'bcc', address: 'ann2@acme.example' }]), contextWith({ bccEnabled: false }));
    expect(r.ok ? [] : r.error.map((i) => [i.code, (i as { field?: string }).field])).toEqual([['bcc-disabled', 'bcc']]);
  });

  it('D4: a light agent adds nobody, whatever the cause: inbound email only lets their mail open a ticket', () => {
    const light: Actor = { kind: 'light-agent', id: 'liam' };
    for (const op of ['add'] as const) for (const field of ['cc', 'bcc'] as const) expect(permissionIssue(policy(), people, light, 'inbound-email', op, field, ann)).toMatchObject({ code: 'not-permitted', field });
  });

  it('H5 D2: a person’s second address that is denylisted or a desk address is refused, though their main one is not', () => {
    const dir = createDirectory([
      { address: 'ivan@work.example', addresses: ['ivan@spam.example'], kind: 'end-user' },
      { address: 'olga@work.example', addresses: ['olga@desk.example'], kind: 'end-user' },
      { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
    ]);
    const ctx = { settings: { supportAddresses: ['support@desk.example', 'desk.example'], denylist: ['spam.example'] }, directory: dir };
    const t = opened('ann@acme.example', [], ctx);
    const spam = handle(t, edit([{ op: 'add', field: 'cc', address: 'ivan@spam.example' }]), ctx);
    expect(spam.ok ? [] : spam.error.map((i) => i.code)).toEqual(['denylisted']);
    const desk = handle(t, edit([{ op: 'add', field: 'cc', address: 'olga@desk.example' }]), ctx);
    expect(desk.ok ? [] : desk.error.map((i) => i.code)).toEqual(['support-address']);
    expect(must(t, edit([{ op: 'add', field: 'cc', address: 'ivan@work.example' }]), ctx).ticket!.ccs.map((m) => m.key)).toEqual(['ivan@work.example']);
  });
});

const key = (text: string) => text as AddressKey;

describe('H5: the directory’s people and their addresses', () => {
  const codesAt = (d: ReturnType<typeof createDirectory>) => d.issues.map((i) => [i.code, i.path.join('.')]);

  it('H5: plain entries repeating an address are no issue (the first wins); byId knows no entry without an id', () => {
    const d = createDirectory([{ address: 'a@desk.example', kind: 'agent', id: 'a' }, { address: 'A@desk.example', kind: 'admin' }, { address: 'b@desk.example', kind: 'agent' }]);
    expect(d.issues).toEqual([]);
    expect(d.byId(undefined as never)).toBeUndefined();
    expect(d.hasAliases).toBe(false);
    expect(d.personKey(key('a@desk.example'))).toBe('a@desk.example');
    expect(d.preferredAddress(key('a@desk.example'))).toBeUndefined();
  });

  it('H5: further addresses map to the person; a preferred one is where plans send', () => {
    const d = createDirectory([{ address: 'ivan@work.example', addresses: ['Ivan@Home.Example', 'ivan@work.example'], preferred: 'ivan@home.example', kind: 'end-user' }]);
    expect(d.issues).toEqual([]);
    expect(d.hasAliases).toBe(true);
    expect(d.personKey(key('ivan@home.example'))).toBe('ivan@work.example');
    expect(d.personKey(key('ivan@work.example'))).toBe('ivan@work.example');
    expect(d.preferredAddress(key('ivan@home.example'))).toBe('ivan@home.example');
    expect(d.preferredAddress(key('ivan@work.example'))).toBe('ivan@home.example');
    expect(d.byKey(key('ivan@home.example'))?.address).toBe('ivan@work.example');
  });

  it('H5: the main address may be the preferred one; listing only the main address makes no alias', () => {
    const d = createDirectory([{ address: 'ivan@work.example', addresses: ['ivan@work.example'], preferred: 'ivan@work.example', kind: 'end-user' }]);
    expect(d.issues).toEqual([]);
    expect(d.hasAliases).toBe(false);
    expect(d.preferredAddress(key('ivan@work.example'))).toBe('ivan@work.example');
  });

  it('H5: a preferred address given alone must be the main one', () => {
    expect(codesAt(createDirectory([{ address: 'ivan@work.example', preferred: 'ivan@home.example', kind: 'end-user' }]))).toEqual([['preferred-not-listed', '0.preferred']]);
    const ok = createDirectory([{ address: 'ivan@work.example', preferred: 'IVAN@work.example', kind: 'end-user' }]);
    expect([ok.issues, ok.preferredAddress(key('ivan@work.example'))]).toEqual([[], 'IVAN@work.example']);
  });

  it('H5: addresses that are not a list, entries that are not address text, and a preferred address that is not one are reported', () => {
    const d = createDirectory([
      { address: 'a@x.example', addresses: 'a@y.example' as never, kind: 'end-user' },
      { address: 'b@x.example', addresses: [{ address: 'b@y.example' }, 'not an address', 'b@z.example'] as never, kind: 'end-user' },
      { address: 'c@x.example', addresses: ['c@y.example'], preferred: { address: 'c@y.example' } as never, kind: 'end-user' },
      { address: 'd@x.example', addresses: ['d@y.example'], preferred: 'nope', kind: 'end-user' },
    ]);
    expect(codesAt(d)).toEqual([
      ['wrong-type', '0.addresses'],
      ['invalid-value', '1.addresses.0'],
      ['invalid-value', '1.addresses.1'],
      ['invalid-value', '2.preferred'],
      ['invalid-value', '3.preferred'],
    ]);
    expect(d.personKey(key('b@z.example'))).toBe('b@x.example');
    expect(d.personKey(key('b@y.example'))).toBe('b@y.example');
  });

  it('H5: an address two people claim stays with the first, whether listed as another address or as someone’s main one', () => {
    const d = createDirectory([
      { address: 'ann@acme.example', addresses: ['shared@acme.example'], kind: 'end-user' },
      { address: 'shared@acme.example', kind: 'end-user' },
      { address: 'bob@acme.example', addresses: ['ann@acme.example', 'bob@home.example'], kind: 'end-user' },
      { address: 'ann@acme.example', addresses: ['ann@other.example'], kind: 'end-user' },
    ]);
    expect(codesAt(d)).toEqual([
      ['address-shared', '1.address'],
      ['address-shared', '2.addresses.0'],
      ['address-shared', '3.address'],
    ]);
    expect(d.personKey(key('shared@acme.example'))).toBe('ann@acme.example');
    expect(d.personKey(key('bob@home.example'))).toBe('bob@acme.example');
  });
});

describe('H5: a ticket reaches a person where it did, and hand-made directories get the H5 look-ups', () => {
  it('H5: an address the ticket holds for someone is still theirs once the directory no longer lists it', () => {
    const both = createDirectory([{ address: 'ivan@work.example', addresses: ['ivan@home.example'], kind: 'end-user' }, { address: 'kate@desk.example', kind: 'agent', id: 'kate' }]);
    const withBoth = { settings: { supportAddresses: ['support@desk.example'] }, directory: both };
    let t = opened('ann@acme.example', [], withBoth);
    t = must(t, edit([{ op: 'add', field: 'cc', address: 'ivan@home.example' }]), withBoth).ticket!;
    expect(t.ccs).toEqual([{ address: 'ivan@home.example', name: null, key: 'ivan@work.example' }]);
    const plain = { settings: { supportAddresses: ['support@desk.example'] }, directory: createDirectory([{ address: 'kate@desk.example', kind: 'agent', id: 'kate' }]) };
    const r = must(t, email({ from: 'ivan@home.example', to: 'support@desk.example', cc: 'ann@acme.example' }), plain);
    expect(r.comment?.authorRole).toBe('cc');
    expect(r.ticket!.notices).toEqual([]);
    expect(r.ticket!.ccs.map((m) => m.key)).toEqual(['ivan@work.example']);
  });

  it('A3 H5: a CC kept in capitals while local parts were case-sensitive is still the one who writes from that address once they are not', () => {
    const sensitive = contextWith({ caseSensitiveLocalPart: true });
    const t = opened('ann@acme.example', ['John@x.example'], sensitive);
    expect(t.ccs).toEqual([{ address: 'John@x.example', name: null, key: 'John@x.example' }]);
    const insensitive = contextWith({ caseSensitiveLocalPart: false });
    const r = must(t, email({ from: 'John@x.example', to: 'support@desk.example', cc: 'ann@acme.example' }), insensitive);
    expect(r.comment?.authorRole).toBe('cc');
    expect(r.ticket!.notices).toEqual([]);
    const again = must(t, edit([{ op: 'add', field: 'cc', address: 'John@x.example' }]), insensitive);
    expect(again.events).toEqual([]);
    expect(again.ticket!.ccs.map((m) => m.key)).toEqual(['John@x.example']);
  });

  it('H5: a ticket without a requester takes mail from its CC', () => {
    const dir = createDirectory([{ address: 'ivan@work.example', addresses: ['ivan@home.example'], kind: 'end-user' }, { address: 'kate@desk.example', kind: 'agent', id: 'kate' }]);
    const ctx = { settings: { supportAddresses: ['support@desk.example'] }, directory: dir };
    const imported = must(null, { type: 'import-ticket', ticketId: 'T-9', at: 't', by: { kind: 'system' }, participants: { ccs: ['bob@acme.example'] } } as never, ctx);
    expect(imported.ticket!.requester).toBeNull();
    const r = handle(imported.ticket, email({ from: 'bob@acme.example', to: 'support@desk.example' }), ctx);
    expect(r.ok).toBe(true);
  });

  it('H5: a hand-made directory without personKey or preferredAddress takes mail and plans replies', () => {
    const real = createDirectory([{ address: 'kate@desk.example', kind: 'agent', id: 'kate' }]);
    for (const directory of [
      { entries: real.entries, byKey: real.byKey, byId: real.byId },
      { entries: real.entries, byKey: real.byKey, byId: real.byId, personKey: (k: string) => k },
      { entries: real.entries, byKey: real.byKey, byId: real.byId, preferredAddress: () => undefined },
    ]) {
      const ctx = { settings: { supportAddresses: ['support@desk.example'] }, directory: directory as never };
      const t = opened('ann@acme.example', ['bob@acme.example'], ctx);
      const r = must(t, email({ from: 'bob@acme.example', to: 'support@desk.example', cc: 'ann@acme.example, carl@acme.example' }), ctx);
      expect(r.ticket!.ccs.map((m) => m.address)).toEqual(['bob@acme.example', 'carl@acme.example']);
      const planned = must(r.ticket, { type: 'write-comment', commentId: 'c-9', visibility: 'public', by: { kind: 'agent', id: 'kate' }, at: 't' } as never, ctx);
      expect(planned.plans.flatMap((p) => p.messages.flatMap((m) => m.envelope.map((e) => e.address))).sort()).toEqual(['ann@acme.example', 'bob@acme.example', 'carl@acme.example']);
    }
  });
});

describe('D6: settings messages a person reads', () => {
  it('D6: leading and trailing separators in a Zendesk string make no empty entry', () => {
    expect(parseSettings({ denylist: ' ,a@b.example  c.example, ' })).toMatchObject({ ok: true, value: { denylist: ['a@b.example', 'c.example'] } });
  });

  it('D6: each refusal of a pattern list says what was expected', () => {
    const messages = (input: unknown) => {
      const r = parseSettings({ denylist: input });
      return r.ok ? [] : r.error.map((i) => i.message);
    };
    expect(messages(5)[0]).toContain('must be a list of addresses or domains, or one string of them separated by spaces');
    expect(messages([5])[0]).toContain('must be a string');
    expect(messages(['a@@b'])[0]).toContain('("a@@b") is not an address, a domain or a wildcard pattern such as "no-reply*@*"');
  });

  it('D6: createSettings throws one TypeError joining every message with a space', () => {
    const r = parseSettings({ ccLimit: -1, bccEnabled: 'yes' });
    const expected = r.ok ? '' : r.error.map((i) => i.message).join(' ');
    expect(expected.length).toBeGreaterThan(10);
    expect(() => createSettings({ ccLimit: -1, bccEnabled: 'yes' as never })).toThrow(new TypeError(expected));
  });
});

describe('H5: whose address an inbound one is, at the edges', () => {
  const kate = { address: 'kate@desk.example', kind: 'agent' as const, id: 'kate' };
  const held = (): Ticket => {
    const both = createDirectory([{ address: 'ivan@work.example', addresses: ['ivan@home.example'], kind: 'end-user' }, kate]);
    const ctx = { settings: { supportAddresses: ['support@desk.example'] }, directory: both };
    return must(opened('ann@acme.example', ['bob@acme.example'], ctx), edit([{ op: 'add', field: 'cc', address: 'ivan@home.example' }]), ctx).ticket!;
  };

  it('H5: with a hand-made directory, a ticket reaching someone at another address still tells its people apart', () => {
    const real = createDirectory([kate]);
    const ctx = { settings: { supportAddresses: ['support@desk.example'] }, directory: { entries: real.entries, byKey: real.byKey, byId: real.byId } as never };
    const r = must(held(), email({ from: 'bob@acme.example', to: 'support@desk.example', cc: 'ann@acme.example, ivan@home.example' }), ctx);
    expect(r.comment?.author?.key).toBe('bob@acme.example');
    expect(r.comment?.authorRole).toBe('cc');
    expect(r.ticket!.ccs.map((m) => m.key)).toEqual(['bob@acme.example', 'ivan@work.example']);
  });

  it('H5: an address the directory now gives to someone else is theirs, not the participant the ticket reached there', () => {
    const now = createDirectory([{ address: 'olga@work.example', addresses: ['ivan@home.example'], kind: 'end-user' }, kate]);
    const ctx = { settings: { supportAddresses: ['support@desk.example'] }, directory: now };
    const r = must(held(), email({ from: 'ivan@home.example', to: 'support@desk.example', cc: 'ann@acme.example, bob@acme.example' }), ctx);
    expect(r.comment?.author?.key).toBe('olga@work.example');
    expect(r.comment?.authorRole).toBe('third-party');
  });

  it('H5: a stored participant whose address does not parse throws nothing and is nobody’s other address', () => {
    const t = { ...opened('ann@acme.example'), ccs: [{ address: 'not an address', name: null, key: 'x@acme.example' }] } as unknown as Ticket;
    const r = handle(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'x@acme.example' }), contextWith());
    expect(r.ok).toBe(true);
  });
});
