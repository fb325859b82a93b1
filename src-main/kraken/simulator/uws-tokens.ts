/**
 * The simulated exchange's Unified WebSocket tokens: issued by `GetWebSocketsToken` for a key,
 * bound to the key's account, usable for 15 minutes until a connection subscribes with them, then
 * bound to that one connection for as long as it lives (Kraken: "valid while a private
 * subscription holds"; Margin Desk takes a fresh token for every connection, so the simulator
 * refuses a token on a second connection to catch any reuse).
 */
import type { Clock } from '../../../src-shared/clock.ts';
import { randomBase64, type Random } from './random.ts';

/** Kraken's documented lifetime of an unused token, in seconds. */
export const TOKEN_LIFETIME_SECONDS = 900;

interface IssuedToken {
  readonly accountUid: string;
  readonly issuedAt: number;
  /** The connection that uses it, once one has subscribed with it. */
  connection: object | null;
  revoked: boolean;
}

export class UwsTokens {
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #tokens = new Map<string, IssuedToken>();
  #issued = 0;

  constructor(clock: Clock, random: Random) {
    this.#clock = clock;
    this.#random = random;
  }

  /** Tokens issued so far (each connection must fetch its own). */
  get issuedCount(): number {
    return this.#issued;
  }

  issue(accountUid: string): string {
    const token = randomBase64(this.#random, 30);
    this.#tokens.set(token, { accountUid, issuedAt: this.#clock.now(), connection: null, revoked: false });
    this.#issued++;
    return token;
  }

  /**
   * The account a subscription with `token` on `connection` reads, or null when the token is unknown,
   * revoked, expired before first use, or already bound to another connection.
   */
  claim(token: string, connection: object): string | null {
    const issued = this.#tokens.get(token);
    if (issued === undefined || issued.revoked) return null;
    if (issued.connection === null) {
      if (this.#clock.now() - issued.issuedAt > TOKEN_LIFETIME_SECONDS * 1000) return null;
      issued.connection = connection;
    }
    return issued.connection === connection ? issued.accountUid : null;
  }

  /** Ends every token bound to `connection` (an expired session, a closed connection). */
  revokeFor(connection: object): void {
    for (const issued of this.#tokens.values()) if (issued.connection === connection) issued.revoked = true;
  }
}
