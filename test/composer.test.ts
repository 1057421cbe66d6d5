import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  composerToCommands,
  createComposer,
  createDirectory,
  handle,
  initialComposer,
  planDelivery,
  presets,
  type ComposerAction,
  type ComposerState,
  type Ticket,
} from '../src/index.js';
import { addresses, contextWith, directory, edit, must, opened } from './support/tickets.js';

function composer(ticket: Ticket, overrides = {}) {
  const context = contextWith(overrides);
  const { initial, reduce } = createComposer(ticket, context);
  const run = (...actions: ComposerAction[]): ComposerState => actions.reduce(reduce, initial);
  return { initial, reduce, run, context };
}

describe('C3: the composer\'s recipient fields', () => {
  it('C3: Cc and Bcc are hidden until asked for; removing a field hides it again and drops its chips', () => {
    const t = opened('ann@acme.example');
    const { initial, run } = composer(t);
    expect([initial.fields.to.visible, initial.fields.cc.visible, initial.fields.bcc.visible]).toEqual([true, false, false]);
    const shown = run({ type: 'show', field: 'cc' }, { type: 'input', field: 'cc', text: 'bob@acme.example' }, { type: 'key', field: 'cc', key: 'Enter' });
    expect(shown.fields.cc.visible).toBe(true);
    expect(addresses(shown.fields.cc.chips)).toEqual(['bob@acme.example']);
    const hidden = run({ type: 'show', field: 'cc' }, { type: 'input', field: 'cc', text: 'bob@acme.example ' }, { type: 'hide', field: 'cc' });
    expect(hidden.fields.cc).toEqual({ visible: false, available: true, chips: [], text: '', error: null });
  });

  it('C3: a ticket\'s existing CCs and BCCs show their fields', () => {
    const t = must(opened('ann@acme.example', ['bob@acme.example']), edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }])).ticket!;
    const { initial } = composer(t);
    expect([initial.fields.cc.visible, initial.fields.bcc.visible]).toEqual([true, true]);
    expect(addresses(initial.fields.to.chips)).toEqual(['ann@acme.example']);
  });

  it('C3: text becomes a chip on Enter, Space, comma or Tab, only after it validates', () => {
    const { run } = composer(opened());
    for (const action of [
      { type: 'key', field: 'cc', key: 'Enter' },
      { type: 'key', field: 'cc', key: 'Tab' },
      { type: 'input', field: 'cc', text: 'cleo@acme.example ' },
      { type: 'input', field: 'cc', text: 'cleo@acme.example,' },
    ] as ComposerAction[]) {
      const state = run({ type: 'input', field: 'cc', text: 'cleo@acme.example' }, action);
      expect(addresses(state.fields.cc.chips)).toEqual(['cleo@acme.example']);
      expect(state.fields.cc.text).toBe('');
    }
  });

  it('C3: an invalid entry stays as text with its error', () => {
    const { run } = composer(opened());
    const state = run({ type: 'input', field: 'cc', text: 'bob@@acme' }, { type: 'key', field: 'cc', key: 'Enter' });
    expect(state.fields.cc.chips).toEqual([]);
    expect(state.fields.cc.text).toBe('bob@@acme');
    expect(state.fields.cc.error?.code).toBe('invalid-address');
  });

  it('C3: a pasted list makes chips of the valid addresses and leaves the rest as text', () => {
    const { run } = composer(opened());
    const state = run({ type: 'paste', field: 'cc', text: '"Roe, Bob" <bob@acme.example>, nope, cleo@acme.example' });
    expect(addresses(state.fields.cc.chips)).toEqual(['bob@acme.example', 'cleo@acme.example']);
    expect(state.fields.cc.chips[0]?.name).toBe('Roe, Bob');
    expect(state.fields.cc.text).toBe('nope');
    expect(state.fields.cc.error?.code).toBe('invalid-address');
  });

  it('C3: live feedback on the denylist while typing, and on the CC limit', () => {
    const { run } = composer(opened(), { denylist: ['no-reply*@*'], ccLimit: 2 });
    const typing = run({ type: 'input', field: 'cc', text: 'no-reply@bank.example' });
    expect(typing.feedback.map((f) => f.code)).toEqual(['denylisted']);
    const refused = run({ type: 'input', field: 'cc', text: 'no-reply@bank.example' }, { type: 'key', field: 'cc', key: 'Enter' });
    expect([refused.fields.cc.chips.length, refused.fields.cc.error?.code]).toEqual([0, 'denylisted']);
    const full = run({ type: 'paste', field: 'cc', text: 'a@x.example, b@x.example, c@x.example' });
    expect(addresses(full.fields.cc.chips)).toEqual(['a@x.example', 'b@x.example']);
    expect(full.fields.cc.error?.code).toBe('cc-limit-exceeded');
    expect(full.feedback.map((f) => f.code)).toEqual(['cc-limit-reached']);
  });

  it('C3: suggestions come from the ticket\'s memory and the directory, without chips already there', () => {
    const t = must(opened('ann@acme.example', ['bob@acme.example']), edit([{ op: 'remove', field: 'cc', address: 'bob@acme.example' }])).ticket!;
    const { run } = composer(t);
    const state = run({ type: 'input', field: 'cc', text: 'b' });
    expect(state.suggestions.map((s) => s.address)).toEqual(['bob@acme.example']);
    const picked = run({ type: 'input', field: 'cc', text: 'b' }, { type: 'pick', field: 'cc', address: 'bob@acme.example' });
    expect(addresses(picked.fields.cc.chips)).toEqual(['bob@acme.example']);
    expect(run({ type: 'input', field: 'cc', text: 'pa' }).suggestions.map((s) => s.source)).toEqual(['directory']);
  });

  it('C3: one role per address across the fields; bad actions from untyped callers change nothing', () => {
    const { initial, run, reduce } = composer(opened());
    const moved = run({ type: 'paste', field: 'cc', text: 'bob@acme.example' }, { type: 'paste', field: 'bcc', text: 'bob@acme.example' });
    expect([addresses(moved.fields.cc.chips), addresses(moved.fields.bcc.chips)]).toEqual([[], ['bob@acme.example']]);
    expect(reduce(initial, { type: 'input', field: 'reply-to', text: 'x' } as never)).toBe(initial);
  });

  it('C3: what the composer holds turns into an agent edit and a comment; the plan of the reply follows', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const { run, context } = composer(t);
    const state = run({ type: 'remove', field: 'cc', key: 'bob@acme.example' }, { type: 'paste', field: 'cc', text: 'cleo@acme.example' }, { type: 'show', field: 'bcc' }, { type: 'input', field: 'bcc', text: 'mia@desk.example' }, { type: 'key', field: 'bcc', key: 'Enter' });
    const send = composerToCommands(t, state, { by: { kind: 'agent', id: 'kate' }, at: 't', commentId: 'c-1', visibility: 'public' });
    expect(send.pending).toEqual([]);
    expect(send.edit?.changes.map((c) => `${c.op} ${'field' in c ? c.field : ''}`)).toEqual(['remove cc', 'add cc', 'add bcc']);
    const edited = must(t, send.edit!, context);
    const written = must(edited.ticket, send.comment, context);
    const plan = planDelivery(written.ticket!, written.comment!, context);
    expect(plan.ok && plan.value.messages[0]?.headers).toEqual({ to: 'ann@acme.example', cc: 'cleo@acme.example' });
    expect(plan.ok && addresses(plan.value.messages[0]!.envelope)).toEqual(['ann@acme.example', 'cleo@acme.example', 'mia@desk.example']);
    const typing = run({ type: 'input', field: 'cc', text: 'half-typed' });
    expect(composerToCommands(t, typing, { by: { kind: 'agent', id: 'kate' }, at: 't', commentId: 'c-2', visibility: 'public' }).pending).toEqual(['cc']);
    expect(handle(t, send.comment, { ...context, directory }).ok).toBe(true);
  });
});

