/**
 * The app's global shortcuts. Ctrl on Windows and Linux, Cmd on macOS; either is accepted so that a
 * Mac user with a PC keyboard is not locked out. `code` keeps them working on non-US layouts, where
 * Shift+1 or the digit row produce other characters.
 */
export type HotkeyAction = { readonly kind: 'switchProfile'; readonly index: number } | { readonly kind: 'togglePrivacy' };

export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export function hotkeyAction(press: KeyPress): HotkeyAction | null {
  if (!(press.ctrlKey || press.metaKey) || press.altKey) return null;
  if (press.shiftKey && (press.code === 'KeyP' || press.key.toLowerCase() === 'p')) return { kind: 'togglePrivacy' };
  if (press.shiftKey) return null;
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(press.code)?.[1] ?? (/^[1-9]$/.test(press.key) ? press.key : undefined);
  return digit === undefined ? null : { kind: 'switchProfile', index: Number(digit) - 1 };
}

/** How the shortcut modifier is written on this platform, for hints next to the controls. */
export const MODIFIER_LABEL = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** The same modifier as `aria-keyshortcuts` names it. */
export const MODIFIER_ARIA = MODIFIER_LABEL === '⌘' ? 'Meta' : 'Control';
