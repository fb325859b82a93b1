/**
 * Keyboard-only driving for the end-to-end suite: Tab to a control by its accessible name, checking
 * at every stop that the focus is on an element (never the page body) and that it shows.
 */
import type { Page } from 'playwright-core';

export interface FocusStop {
  /** Tag, id and text of the focused element, for a failure message. */
  readonly what: string;
  readonly onBody: boolean;
  /** A focus indicator is drawn: an outline on the element, on its label or on the next sibling (custom radios), or a box shadow. */
  readonly visible: boolean;
  readonly name: string;
}

export async function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (element === null || element === document.body) return { what: 'body', onBody: true, visible: false, name: '' };
    const drawn = (candidate: Element | null) => {
      if (candidate === null) return false;
      const style = getComputedStyle(candidate);
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    };
    const visible = element.matches(':focus-visible') && [element, element.parentElement, element.nextElementSibling].some(drawn);
    const label = element instanceof HTMLInputElement || element instanceof HTMLSelectElement ? element.labels?.[0]?.textContent : null;
    const name = (element.getAttribute('aria-label') ?? label ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
    return { what: `${element.tagName.toLowerCase()}#${element.id} "${name.slice(0, 60)}"`, onBody: false, visible, name };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches; every stop on the way must be visible and off the body. */
export async function tabTo(page: Page, name: RegExp, options: { backwards?: boolean; max?: number } = {}): Promise<FocusStop> {
  const problems: string[] = [];
  for (let press = 0; press < (options.max ?? 80); press++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const stop = await focusStop(page);
    if (stop.onBody) problems.push(`focus on the page body after ${press + 1} presses`);
    else if (!stop.visible) problems.push(`no visible focus on ${stop.what}`);
    if (problems.length > 0) throw new Error(problems.join('; '));
    if (name.test(stop.name)) return stop;
  }
  throw new Error(`${name} not reached by Tab`);
}
