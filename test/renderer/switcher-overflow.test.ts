/**
 * The switcher when its entries do not fit one line: the ones that fit stay, the rest are in a
 * "more" menu button that follows the WAI-ARIA menu button pattern. jsdom lays nothing out, so the
 * test places every entry after the second on a line below, as a narrow window's wrapping does.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app.ts';
import { NOW, seedProfile } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

const offsetTop = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetTop');

beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetTop', {
    configurable: true,
    get(this: HTMLElement) {
      const strip = this.parentElement;
      if (strip === null || !strip.classList.contains('strip')) return 0;
      return [...strip.children].indexOf(this) >= 2 ? 40 : 0;
    },
  });
});

afterEach(() => {
  if (offsetTop !== undefined) Object.defineProperty(HTMLElement.prototype, 'offsetTop', offsetTop);
});

const NAMES = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'];

async function fiveProfiles(activeProfileId: string) {
  return renderApp({ profiles: NAMES.map((name, index) => seedProfile(`p${index + 1}`, name)), activeProfileId, now: () => NOW });
}

const switcher = () => screen.getByRole('group', { name: 'Switch profile' });
const trigger = () => within(switcher()).getByRole('button', { name: /3 more/ });
const menuItems = () => within(screen.getByRole('menu', { name: 'More profiles and desks' })).getAllByRole('menuitemradio');

describe('switcher overflow', () => {
  it('hides the entries past the first line and lists them in a menu button, naming the shown one', async () => {
    await fiveProfiles('p4');
    const strip = [...switcher().querySelectorAll('.strip > button')];
    expect(strip.map((button) => button.classList.contains('clipped'))).toEqual([false, false, true, true, true]);
    expect(trigger().getAttribute('aria-haspopup')).toBe('menu');
    expect(trigger().getAttribute('aria-expanded')).toBe('false');
    expect(trigger().textContent).toContain('Delta');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('opens on the shown entry, moves with the arrows, Home, End and a first letter, and Escape closes onto its button', async () => {
    await fiveProfiles('p4');
    await fireEvent.click(trigger());
    expect(trigger().getAttribute('aria-expanded')).toBe('true');
    expect(menuItems().map((item) => [item.dataset.name, item.getAttribute('aria-checked'), item.getAttribute('aria-keyshortcuts')])).toEqual([
      ['Gamma', 'false', 'Control+3'],
      ['Delta', 'true', 'Control+4'],
      ['Epsilon', 'false', 'Control+5'],
    ]);
    await waitFor(() => expect(document.activeElement).toBe(menuItems()[1]));
    const menu = screen.getByRole('menu');
    await fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(menuItems()[2]);
    await fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(menuItems()[0]);
    await fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement).toBe(menuItems()[2]);
    await fireEvent.keyDown(menu, { key: 'Home' });
    expect(document.activeElement).toBe(menuItems()[0]);
    await fireEvent.keyDown(menu, { key: 'e' });
    expect(document.activeElement).toBe(menuItems()[2]);
    await fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger());
  });

  it('ArrowDown on the button opens on the first entry, and choosing one shows it and closes the menu', async () => {
    const { app, fake } = await fiveProfiles('p1');
    expect(within(switcher()).getByRole('button', { name: /3 more/ }).textContent).not.toContain('Alpha');
    await fireEvent.keyDown(trigger(), { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(menuItems()[0]));
    await fireEvent.click(menuItems()[2]!);
    await waitFor(() => expect(app.activeProfileId).toBe('p5'));
    expect(fake.callsOf('activateProfile')).toEqual([{ id: 'p5' }]);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger());
  });

  it('Ctrl+N pressed inside the open menu switches and closes the menu', async () => {
    const { app } = await fiveProfiles('p4');
    await fireEvent.click(trigger());
    await waitFor(() => expect(document.activeElement).toBe(menuItems()[1]));
    await fireEvent.keyDown(screen.getByRole('menu'), { key: '1', ctrlKey: true });
    await waitFor(() => expect(app.activeProfileId).toBe('p1'));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('a click elsewhere closes the menu', async () => {
    await fiveProfiles('p1');
    await fireEvent.click(trigger());
    expect(screen.getByRole('menu')).toBeTruthy();
    await fireEvent.pointerDown(document.body);
    expect(screen.queryByRole('menu')).toBeNull();
  });
});