describe('C3: focus, unavailable fields, the requester, lists', () => {
  const removedBob = () => must(opened('ann@acme.example', ['bob@acme.example']), edit([{ op: 'remove', field: 'cc', address: 'bob@acme.example' }])).ticket!;

  it('C3: clicking into an empty Cc field offers the remembered addresses, not the requester nor the whole directory', () => {
    const { initial, reduce, run } = composer(removedBob());
    expect(initial.suggestions).toEqual([]);
    const focused = run({ type: 'show', field: 'cc' }, { type: 'focus', field: 'cc' });
    expect(focused.suggestionsFor).toBe('cc');
    expect(focused.suggestions.map((s) => [s.address, s.source])).toEqual([['bob@acme.example', 'ticket']]);
    // Typed text narrows; emptying the field again brings the remembered ones back.
    expect(reduce(focused, { type: 'input', field: 'cc', text: 'pa' }).suggestions.map((s) => s.address)).toEqual(['paula@partner.example']);
    expect(run({ type: 'show', field: 'cc' }, { type: 'input', field: 'cc', text: 'pa' }, { type: 'input', field: 'cc', text: '' }).suggestions.map((s) => s.address)).toEqual(['bob@acme.example']);
    // A hidden field cannot be clicked into.
    expect(reduce(initial, { type: 'focus', field: 'cc' })).toBe(initial);
  });

  it('C3: suggestions compare people the way the help desk does (caseSensitiveLocalPart)', () => {
    const people = createDirectory([{ address: 'Paula@partner.example', kind: 'end-user', name: 'Paula' }]);
    const context = { settings: { caseSensitiveLocalPart: true, supportAddresses: ['support@desk.example'] }, directory: people };
    const t = opened('ann@acme.example', [], context);
    const { initial, reduce } = createComposer(t, context);
    const chip = reduce(reduce(initial, { type: 'input', field: 'cc', text: 'Paula@partner.example' }), { type: 'key', field: 'cc', key: 'Enter' });
    expect(addresses(chip.fields.cc.chips)).toEqual(['Paula@partner.example']);
    expect(reduce(chip, { type: 'input', field: 'cc', text: 'pa' }).suggestions).toEqual([]);
  });

  it.each([['zendesk'], ['servicecamp']] as const)('C3: under the %s preset the Bcc field is not available and cannot be shown', (name) => {
    const context = { settings: { ...presets[name], supportAddresses: ['support@desk.example'] }, directory };
    const t = opened('ann@acme.example', [], context);
    const { initial, reduce } = createComposer(t, context);
    expect(initial.fields.bcc).toMatchObject({ available: false, visible: false });
    expect(initial.fields.cc.available).toBe(true);
    for (const action of [
      { type: 'show', field: 'bcc' },
      { type: 'focus', field: 'bcc' },
      { type: 'paste', field: 'bcc', text: 'mia@desk.example' },
      { type: 'input', field: 'bcc', text: 'mia@desk.example ' },
    ] as ComposerAction[]) {
      expect(reduce(initial, action)).toBe(initial);
    }
    expect(initialComposer(t, context).fields.bcc.available).toBe(false);
    expect(composer(t).initial.fields.bcc.available).toBe(true);
  });

  it('C1: the requester typed, pasted or picked into Cc or Bcc is refused with is-requester, and stays in To', () => {
    const t = removedBob();
    const { run } = composer(t);
    for (const actions of [
      [{ type: 'input', field: 'cc', text: 'Ann@Acme.example' }, { type: 'key', field: 'cc', key: 'Enter' }],
      [{ type: 'show', field: 'bcc' }, { type: 'pick', field: 'bcc', address: 'ann@acme.example' }],
      [{ type: 'paste', field: 'cc', text: 'bob@acme.example, ann@acme.example' }],
    ] as ComposerAction[][]) {
      const state = run(...actions);
      const target = actions[actions.length - 1]!.field;
      expect(addresses(state.fields.to.chips)).toEqual(['ann@acme.example']);
      expect(addresses(state.fields[target].chips)).not.toContain('ann@acme.example');
      expect(state.fields[target].error?.code).toBe('is-requester');
      expect(state.fields[target].error?.message).toMatch(/remove ann@acme\.example from To/);
      const send = composerToCommands(t, state, { by: { kind: 'agent', id: 'kate' }, at: 't', commentId: 'c', visibility: 'public' });
      expect(send.pending).toEqual([target]);
      expect(send.edit?.changes.some((c) => c.op === 'set-requester') ?? false).toBe(false);
    }
    expect(run({ type: 'input', field: 'cc', text: 'ann@acme.example' }).feedback.map((f) => f.code)).toEqual(['is-requester']);
  });

  it('C1: emptying To is pending with no-requester; a new address in To is an explicit requester change', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const { run } = composer(t);
    const options = { by: { kind: 'agent', id: 'kate' }, at: 't', commentId: 'c', visibility: 'public' } as const;
    const empty = composerToCommands(t, run({ type: 'remove', field: 'to', key: 'ann@acme.example' }), options);
    expect(empty.pending).toEqual(['to']);
    expect(empty.issues.map((i) => [i.field, i.code])).toEqual([['to', 'no-requester']]);
    const moved = composerToCommands(t, run({ type: 'remove', field: 'to', key: 'ann@acme.example' }, { type: 'input', field: 'to', text: 'bob@acme.example ' }), options);
    expect(moved.pending).toEqual([]);
    expect(moved.edit?.changes.map((c) => `${c.op} ${'field' in c ? c.field : ''} ${(c.address as { address: string }).address}`)).toEqual(['remove cc bob@acme.example', 'set-requester  bob@acme.example']);
    expect(must(t, moved.edit!).ticket?.requester?.address).toBe('bob@acme.example');
    const typing = composerToCommands(t, run({ type: 'input', field: 'cc', text: 'cleo@' }), options);
    expect(typing.issues.map((i) => i.code)).toEqual(['unfinished-address']);
  });

  it('C3: a pasted list becomes chips, whether separated by commas, semicolons, new lines or spaces', () => {
    const { run } = composer(opened());
    for (const text of [
      'a@x.example\nb@x.example\r\nc@x.example\n',
      'a@x.example b@x.example\tc@x.example',
      'a@x.example; b@x.example;c@x.example',
      'A <a@x.example>, "Roe, B" <b@x.example> c@x.example',
    ]) {
      const state = run({ type: 'paste', field: 'cc', text });
      expect(addresses(state.fields.cc.chips)).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
      expect([state.fields.cc.text, state.fields.cc.error]).toEqual(['', null]);
    }
    const named = run({ type: 'paste', field: 'cc', text: '"Roe, Bob" <bob@acme.example>\nAnn Lee <lee@acme.example> (home)  cleo@acme.example' });
    expect(named.fields.cc.chips.map((m) => [m.name, m.address])).toEqual([['Roe, Bob', 'bob@acme.example'], ['Ann Lee', 'lee@acme.example'], [null, 'cleo@acme.example']]);
  });

  it('C3: a paste goes after what was typed, and what does not parse stays as text with its error', () => {
    const { run } = composer(opened());
    const name = run({ type: 'input', field: 'cc', text: 'Bob Roe ' }, { type: 'paste', field: 'cc', text: '<bob@acme.example>, cleo@acme.example' });
    expect(name.fields.cc.chips.map((m) => [m.name, m.address])).toEqual([['Bob Roe', 'bob@acme.example'], [null, 'cleo@acme.example']]);
    const domain = run({ type: 'input', field: 'cc', text: 'partial@' }, { type: 'paste', field: 'cc', text: 'acme.example' });
    expect(addresses(domain.fields.cc.chips)).toEqual(['partial@acme.example']);
    const bad = run({ type: 'paste', field: 'cc', text: 'bob@@x\ncleo@acme.example\nnope' });
    expect(addresses(bad.fields.cc.chips)).toEqual(['cleo@acme.example']);
    expect(bad.fields.cc.text).toBe('bob@@x, nope');
    expect(bad.fields.cc.error).toMatchObject({ code: 'invalid-address', input: 'bob@@x' });
  });

  it('C3: several addresses typed in one input event are split; the unfinished rest stays as it is typed', () => {
    const { run } = composer(opened());
    const both = run({ type: 'input', field: 'cc', text: 'x@a.example, y@a.example,' });
    expect([addresses(both.fields.cc.chips), both.fields.cc.text, both.fields.cc.error]).toEqual([['x@a.example', 'y@a.example'], '', null]);
    const rest = run({ type: 'input', field: 'cc', text: 'x@a.example, y@a' });
    expect([addresses(rest.fields.cc.chips), rest.fields.cc.text, rest.fields.cc.error]).toEqual([['x@a.example'], 'y@a', null]);
    // A space inside a display name is not a separator; after a complete address it is.
    const name = run({ type: 'input', field: 'cc', text: 'Ann Lee ' });
    expect([name.fields.cc.chips, name.fields.cc.text]).toEqual([[], 'Ann Lee ']);
    const done = run({ type: 'input', field: 'cc', text: 'Ann Lee <lee@acme.example> ' });
    expect(done.fields.cc.chips.map((m) => m.name)).toEqual(['Ann Lee']);
    const quoted = run({ type: 'input', field: 'cc', text: '"Roe, ' });
    expect([quoted.fields.cc.chips, quoted.fields.cc.text]).toEqual([[], '"Roe, ']);
    const failed = run({ type: 'input', field: 'cc', text: 'nope, y@a' });
    expect([failed.fields.cc.text, failed.fields.cc.error?.code]).toEqual(['nope, y@a', 'invalid-address']);
  });

  it('D1, D2, A5: the composer refuses chips with the code and message handle gives for the same edit', () => {
    const context = contextWith({ denylist: ['no-reply*@*'], ccLimit: 2 });
    const t = opened('ann@acme.example', ['a@x.example', 'b@x.example'], context);
    const { initial, reduce } = createComposer(t, context);
    for (const [field, address] of [
      ['cc', 'no-reply@bank.example'],
      ['bcc', 'no-reply@bank.example'],
      ['cc', 'support@desk.example'],
      ['cc', 'c@x.example'],
    ] as const) {
      const state = reduce(reduce(initial, { type: 'show', field }), { type: 'paste', field, text: address });
      const handled = handle(t, edit([{ op: 'add', field, address }]), context);
      expect(handled.ok).toBe(false);
      const refused = handled.ok ? null : handled.error[0];
      expect(state.fields[field].error).toEqual({ code: refused?.code, field, message: refused?.message, input: address });
    }
    expect(initial.feedback.map((f) => f.code)).toEqual(['cc-limit-reached']);
  });

  it('C3: the example of composerToCommands, followed literally, sends the reply to the CC just added', () => {
    const source = readFileSync(new URL('../src/composer/to-commands.ts', import.meta.url), 'utf8');
    const example = /@example\n([\s\S]*?)\*\//.exec(source)?.[1]?.replace(/^\s*\* ?/gm, '') ?? '';
    expect(example).toContain('handle(current, send.comment, context)');
    const context = contextWith();
    const t = opened('ann@acme.example');
    // The example types cleo@acme.example into Cc itself.
    const follow = new Function('composerToCommands', 'createComposer', 'handle', 'planDelivery', 'ticket', 'context', 'at', `${example}\nreturn plan;`);
    const plan = follow(composerToCommands, createComposer, handle, planDelivery, t, context, 't1') as ReturnType<typeof planDelivery> | null;
    expect(plan?.ok && plan.value.messages[0]?.headers).toEqual({ to: 'ann@acme.example', cc: 'cleo@acme.example' });
    expect(plan?.ok && addresses(plan.value.messages[0]!.envelope)).toEqual(['ann@acme.example', 'cleo@acme.example']);
  });
});

