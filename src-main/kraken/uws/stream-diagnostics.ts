/**
 * The diagnostics capture of Settings → Diagnostics: while it is on, the first raw message of each
 * Unified WebSocket channel and type (per profile) is written to a file in the app's data folder
 * that users can attach to a bug report. Kraken's field names for `margin`, `balances` and
 * `positions` are partly unknown; such a file is how the real names get confirmed. Here, beside the
 * decoders, because it reads the exchange's raw messages, which nothing outside src-main/kraken does.
 *
 * Nothing that opens an account goes into it: every field whose name says token, key, secret or
 * signature is replaced, whatever channel it came in, and the profile is named by its id only.
 * The file is rewritten whole on each new capture (a handful per connection, none after), so it is
 * always a complete JSON document.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonExact } from '../decode/exact-json.ts';

export const DIAGNOSTICS_FILE_NAME = 'uws-diagnostics.json';

const SECRET_FIELD = /token|key|secret|sign|password|otp/i;
const REDACTED = '[redacted]';

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, SECRET_FIELD.test(name) ? REDACTED : redact(inner)]));
}

export interface CapturedMessage {
  readonly profileId: string;
  readonly channel: string;
  readonly type: string | null;
  readonly receivedAt: string;
  /** The message as received (numbers as their exact text), secret-named fields replaced. */
  readonly message: unknown;
}

export class StreamDiagnostics {
  readonly path: string;
  readonly #appVersion: string;
  readonly #captured = new Map<string, CapturedMessage>();
  #enabled = false;

  constructor(options: { readonly dataDir: string; readonly appVersion: string }) {
    this.path = join(options.dataDir, DIAGNOSTICS_FILE_NAME);
    this.#appVersion = options.appVersion;
  }

  /** Turning it on starts a fresh capture: the file then shows what the current connections send. */
  setEnabled(enabled: boolean): void {
    if (enabled && !this.#enabled) this.#captured.clear();
    this.#enabled = enabled;
  }

  /** Called with every data frame; cheap when off or when this channel and type are captured already. */
  record(profileId: string, channel: string, type: string | undefined, frame: string, now = Date.now()): void {
    if (!this.#enabled) return;
    const key = `${profileId}\u0000${channel}\u0000${type ?? ''}`;
    if (this.#captured.has(key)) return;
    let message: unknown;
    try {
      message = redact(parseJsonExact(frame));
    } catch {
      message = '[not JSON]';
    }
    this.#captured.set(key, { profileId, channel, type: type ?? null, receivedAt: new Date(now).toISOString(), message });
    const document = { app: `Margin Desk ${this.#appVersion}`, note: 'First message of each channel and type; tokens and keys removed.', messages: [...this.#captured.values()] };
    writeFileSync(this.path, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
  }
}
