import { parseAddress } from '../address/parse-list.js';
import { asPerson } from '../policy/directory.js';
import type { Mailbox } from '../address/types.js';
import { resolvePolicy, type PolicyContext, type PreparedContext, type TicketContext } from '../context/context.js';
import type { Issue } from '../issue/issue.js';
import type { ConfigIssue } from '../policy/parse-settings.js';
import { ccLimitIssue, fieldIssue, forbiddenIssue } from '../policy/admission.js';
import { suggest } from '../ticket/suggest.js';
import type { Ticket } from '../ticket/types.js';
import { splitTyped } from './split-typed.js';
import type { ComposerAction, ComposerField, ComposerIssue, ComposerState, FieldState } from './types.js';

const field = (chips: readonly Mailbox[], visible: boolean, available: boolean): FieldState => ({ visible, available, chips, text: '', error: null });

/**
 * The composer for a reply on a ticket: To holds the requester, Cc and Bcc the ticket's,
 * shown when not empty. Bcc is not available when the settings turn BCCs off.
 *
 * @example
 * initialComposer(ticket, { settings: presets.zendesk }).fields.bcc.available; // false
 */
export function initialComposer(ticket: Ticket, context: TicketContext | PreparedContext = {}): ComposerState {
  const list = (value: unknown): readonly Mailbox[] => (Array.isArray(value) ? value : []);
  const ccs = list(ticket?.ccs);
  const bccs = list(ticket?.bccs);
  const bccEnabled = resolvePolicy(context ?? {}).policy.settings.bccEnabled;
  return {
    fields: {
      to: field(ticket?.requester ? [ticket.requester] : [], true, true),
      cc: field(ccs, ccs.length > 0, true),
      // BCCs kept from before the setting changed stay visible, so that they can be removed.
      bcc: field(bccs, bccs.length > 0, bccEnabled),
    },
    suggestions: [],
    suggestionsFor: null,
    feedback: [],
  };
}

const asComposerIssue = (i: Issue, target: ComposerField): ComposerIssue => ({ code: i.code as ComposerIssue['code'], field: target, message: i.message, input: String(i.input) });

/**
 * Why a mailbox may not become a chip in a field, given the chips already there: the
 * checks `handle` makes for the same edit (src/policy/admission.ts), in the same order,
 * so the composer refuses what the edit would refuse, with the same code and message.
 */
function refusal(mailbox: Mailbox, target: ComposerField, state: ComposerState, ctx: PolicyContext): ComposerIssue | null {
  const { policy, directory } = ctx;
  const requester = state.fields.to.chips[0];
  if (target === 'to') {
    const forbidden = forbiddenIssue(policy, mailbox, 'requester');
    if (forbidden) return asComposerIssue(forbidden, target);
    if (requester !== undefined && requester.key !== mailbox.key) {
      return { code: 'one-requester', field: target, message: `A ticket has one requester: remove ${requester.address} from To first.`, input: mailbox.address };
    }
    return null;
  }
  // Taking the requester out of To for a Cc would leave the reply going To them all the same
  // (the edit ignores adding the requester as CC), so the field would show what is not sent.
  if (requester?.key === mailbox.key) {
    return {
      code: 'is-requester',
      field: target,
      message: `${requester.address} is the requester and gets the reply in To. To make someone else the requester, remove ${requester.address} from To and enter the new address there.`,
      input: mailbox.address,
    };
  }
  // D5 before the policy, as in the edit: what is already there stays.
  if (state.fields[target].chips.some((m) => m.key === mailbox.key)) return null;
  const refused = forbiddenIssue(policy, mailbox, target) ?? fieldIssue(policy, directory, mailbox, target);
  if (refused) return asComposerIssue(refused, target);
  if (target === 'cc') {
    const full = ccLimitIssue(policy, state.fields.cc.chips.length, mailbox);
    if (full) return asComposerIssue(full, target);
  }
  return null;
}