describe('C3: a paste from Outlook', () => {
  it('C3: `Last, First <address>` entries separated by semicolons give one chip per person, named as written', () => {
    const { run } = composer(opened());
    const state = run({ type: 'paste', field: 'cc', text: 'Roe, Bob <bob@acme.example>; Lee, Cleo <cleo@acme.example>' });
    expect(state.fields.cc.chips.map((m) => [m.name, m.address])).toEqual([['Roe, Bob', 'bob@acme.example'], ['Lee, Cleo', 'cleo@acme.example']]);
    expect(state.fields.cc.text).toBe('');
    expect(state.fields.cc.error).toBe(null);
  });

  it('C3: a bare name before a bare address, or before a quoted name, is not joined: it stays as text with its error', () => {
    const { run } = composer(opened());
    const bare = run({ type: 'paste', field: 'cc', text: 'Roe, bob@acme.example' });
    expect(addresses(bare.fields.cc.chips)).toEqual(['bob@acme.example']);
    expect(bare.fields.cc.text).toBe('Roe');
    const quoted = composer(opened()).run({ type: 'paste', field: 'cc', text: 'Roe; "Bob" <bob@acme.example>' });
    expect(quoted.fields.cc.chips.map((m) => m.name)).toEqual(['Bob']);
    expect(quoted.fields.cc.text).toBe('Roe');
  });

  it('C3: while typing, a comma after a bare name still ends the entry', () => {
    const { run } = composer(opened());
    const state = run({ type: 'input', field: 'cc', text: 'Roe, Bob <bob@acme.example> ' });
    expect(state.fields.cc.chips.map((m) => m.name)).toEqual(['Bob']);
  });
});

