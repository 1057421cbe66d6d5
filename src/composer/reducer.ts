import { parseAddress, parseAddressList } from '../address/parse-list.js';
import type { Mailbox } from '../address/types.js';
import { isDenylisted, isSupportAddress } from '../policy/policy.js';
import { resolveContext, type PreparedContext, type ResolvedContext, type TicketContext } from '../context/context.js';
import { suggest } from '../ticket/suggest.js';
import type { Ticket } from '../ticket/types.js';
import type { ConfigIssue } from '../policy/parse-settings.js';
import type { ComposerAction, ComposerField, ComposerIssue, ComposerState, FieldState } from './types.js';

const SEPARATOR_AT_END = /[\s,;]$/;

const field = (chips: readonly Mailbox[], visible: boolean): FieldState => ({ visible, chips, text: '', error: null });

/**
 * The composer for a reply on a ticket: To holds the requester, Cc and Bcc the ticket's, shown when not empty.
 *
 * @example
 * initialComposer(ticket).fields.cc.visible; // true when the ticket has CCs
 */
export function initialComposer(ticket: Ticket): ComposerState {
  const list = (value: unknown): readonly Mailbox[] => (Array.isArray(value) ? value : []);
  const ccs = list(ticket?.ccs);
  const bccs = list(ticket?.bccs);
  return {
    fields: {
      to: field(ticket?.requester ? [ticket.requester] : [], true),
      cc: field(ccs, ccs.length > 0),
      bcc: field(bccs, bccs.length > 0),
    },
    suggestions: [],
    suggestionsFor: null,
    feedback: [],
  };
}

/** Why a mailbox may not become a chip in a field, given the chips already there. */
function refusal(mailbox: Mailbox, target: ComposerField, state: ComposerState, ctx: ResolvedContext): ComposerIssue | null {
  const { settings } = ctx.policy;
  const issue = (code: ComposerIssue['code'], message: string): ComposerIssue => ({ code, field: target, message, input: mailbox.address });
  if (isSupportAddress(ctx.policy, mailbox.key)) return issue('support-address', `${mailbox.address} is one of the help desk's own addresses.`);
  if (target !== 'to' && isDenylisted(ctx.policy, mailbox.key)) return issue('denylisted', `${mailbox.address} is on the denylist.`);
  if (target === 'bcc' && !settings.bccEnabled) return issue('bcc-disabled', 'This help desk keeps no BCCs.');
  if (target === 'to' && state.fields.to.chips.length > 0 && state.fields.to.chips[0]?.key !== mailbox.key) return issue('one-requester', 'A ticket has one requester: remove the current one first.');
  const limit = settings.ccLimit;
  if (target === 'cc' && limit !== null && state.fields.cc.chips.length >= limit) return issue('cc-limit-exceeded', `At most ${limit} CCs.`);
  return null;
}

/** Removes an address from the other fields: it holds one role (A4). */
function withChip(state: ComposerState, target: ComposerField, mailbox: Mailbox): ComposerState['fields'] {
  const drop = (f: FieldState): FieldState => ({ ...f, chips: f.chips.filter((m) => m.key !== mailbox.key) });
  const fields = { to: drop(state.fields.to), cc: drop(state.fields.cc), bcc: drop(state.fields.bcc) };
  const current = state.fields[target];
  const chips = current.chips.some((m) => m.key === mailbox.key) ? current.chips : [...fields[target].chips, mailbox];
  return { ...fields, [target]: { visible: true, chips, text: '', error: null } };
}

function setField(state: ComposerState, target: ComposerField, patch: Partial<FieldState>): ComposerState {
  return { ...state, fields: { ...state.fields, [target]: { ...state.fields[target], ...patch } } };
}

/** Tries to turn the field's text into a chip; on failure the text stays with its error. */
function commit(state: ComposerState, target: ComposerField, text: string, ctx: ResolvedContext): ComposerState {
  const typed = text.replace(/[\s,;]+$/, '').trim();
  if (typed === '') return setField(state, target, { text: '', error: null });
  const parsed = parseAddress(typed, ctx.policy.identity);
  if (!parsed.ok) return setField(state, target, { text: typed, error: { code: parsed.error.code, field: target, message: parsed.error.message, input: typed } });
  const refused = refusal(parsed.value, target, state, ctx);
  if (refused !== null) return setField(state, target, { text: typed, error: refused });
  return { ...state, fields: withChip(state, target, parsed.value), suggestions: [], suggestionsFor: null };
}