/** Removes an address from the other fields: it holds one role (A4). */
function withChip(state: ComposerState, target: ComposerField, mailbox: Mailbox): ComposerState['fields'] {
  const drop = (f: FieldState): FieldState => ({ ...f, chips: f.chips.filter((m) => m.key !== mailbox.key) });
  const fields = { to: drop(state.fields.to), cc: drop(state.fields.cc), bcc: drop(state.fields.bcc) };
  const current = state.fields[target];
  const chips = current.chips.some((m) => m.key === mailbox.key) ? current.chips : [...fields[target].chips, mailbox];
  return { ...fields, [target]: { ...current, visible: true, chips } };
}

function setField(state: ComposerState, target: ComposerField, patch: Partial<FieldState>): ComposerState {
  return { ...state, fields: { ...state.fields, [target]: { ...state.fields[target], ...patch } } };
}

/** H5: a typed address as the person it belongs to, so one of their other addresses is no second chip. */
const asPersonResult = <R extends { ok: boolean; value?: Mailbox }>(ctx: PolicyContext, r: R): R => (r.ok && r.value !== undefined ? { ...r, value: asPerson(ctx.directory, r.value) } : r);

/**
 * Makes chips of the finished entries; an entry that does not validate stays as text with
 * its error (the first one's error is shown), ahead of what is still being typed.
 */
function commit(state: ComposerState, target: ComposerField, entries: readonly string[], rest: string, ctx: PolicyContext): ComposerState {
  let next = entries.length > 0 ? setField(state, target, { visible: true }) : state;
  const left: string[] = [];
  let error: ComposerIssue | null = null;
  for (const entry of entries) {
    const parsed = asPersonResult(ctx, parseAddress(entry, ctx.policy.identity));
    const refused = parsed.ok
      ? refusal(parsed.value, target, next, ctx)
      : { code: parsed.error.code, field: target, message: parsed.error.message, input: entry };
    if (parsed.ok && refused === null) next = { ...next, fields: withChip(next, target, parsed.value) };
    else {
      left.push(entry);
      error ??= refused;
    }
  }
  const text = left.length === 0 ? rest : rest.trim() === '' ? left.join(', ') : `${left.join(', ')}, ${rest}`;
  return setField(next, target, { text, error });
}

const closed = (state: ComposerState): ComposerState => ({ ...state, suggestions: [], suggestionsFor: null });

/** Live feedback for what is being typed and for the CC limit. */
function withFeedback(state: ComposerState, target: ComposerField | null, ctx: PolicyContext): ComposerState {
  const feedback: ComposerIssue[] = [];
  const limit = ctx.policy.settings.ccLimit;
  const count = state.fields.cc.chips.length;
  if (limit !== null && count >= limit) {
    feedback.push({ code: 'cc-limit-reached', field: 'cc', message: `${count} of at most ${limit} CCs: remove one to add another.`, input: '' });
  }
  if (target !== null) {
    const text = state.fields[target].text.trim();
    const parsed = text === '' ? null : asPersonResult(ctx, parseAddress(text, ctx.policy.identity));
    if (parsed?.ok) {
      const refused = refusal(parsed.value, target, state, ctx);
      // The limit is already said above, once for the field.
      if (refused !== null && refused.code !== 'cc-limit-exceeded') feedback.push(refused);
    }
  }
  return { ...state, feedback };
}

/**
 * Suggestions for a field: what matches the typed text or, when the field is empty (just
 * clicked into), the ticket's remembered addresses (C3, Omnidesk's point 9), not the whole
 * directory. Never the chips already in the field, nor the requester for Cc and Bcc.
 */
function suggestionsFor(state: ComposerState, ticket: Ticket, target: ComposerField, ctx: PolicyContext, context: TicketContext): ComposerState {
  const text = state.fields[target].text.trim();
  const taken = new Set(state.fields[target].chips.map((m) => m.key));
  if (target !== 'to') for (const m of state.fields.to.chips) taken.add(m.key);
  const options = { field: target === 'to' ? ('requester' as const) : target, caseSensitiveLocalPart: ctx.policy.settings.caseSensitiveLocalPart };
  const offered = suggest(ticket, text, context.directory, options).filter((s) => !taken.has(s.key) && (text !== '' || s.source === 'ticket'));
  return { ...state, suggestions: offered, suggestionsFor: offered.length > 0 ? target : null };
}

