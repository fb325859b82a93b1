/**
 * The one gate every bridge call passes, in the style of VS Code's sender-validated IPC: (a) only
 * the main frame of the app's own window, loaded from the app's own origin, may call; (b) the
 * argument is validated against its schema; (c) the outcome is always a typed BridgeResult, never a
 * thrown Error (which would reach the renderer as a bare message). Plain Node: the Electron adapter
 * (src-main/electron/ipc-bridge.ts) and the end-to-end harness both call it.
 */
import { z } from 'zod';
import { CALL_CHANNELS, type BridgeResult, type CallName, type WindowOpening } from '../../src-preload/contract.ts';
import { fieldProblems } from '../../src-shared/field-problem.ts';
import type { UserFacingError } from '../../src-shared/user-facing-error.ts';
import { AppError, toUserFacing } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { ARGUMENT_SCHEMAS } from './argument-schemas.ts';
import type { HandlerTable } from './handler-table.ts';

/** Who sent a call, as far as the adapter can tell. */
export interface CallSender {
  /** The sending web contents belongs to the app's main window. */
  readonly fromAppWindow: boolean;
  /** The sending frame is that window's top-level frame (not an iframe). */
  readonly isMainFrame: boolean;
  /** URL of the sending frame. */
  readonly frameUrl: string;
}

export interface Dispatcher {
  /** Handles one call; `args` are every argument the renderer passed after the channel. */
  dispatch(channel: string, sender: CallSender, args: readonly unknown[]): Promise<BridgeResult<unknown>>;
  /**
   * The answer to `openWindow` for the page main serves itself, which carries it in its document
   * (./page-with-opening.ts): main asks, so there is no sender to check and no argument to validate.
   */
  openingForPage(): Promise<BridgeResult<WindowOpening>>;
}

export interface DispatcherOptions {
  readonly handlers: HandlerTable;
  /** Base URL of the app's own pages, e.g. `app://margin-desk/` (or the dev server / e2e server). */
  readonly appOrigin: string;
  readonly logger: Logger;
}

const CALL_BY_CHANNEL: ReadonlyMap<string, CallName> = new Map(
  Object.entries(CALL_CHANNELS).map(([call, channel]) => [channel, call as CallName]),
);

/**
 * Whether `url` is one of the app's own pages. Compared by scheme and host rather than `URL.origin`,
 * which is the opaque "null" for custom schemes such as `app:`.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const page = new URL(url);
    const app = new URL(appOrigin);
    return page.protocol === app.protocol && page.host === app.host && page.username === '' && page.password === '';
  } catch {
    return false;
  }
}

function failure(error: UserFacingError): BridgeResult<never> {
  return { ok: false, error };
}

function describeIssues(error: z.core.$ZodError): string {
  return fieldProblems(error)
    .slice(0, 3)
    .map((problem) => `${problem.field === '' ? 'argument' : problem.field}: ${problem.message}`)
    .join('; ');
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const log = options.logger.child('bridge');

  /** Runs a call's handler on a validated argument; every outcome becomes a BridgeResult. */
  async function answer(call: CallName, input: unknown): Promise<BridgeResult<unknown>> {
    try {
      const handler = options.handlers[call] as (input: unknown) => unknown;
      return { ok: true, value: await handler(input) };
    } catch (error) {
      if (!(error instanceof AppError)) log.error(`Call ${call} failed unexpectedly`, error);
      else log.info(`Call ${call} failed`, { kind: error.kind, message: error.message });
      return failure(toUserFacing(error));
    }
  }

  return {
    async dispatch(channel, sender, args) {
      const call = CALL_BY_CHANNEL.get(channel);
      if (!call) {
        log.warn('Refused a call to a channel outside the contract', { channel: String(channel).slice(0, 80) });
        return failure({
          kind: 'unknownCall',
          message: 'The window asked for an action Margin Desk does not have.',
          action: 'Restart Margin Desk. If this keeps happening, report it with the log file.',
          retryable: false,
        });
      }
      if (!sender.fromAppWindow || !sender.isMainFrame || !isAppUrl(sender.frameUrl, options.appOrigin)) {
        log.warn('Refused a call from a foreign sender', { call, frameUrl: sender.frameUrl.slice(0, 200), isMainFrame: sender.isMainFrame });
        return failure({
          kind: 'forbiddenSender',
          message: 'A page that is not Margin Desk tried to use the app.',
          action: 'Nothing was changed. Restart Margin Desk if you see this again.',
          retryable: false,
        });
      }
      // One argument at most: extra arguments are a sign of a hostile or broken caller.
      const parsed = args.length > 1 ? null : z.safeParse(ARGUMENT_SCHEMAS[call], args[0]);
      if (!parsed?.success) {
        const detail = parsed ? describeIssues(parsed.error) : 'too many arguments';
        log.warn('Refused a call with malformed arguments', { call, detail });
        return failure({
          kind: 'invalidArgument',
          message: `Margin Desk could not accept this request (${detail}).`,
          action: 'Check the values you entered and try again.',
          retryable: false,
        });
      }
      return answer(call, parsed.data);
    },
    openingForPage: () => answer('openWindow', undefined) as Promise<BridgeResult<WindowOpening>>,
  };
}
