/**
 * The Message-IDs a ticket remembers for duplicate detection (F1), spread over buckets
 * by a hash of the id. Recording one copies a single small bucket, so the cost does not
 * grow with the ticket's history; each bucket keeps its latest ids.
 */
export const MESSAGE_ID_BUCKETS = 16;
export const MESSAGE_IDS_PER_BUCKET = 16;

function bucketOf(messageId: string): number {
  let h = 0;
  for (let i = 0; i < messageId.length; i++) h = (Math.imul(h, 31) + messageId.charCodeAt(i)) | 0;
  return (h >>> 0) % MESSAGE_ID_BUCKETS;
}

/** Whether the ticket already holds this Message-ID. */
export function hasMessageId(buckets: readonly (readonly string[])[], messageId: string): boolean {
  return buckets[bucketOf(messageId)]?.includes(messageId) === true;
}

/** The buckets with one more id: only the id's bucket is copied. */
export function withMessageId(buckets: readonly (readonly string[])[], messageId: string): (readonly string[])[] {
  const index = bucketOf(messageId);
  const all = buckets.length === MESSAGE_ID_BUCKETS ? buckets.slice() : Array.from({ length: MESSAGE_ID_BUCKETS }, (_, i) => buckets[i] ?? []);
  const bucket = all[index] ?? [];
  all[index] = Object.freeze([...bucket.slice(Math.max(0, bucket.length - MESSAGE_IDS_PER_BUCKET + 1)), messageId]);
  return all;
}
