// Reads an .eml file with a real mail parser and hands its raw address headers over, as a mail pipeline would.
import { readFileSync } from 'node:fs';
import PostalMime from 'postal-mime';
import type { InboundEmail } from '../src/index.js';

export async function readEml(path: string, extra: Partial<InboundEmail> = {}): Promise<InboundEmail> {
  const email = await PostalMime.parse(readFileSync(path));
  const header = (name: string): string | undefined => email.headers.find((h) => h.key === name)?.value;
  const messageId = email.messageId ?? header('message-id');
  if (messageId === undefined) throw new Error(`${path} has no Message-ID`);
  return {
    type: 'receive-email',
    messageId,
    at: email.date ?? 'unknown',
    from: header('from'),
    to: header('to'),
    cc: header('cc'),
    replyTo: header('reply-to'),
    // F11 reads the other headers (Auto-Submitted, Precedence, List-Id, Content-Type, …) as postal-mime gives them.
    headers: email.headers,
    ...extra,
  };
}
