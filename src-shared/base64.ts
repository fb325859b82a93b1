/**
 * Standard base64 with padding, which is what Kraken issues for API secrets (88 characters for a
 * 64-byte secret). Kraken's own documentation prints an 87-character example that is not, so a
 * pasted secret that does not decode is refused rather than signed with garbage.
 */
export const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Whether `text` is non-empty, strict base64 (no whitespace, correct padding). */
export function isBase64(text: string): boolean {
  return text.length > 0 && BASE64_PATTERN.test(text);
}