describe('C3: where typed text is cut, character by character', () => {
  const field = (state: ComposerState) => ({ chips: state.fields.cc.chips.map((m) => [m.name, m.address]), text: state.fields.cc.text });
  const paste = (text: string) => field(composer(opened()).run({ type: 'paste', field: 'cc', text }));
  const typed = (text: string) => field(composer(opened()).run({ type: 'input', field: 'cc', text }));

  it.each([
    ['a carriage return, as a new line does', 'a@x.example\rb@y.example', [[null, 'a@x.example'], [null, 'b@y.example']]],
    ['a tab after a complete address, as a space does', 'ann@x.example\tbob@y.example', [[null, 'ann@x.example'], [null, 'bob@y.example']]],
  ])('C3: %s ends an entry', (_, text, chips) => {
    expect(paste(text)).toEqual({ chips, text: '' });
  });

  it.each([
    ['an escaped quote and a comma in a quoted name', '"Roe \\"Bob\\", Jr" <bob@x.example>, cleo@y.example', [['Roe "Bob", Jr', 'bob@x.example'], [null, 'cleo@y.example']]],
    ['an escaped backslash closing a quoted name', '"a\\\\" <a@x.example>, b@y.example', [['a\\', 'a@x.example'], [null, 'b@y.example']]],
    ['an escaped parenthesis and a comma in a comment', 'bob@x.example (a \\) , b), cleo@y.example', [[null, 'bob@x.example'], [null, 'cleo@y.example']]],
    ['a comma in a nested comment', 'bob@x.example (a (b, c) d), cleo@y.example', [[null, 'bob@x.example'], [null, 'cleo@y.example']]],
    ['a comma in a domain literal', 'bob@[1,2], cleo@y.example', [[null, 'bob@[1,2]'], [null, 'cleo@y.example']]],
    ['a comma after an escaped bracket in a domain literal', 'bob@[a\\],b], cleo@y.example', [[null, 'bob@[a\\],b]'], [null, 'cleo@y.example']]],
    ['a comma after an escaped quote in a quoted name', '"Roe \\"Bob, Jr\\"" <bob@x.example>, cleo@y.example', [['Roe "Bob, Jr"', 'bob@x.example'], [null, 'cleo@y.example']]],
    ['spaces inside angle brackets', 'Bob Roe < bob@x.example > cleo@y.example', [['Bob Roe', 'bob@x.example'], [null, 'cleo@y.example']]],
    ['blanks before a comment that follows an address', 'bob@x.example \t (Bob)  cleo@y.example', [[null, 'bob@x.example'], [null, 'cleo@y.example']]],
  ])('C3: %s separates nothing', (_, text, chips) => {
    expect(paste(text)).toEqual({ chips, text: '' });
  });

  it('C3: a comma inside angle brackets separates nothing: the entry stays as text with its error', () => {
    expect(paste('Bob <bob@x.example, y> cleo@y.example')).toEqual({ chips: [[null, 'cleo@y.example']], text: 'Bob <bob@x.example, y>' });
    // Kept as typed: two entries would come back joined by ', '.
    expect(paste('Bob <bob@x.example,y> cleo@y.example')).toEqual({ chips: [[null, 'cleo@y.example']], text: 'Bob <bob@x.example,y>' });
  });

  it('C3: a space ends an entry only after a complete address: not after a name and an address, nor after a comment with text stuck to it', () => {
    expect(paste('Ann ann@x.example cleo@y.example')).toEqual({ chips: [], text: 'Ann ann@x.example cleo@y.example' });
    expect(paste('bob@x.example (Bob)x cleo@y.example')).toEqual({ chips: [], text: 'bob@x.example (Bob)x cleo@y.example' });
    expect(typed('Ann ann@x.example ')).toEqual({ chips: [], text: 'Ann ann@x.example ' });
  });

  it('C3: while typing, the same separators make chips and leave the rest as text', () => {
    expect(typed('a@x.example\rb')).toEqual({ chips: [[null, 'a@x.example']], text: 'b' });
    expect(typed('ann@x.example\tb')).toEqual({ chips: [[null, 'ann@x.example']], text: 'b' });
    expect(typed('Bob Roe < bob@x.example > c')).toEqual({ chips: [['Bob Roe', 'bob@x.example']], text: 'c' });
    // A comment may still follow the address: the chip waits for it.
    expect(typed('bob@x.example  (Bob')).toEqual({ chips: [], text: 'bob@x.example  (Bob' });
    expect(typed('bob@x.example  (Bob) c')).toEqual({ chips: [[null, 'bob@x.example']], text: 'c' });
  });
});

