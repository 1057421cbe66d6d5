import type { RecipientIssue } from '../ticket/issues.js';
import type { HeaderIssue } from './message.js';

/** Something about an inbound email that was not applied, or that the caller should know. */
export type InboundIssue =
  | HeaderIssue
  | RecipientIssue
  | {
      readonly code: 'duplicate-message' | 'mail-loop' | 'support-sender' | 'invalid-command';
      readonly message: string;
      readonly input: unknown;
    };