function paste(state: ComposerState, target: ComposerField, text: string, ctx: ResolvedContext): ComposerState {
  const { mailboxes, invalid } = parseAddressList(text, ctx.policy.identity);
  let next = setField(state, target, { visible: true });
  const left: string[] = invalid.map((i) => String(i.input));
  let error: ComposerIssue | null = invalid[0] ? { code: invalid[0].code, field: target, message: invalid[0].message, input: String(invalid[0].input) } : null;
  for (const mailbox of mailboxes) {
    const refused = refusal(mailbox, target, next, ctx);
    if (refused === null) next = { ...next, fields: withChip(next, target, mailbox) };
    else {
      left.push(mailbox.address);
      error ??= refused;
    }
  }
  return setField(next, target, { text: left.join(', '), error });
}

/** Live feedback for what is being typed and for the CC count. */
function withFeedback(state: ComposerState, target: ComposerField | null, ctx: ResolvedContext): ComposerState {
  const feedback: ComposerIssue[] = [];
  const limit = ctx.policy.settings.ccLimit;
  const ccCount = state.fields.cc.chips.length;
  if (limit !== null && ccCount >= limit) {
    feedback.push({ code: ccCount > limit ? 'cc-limit-exceeded' : 'cc-limit-reached', field: 'cc', message: `${ccCount} of at most ${limit} CCs.`, input: '' });
  }
  if (target !== null) {
    const text = state.fields[target].text.trim();
    const parsed = text === '' ? null : parseAddress(text, ctx.policy.identity);
    if (parsed?.ok) {
      const refused = refusal(parsed.value, target, state, ctx);
      if (refused !== null && refused.code !== 'cc-limit-exceeded') feedback.push(refused);
    }
  }
  return { ...state, feedback };
}

function suggestionsFor(state: ComposerState, ticket: Ticket, target: ComposerField, context: TicketContext): ComposerState {
  const text = state.fields[target].text.trim();
  if (text === '') return { ...state, suggestions: [], suggestionsFor: null };
  const taken = new Set(state.fields[target].chips.map((m) => m.key));
  const offered = suggest(ticket, text, context.directory, { field: target === 'to' ? 'requester' : target }).filter((s) => !taken.has(s.key));
  return { ...state, suggestions: offered, suggestionsFor: target };
}

/**
 * The composer as a reducer with no DOM (C3): usable with React's `useReducer`, a Vue
 * store or plain code. Typed text becomes a chip on Enter, Tab, Space, comma or semicolon,
 * or from a pasted list, and only after it validates; an invalid entry stays as text with
 * its error. Cc and Bcc are hidden until shown, and hiding one drops its chips.
 *
 * @example
 * const { initial, reduce } = createComposer(ticket, { settings, directory });
 * let state = reduce(initial, { type: 'show', field: 'cc' });
 * state = reduce(state, { type: 'input', field: 'cc', text: 'bob@acme.example' });
 * state = reduce(state, { type: 'key', field: 'cc', key: 'Enter' });
 */
export function createComposer(
  ticket: Ticket,
  context: TicketContext | PreparedContext = {},
): { initial: ComposerState; reduce: (state: ComposerState, action: ComposerAction) => ComposerState; issues: readonly ConfigIssue[] } {
  // With invalid settings the composer still works, on the defaults for what was wrong; `issues` says what.
  const ctx = resolveContext(context);
  const initial = withFeedback(initialComposer(ticket), null, ctx);
  const reduce = (state: ComposerState, action: ComposerAction): ComposerState => {
    // A state this reducer did not make (restored from elsewhere, or garbage) starts over.
    if (typeof state?.fields?.to !== 'object' || typeof state.fields.cc !== 'object' || typeof state.fields.bcc !== 'object') state = initial;
    const target = (action as { field?: unknown } | null)?.field;
    if (target !== 'to' && target !== 'cc' && target !== 'bcc') return state;
    switch (action.type) {
      case 'show':
        return target === 'to' ? state : setField(state, target, { visible: true });
      case 'hide':
        return target === 'to' ? state : withFeedback(setField(state, target, { visible: false, chips: [], text: '', error: null }), null, ctx);
      case 'input': {
        const text = typeof action.text === 'string' ? action.text : '';
        const next = SEPARATOR_AT_END.test(text) && text.trim() !== '' ? commit(state, target, text, ctx) : setField(state, target, { text, error: null, visible: true });
        return withFeedback(suggestionsFor(next, ticket, target, context), target, ctx);
      }
      case 'key':
        return withFeedback(commit(state, target, state.fields[target].text, ctx), target, ctx);
      case 'paste':
        return withFeedback(paste(state, target, typeof action.text === 'string' ? action.text : '', ctx), target, ctx);
      case 'remove':
        return withFeedback(setField(state, target, { chips: state.fields[target].chips.filter((m) => m.key !== action.key) }), null, ctx);
      case 'pick':
        return withFeedback(commit(state, target, String(action.address), ctx), target, ctx);
      default:
        return state;
    }
  };
  return { initial, reduce, issues: ctx.issues };
}