describe('C3: a long paste from Outlook (review 2)', () => {
  it('C3: joining `Last, First` names is linear: twice the people, at most about twice the steps (regular-expression runs and elements spliced, counted)', async () => {
    const { splitTyped } = await import('../src/composer/split-typed.js');
    const paste = (n: number) => Array.from({ length: n }, (_, i) => `Roe${i}, Bob <bob${i}@acme.example>`).join('; ');
    const { exec, test } = RegExp.prototype;
    const { splice } = Array.prototype;
    const steps = (n: number): number => {
      let count = 0;
      RegExp.prototype.exec = function (this: RegExp, s: string) { count++; return exec.call(this, s); };
      RegExp.prototype.test = function (this: RegExp, s: string) { count++; return test.call(this, s); };
      Array.prototype.splice = function (this: unknown[], start: number, ...rest: unknown[]) {
        count += Math.max(0, this.length - start);
        return splice.call(this, start, ...(rest as [number]));
      } as typeof splice;
      try {
        const entries = splitTyped(paste(n), true).finished;
        expect(entries).toHaveLength(n);
        expect(entries[n - 1]).toBe(`"Roe${n - 1}, Bob" <bob${n - 1}@acme.example>`);
      } finally {
        Object.assign(RegExp.prototype, { exec, test });
        Array.prototype.splice = splice;
      }
      return count;
    };
    const small = steps(1000);
    expect(small).toBeGreaterThanOrEqual(1000);
    expect(steps(2000)).toBeLessThanOrEqual(2.2 * small);
  });
});