/**
 * The composer as a reducer with no DOM (C3): usable with React's `useReducer`, a Vue
 * store or plain code. Typed text becomes a chip on Enter, Tab, Space, comma or semicolon,
 * or from a pasted list, and only after it validates with the checks `handle` makes; an
 * invalid entry stays as text with its error. Cc and Bcc are hidden until shown, hiding
 * one drops its chips, and a field the settings rule out is never offered.
 *
 * @example
 * const { initial, reduce } = createComposer(ticket, { settings, directory });
 * let state = reduce(initial, { type: 'show', field: 'cc' });
 * state = reduce(state, { type: 'focus', field: 'cc' }); // state.suggestions: the remembered addresses
 * state = reduce(state, { type: 'paste', field: 'cc', text: 'bob@acme.example\ncleo@acme.example' });
 * state = reduce(state, { type: 'input', field: 'cc', text: 'dan@acme.example' });
 * state = reduce(state, { type: 'key', field: 'cc', key: 'Enter' });
 */
export function createComposer(
  ticket: Ticket,
  context: TicketContext | PreparedContext = {},
): { initial: ComposerState; reduce: (state: ComposerState, action: ComposerAction) => ComposerState; issues: readonly ConfigIssue[] } {
  // With invalid settings the composer still works, on the defaults for what was wrong; `issues` says what.
  // A null context is one of those (`not-an-object`, as from `handle`), so it is resolved before it becomes `{}`.
  const ctx = resolvePolicy(context);
  context ??= {};
  const initial = withFeedback(initialComposer(ticket, context), null, ctx);
  const reduce = (state: ComposerState, action: ComposerAction): ComposerState => {
    // A state this reducer did not make (restored from elsewhere, or garbage) starts over.
    if (typeof state?.fields?.to !== 'object' || typeof state.fields.cc !== 'object' || typeof state.fields.bcc !== 'object') state = initial;
    const target = (action as { field?: unknown } | null)?.field;
    if (target !== 'to' && target !== 'cc' && target !== 'bcc') return state;
    // A field the settings rule out takes nothing new; what it holds may still be removed.
    if (state.fields[target].available === false && action.type !== 'remove' && action.type !== 'hide') return state;
    const text = (value: unknown): string => (typeof value === 'string' ? value : '');
    switch (action.type) {
      case 'show':
        return target === 'to' ? state : setField(state, target, { visible: true });
      case 'hide':
        return target === 'to' ? state : withFeedback(setField(state, target, { visible: false, chips: [], text: '', error: null }), null, ctx);
      case 'focus':
        return state.fields[target].visible ? suggestionsFor(state, ticket, target, ctx, context) : state;
      case 'input': {
        const { finished, rest } = splitTyped(text(action.text), false);
        if (finished.length === 0) return withFeedback(suggestionsFor(setField(state, target, { text: rest, error: null, visible: true }), ticket, target, ctx, context), target, ctx);
        const next = commit(state, target, finished, rest, ctx);
        // A chip was made: the suggestion list has done its job until the next keystroke.
        const made = next.fields[target].chips !== state.fields[target].chips;
        return withFeedback(made ? { ...next, suggestions: [], suggestionsFor: null } : suggestionsFor(next, ticket, target, ctx, context), target, ctx);
      }
      case 'key':
        return withFeedback(closed(commit(state, target, splitTyped(state.fields[target].text, true).finished, '', ctx)), target, ctx);
      case 'paste': {
        // Pasted where the caret is at the end of the typed text; a paste is finished input.
        const { finished } = splitTyped(state.fields[target].text + text(action.text), true);
        return withFeedback(closed(commit(state, target, finished, '', ctx)), target, ctx);
      }
      case 'remove':
        return withFeedback(setField(state, target, { chips: state.fields[target].chips.filter((m) => m.key !== action.key) }), null, ctx);
      case 'pick':
        return withFeedback(closed(commit(state, target, [text(action.address)], '', ctx)), target, ctx);
      default:
        return state;
    }
  };
  return { initial, reduce, issues: ctx.issues };
}
