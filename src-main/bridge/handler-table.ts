import type { CallInput, CallName, CallOutput } from '../../src-preload/contract.ts';

/** One implementation per call of the contract: what the IPC helper and the e2e harness both serve. */
export type HandlerTable = {
  readonly [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> | CallOutput<K>;
};