describe('C3: what separates a bare name from the next person (review 2)', () => {
  it.each(['Ann Lee,\nBob Roe <bob@acme.example>', 'Ann Lee,\r\nBob Roe <bob@acme.example>', 'Ann Lee, ; Bob Roe <bob@acme.example>', 'Ann Lee,, Bob Roe <bob@acme.example>'])('C3: in the paste %j the name before the second separator is not made part of the next chip\'s name', (text) => {
    const state = composer(opened()).run({ type: 'paste', field: 'cc', text });
    expect(state.fields.cc.chips.map((m) => [m.name, m.address])).toEqual([['Bob Roe', 'bob@acme.example']]);
    expect(state.fields.cc.text).toBe('Ann Lee');
    expect(state.fields.cc.error?.code).toBe('invalid-address');
  });
});

describe('C3: a comma list with a name of several words', () => {
  it('C3: `Bob Roe, Cleo Lee <cleo@x>` keeps Bob Roe as text with its error: only a semicolon list joins a name of several words', () => {
    const comma = composer(opened()).run({ type: 'paste', field: 'cc', text: 'Bob Roe, Cleo Lee <cleo@acme.example>' });
    expect(comma.fields.cc.chips.map((m) => [m.name, m.address])).toEqual([['Cleo Lee', 'cleo@acme.example']]);
    expect([comma.fields.cc.text, comma.fields.cc.error?.code]).toEqual(['Bob Roe', 'invalid-address']);
    const outlook = composer(opened()).run({ type: 'paste', field: 'cc', text: 'van der Berg, Jan <jan@acme.example>; Roe, Bob <bob@acme.example>' });
    expect(outlook.fields.cc.chips.map((m) => m.name)).toEqual(['van der Berg, Jan', 'Roe, Bob']);
    expect(composer(opened()).run({ type: 'paste', field: 'cc', text: 'Roe, Bob <bob@acme.example>' }).fields.cc.chips.map((m) => m.name)).toEqual(['Roe, Bob']);
  });
});
