/** Renders the whole app on a fake bridge and waits until its first data is on screen. */
import { render, screen, waitFor } from '@testing-library/svelte';
import { expect } from 'vitest';
import App from '../../../src-renderer/src/App.svelte';
import { FakeBridge, type FakeState } from './fake-bridge.ts';

export async function renderApp(state: FakeState | FakeBridge = {}) {
  const fake = state instanceof FakeBridge ? state : new FakeBridge(state);
  const result = render(App, { props: { bridge: fake.bridge } });
  await waitFor(() => expect(screen.queryByText('Opening your cached figures…')).toBeNull());
  return { fake, ...result };
}
