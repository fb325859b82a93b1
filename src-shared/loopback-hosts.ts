/**
 * Host names that reach only this computer. Plain http is allowed to these alone (the simulated
 * exchange, a local proxy); anywhere else it would send keys and signatures unencrypted.
 */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}
