/**
 * The forms a secret, token or signature could leak in, for the audits that search files and
 * bridge traffic: as sent, URL-encoded, the hex of its text (both cases), its halves, and, for
 * base64 values, its bytes as hex (both cases), as base64url and as the first half of their base64:
 * the forms the log redactor knows (src-main/log/known-secrets.ts), pieces included.
 */
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** Shorter forms would match unrelated text by chance. */
const MIN_FORM_LENGTH = 16;

export function leakForms(secret: string): string[] {
  const textHex = Buffer.from(secret).toString('hex');
  const half = Math.floor(secret.length / 2);
  const forms = [secret, encodeURIComponent(secret), textHex, textHex.toUpperCase(), secret.slice(0, half), secret.slice(half)];
  const bytes = BASE64.test(secret) ? Buffer.from(secret, 'base64') : Buffer.alloc(0);
  if (bytes.length >= MIN_FORM_LENGTH) {
    const hex = bytes.toString('hex');
    forms.push(hex, hex.toUpperCase(), bytes.toString('base64url'), bytes.toString('base64').slice(0, 32));
  }
  return [...new Set(forms)].filter((form) => form.length >= MIN_FORM_LENGTH);
}
