import { describe, expect, it } from 'vitest';
import { composerToCommands, createComposer, handle, planDelivery, type ComposerAction, type ComposerState, type Ticket } from '../src/index.js';
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
    expect(hidden.fields.cc).toEqual({ visible: false, chips: [], text: '', error: null });
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
