/** Renders the whole app on a fake bridge, as main.ts does, and waits until its first data is on screen. */
import { render, screen, waitFor } from '@testing-library/svelte';
import { expect, onTestFinished } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import { AppState } from '../../../src-renderer/src/state/app.svelte.ts';
import type { ViewModules } from '../../../src-renderer/src/state/view-modules.svelte.ts';
import { FakeBridge, type FakeState } from './fake-bridge.ts';

/** Renders without waiting: for asserting what shows while the first load is under way or after it failed. */
export function renderAppNow(state: FakeState | FakeBridge = {}, props: { views?: ViewModules } = {}) {
  const fake = state instanceof FakeBridge ? state : new FakeBridge(state);
  const app = new AppState(fake.bridge);
  void app.start();
  onTestFinished(() => app.stop());
  return { fake, app, ...render(App, { props: { app, ...props } }) };
}

/** Renders and waits for the first data and for the chrome (navigation, status line) that mounts the frame after it. */
export async function renderApp(state: FakeState | FakeBridge = {}) {
  const result = renderAppNow(state);
  await waitFor(() => expect(screen.queryByText('Opening your cached figures…')).toBeNull());
  await screen.findByRole('navigation', { name: 'Views' });
  return result;
}
