import { withReason } from '../ticket/recipient-set.js';
import type { Visibility } from '../ticket/types.js';
import { addEmailCcs, newcomers, type Classified, type Draft } from './draft.js';
import { bySetting, type Reason } from '../explain/reason.js';

const F5: Reason = { rule: 'F5' };

/**
 * F2–F5 and F9: the sender is the requester or a CC. Applies what the settings allow
 * (new addresses as CCs, dropped CCs removed under "apply") or raises a notice instead.
 */
export function reconcile(draft: Draft, role: 'requester' | 'cc'): Classified {
  const { set, message } = draft;
  const { settings } = draft.ctx.policy;
  const presentKeys = new Set(message.present.map((m) => m.key));
  const requesterPresent = set.requester !== null && presentKeys.has(set.requester.key);
  const missing = set.ccs.filter((m) => !presentKeys.has(m.key));
  const added = newcomers(set, message);
  const notify = settings.onDroppedRecipients === 'notify';

  if (role === 'cc' && !requesterPresent) {
    // F4: a CC's reply that left the requester out never changes the requester.
    const onlySupport = message.present.length === 1;
    const visibility: Visibility =
      settings.ccReplyWithoutRequester === 'public' || (settings.ccReplyWithoutRequester === 'public-if-only-support' && onlySupport) ? 'public' : 'internal';
    const reasons = [bySetting('F4', settings, 'ccReplyWithoutRequester')];
    if (notify) {
      const requesterMissing = set.requester === null ? [] : [set.requester];
      return { role, visibility, notice: { kind: 'cc-reply-without-requester', missing: [...requesterMissing, ...missing], added, resolutions: ['split'] }, reasons };
    }
    addEmailCcs(draft, added, F5);
    return { role, visibility, notice: null, reasons };
  }

  if (missing.length > 0) {
    // F3: nothing changes until an agent resolves the notice.
    const reasons = [bySetting('F3', settings, 'onDroppedRecipients')];
    if (notify) return { role, visibility: 'public', notice: { kind: 'recipients-changed', missing, added, resolutions: ['update-recipients', 'split'] }, reasons };
    if (settings.onDroppedRecipients === 'apply') {
      // F9: the sender is the requester or a CC, and the requester is on the message.
      const ctx = withReason(draft.ctx, bySetting('F9', settings, 'onDroppedRecipients'));
      for (const mailbox of missing) {
        const refused = set.remove('cc', mailbox, ctx);
        if (refused !== null) draft.issues.push(refused);
      }
    }
  }
  addEmailCcs(draft, added, F5);
  // F3: public whatever `onDroppedRecipients` says; the removals (F9) name the setting.
  return { role, visibility: 'public', notice: null, reasons: [{ rule: missing.length > 0 ? 'F3' : 'F2' }] };
}
