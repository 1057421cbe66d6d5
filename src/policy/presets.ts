import { defaultSettings, type Settings } from './settings.js';

/**
 * Settings bundles that reproduce each product's documented behaviour (see docs/behaviour.md, P1–P3).
 * Spread one and override what your help desk does differently:
 *
 * @example
 * const settings = { ...presets.zendesk, denylist: ['no-reply*@*'] };
 */
export const presets: {
  readonly omnidesk: Settings;
  readonly zendesk: Settings;
  readonly servicecamp: Settings;
} = /* @__PURE__ */ (() => ({
  /** P1: the defaults. BCC on tickets, a notice when a reply drops recipients, a CC's reply public with a split notice. */
  omnidesk: defaultSettings,
  /** P2: 48 CCs, dropped CCs removed when allowed, a CC's reply without the requester private, no BCC, followers. */
  zendesk: {
    ...defaultSettings,
    ccLimit: 48,
    onDroppedRecipients: 'apply',
    ccReplyWithoutRequester: 'private',
    thirdPartyReply: 'internal',
    bccEnabled: false,
    followersEnabled: true,
    // CCs are notified of public comments, followers of notes too (B4).
    internalNotesToStaffCcs: false,
  },
  /** P3: ten CCs put there by staff only, recipients never changed by a reply, CC replies public to everyone, no BCC. */
  servicecamp: {
    ...defaultSettings,
    ccLimit: 10,
    // Only staff, in the help desk, put people in CC: a customer's copies add no one.
    emailCcsEnabled: false,
    onDroppedRecipients: 'keep',
    ccReplyWithoutRequester: 'public',
    bccEnabled: false,
  },
}))();
