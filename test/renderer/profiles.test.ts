import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FULL_ACCESS_MARK, REFUSED_SECRET } from './support/fake-bridge.ts';
import { openView } from './support/navigate.ts';
import { renderApp } from './support/render-app.ts';
import { NOW, seedState, seedView } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

/** 64 bytes, base64: the shape of a real Kraken Futures secret. */
const SECRET = btoa(String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256)));
/** Kraken's documentation example: 87 characters, not valid base64. */
const DOCS_SECRET = 'rttp4AzwRfYEdQ7R7X8Z/04Y4TZPa97pqCypi3xXxAqftygftnI6H9yGV+OcUOOJeFtZkr8mVwbAndU3Kz4Q+eG';

function field(name: RegExp): HTMLInputElement {
  return screen.getByLabelText(name) as HTMLInputElement;
}

async function type(name: RegExp, value: string): Promise<void> {
  await fireEvent.input(field(name), { target: { value } });
}

describe('First start', () => {
  it('offers the sample profile, which then shows figures marked SAMPLE DATA', async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW, sampleSnapshot: (id) => ({ ...seedView(id), sample: true }) });
    expect(screen.getByText('Welcome to Margin Desk')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: /Add sample profile/ }));
    await waitFor(() => expect(screen.getByRole('main').textContent).toContain('34,122.66 USD'));
    expect(fake.callsOf('createSampleProfile')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1, name: 'Overview' }).closest('header')!.textContent).toContain('SAMPLE DATA');
  });

  it('opens the add-profile form on the Profiles view when there is no profile', async () => {
    await renderApp({ profiles: [], now: () => NOW });
    await openView('profiles');
    expect(screen.getByRole('region', { name: 'Add a Kraken profile' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Add sample profile/ })).toBeTruthy();
  });
});

describe('Add-profile form', () => {
  it('checks locally first: names the missing fields and sends nothing', async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW });
    await openView('profiles');
    await fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(screen.getByText(/profile name is empty/)).toBeTruthy();
    expect(screen.getByText('Paste the public API key.')).toBeTruthy();
    expect(screen.getByText('Paste the private key (API secret).')).toBeTruthy();
    expect(field(/^Name/).getAttribute('aria-invalid')).toBe('true');
    expect(fake.callsOf('createProfile')).toEqual([]);
  });

  it('refuses a secret that is not base64 (Kraken docs example) and one with spaces', async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW });
    await openView('profiles');
    await type(/^Name/, 'Main');
    await type(/^API key/, 'pubKEY123');
    await type(/Private key/, DOCS_SECRET);
    await fireEvent.click(screen.getByRole('button', { name: /Test connection/ }));
    expect(screen.getByText(/This is not a valid secret/)).toBeTruthy();
    await type(/Private key/, `${SECRET.slice(0, 40)} ${SECRET.slice(40)}`);
    await fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(screen.getByText(/contains a space or a line break/)).toBeTruthy();
    expect(fake.callsOf('testConnection')).toEqual([]);
    expect(fake.callsOf('createProfile')).toEqual([]);
  });

  it('tests a read-only key and shows its permissions', async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW });
    await openView('profiles');
    await type(/^API key/, '  pubKEY123  ');
    await type(/Private key/, ` ${SECRET}\n`);
    await fireEvent.click(screen.getByRole('button', { name: /Test connection/ }));
    const table = await screen.findByRole('table', { name: 'Permissions reported by Kraken' });
    expect(within(table).getByRole('row', { name: /General/ }).textContent).toContain('Read only');
    expect(within(table).getByRole('row', { name: /Transfers and withdrawals/ }).textContent).toContain('No access');
    expect(screen.getByText('Connected: a read-only key, as recommended.')).toBeTruthy();
    expect(fake.callsOf('testConnection')).toEqual([{ apiKey: 'pubKEY123', apiSecret: SECRET, source: 'uws' }]);
  });

  it('warns plainly about a key that can trade and withdraw', async () => {
    await renderApp({ profiles: [], now: () => NOW });
    await openView('profiles');
    await type(/^API key/, `pub${FULL_ACCESS_MARK}KEY`);
    await type(/Private key/, SECRET);
    await fireEvent.click(screen.getByRole('button', { name: /Test connection/ }));
    expect(await screen.findByText('Connected, but this key can do more than Margin Desk needs.')).toBeTruthy();
    expect(screen.getByText(/This key can trade/)).toBeTruthy();
    expect(screen.getByText(/This key can transfer and withdraw funds/)).toBeTruthy();
    expect(screen.getByText(/one key per app/)).toBeTruthy();
  });

  it('explains an authenticationError: Spot key, wrong secret, key shared with a nonce-sending tool', async () => {
    await renderApp({ profiles: [], now: () => NOW });
    await openView('profiles');
    await type(/^API key/, 'pubKEY123');
    await type(/Private key/, REFUSED_SECRET);
    await fireEvent.click(screen.getByRole('button', { name: /Test connection/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Kraken refused this key.');
    expect(screen.getByText('Spot key used on Futures.')).toBeTruthy();
    expect(screen.getByText('Wrong or incomplete secret.')).toBeTruthy();
    expect(screen.getByText('Key shared with another tool.')).toBeTruthy();
  });

  it('saves trimmed values, clears the secret from the form at once, and never shows it', async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW });
    await openView('profiles');
    await type(/^Name/, '  Main  ');
    await type(/^API key/, 'pubKEY123');
    await type(/Private key/, SECRET);
    fake.hold('createProfile');
    await fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    // Cleared while the call is still in flight.
    expect(field(/Private key/).value).toBe('');
    fake.release('createProfile');
    await waitFor(() => expect(screen.getByRole('list', { name: 'Profiles' }).textContent).toContain('Main'));
    expect(fake.callsOf('createProfile')).toEqual([{ name: 'Main', colour: '#7c5cff', apiKey: 'pubKEY123', apiSecret: SECRET, source: 'uws' }]);
    await waitFor(() => expect(fake.callsOf('activateProfile')).toEqual([{ id: 'p1' }]));
    expect(document.documentElement.outerHTML).not.toContain(SECRET);
    for (const input of document.querySelectorAll('input')) expect(input.value).not.toBe(SECRET);
  });

  it('a failed save asks for the secret again instead of keeping it', async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW });
    fake.fail('createProfile', { kind: 'keychainUnavailable', message: 'The system keychain could not be opened.', action: 'Unlock it and try again.', retryable: true });
    await openView('profiles');
    await type(/^Name/, 'Main');
    await type(/^API key/, 'pubKEY123');
    await type(/Private key/, SECRET);
    await fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The system keychain could not be opened.');
    expect(field(/Private key/).value).toBe('');
    expect(screen.getByText(/The secret was cleared from this form after it was sent/)).toBeTruthy();
  });
});

describe('Profile cards', () => {
  it('show kind, fingerprint, permissions and keychain state', async () => {
    const state = seedState();
    state.profiles = [{ ...state.profiles![0]!, keychain: 'unavailable' }];
    await renderApp(state);
    await openView('profiles');
    const card = screen.getByRole('listitem', { name: /Main/ });
    const text = card.textContent ?? '';
    expect(text).toContain('Kraken Futures');
    expect(text).toContain('…X9fQ');
    expect(text).toContain('General: Read only');
    expect(text).toContain('Transfer: No access');
    expect(text).toContain('Keychain unavailable');
    expect(text).toContain('cached figures stay available');
  });

  it('edit the name and refresh interval through updateProfile', async () => {
    const { fake } = await renderApp(seedState());
    await openView('profiles');
    await fireEvent.click(screen.getByRole('button', { name: /Edit/ }));
    await type(/^Name/, 'Treasury');
    await fireEvent.input(field(/Refresh every/), { target: { value: '30' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('listitem', { name: /Treasury/ })).toBeTruthy());
    expect(fake.callsOf('updateProfile')).toEqual([{ id: 'main', name: 'Treasury', colour: '#7c5cff', refreshSeconds: 30 }]);
  });

  it('replace credentials: validated, sent once, secret cleared', async () => {
    const { fake } = await renderApp(seedState());
    await openView('profiles');
    await fireEvent.click(screen.getByRole('button', { name: /Replace credentials/ }));
    await type(/^API key/, 'newKEY987');
    await type(/Private key/, SECRET);
    await fireEvent.click(screen.getByRole('button', { name: 'Replace' }));
    await waitFor(() => expect(screen.getByRole('listitem', { name: /Main/ }).textContent).toContain('…Y987'));
    expect(fake.callsOf('replaceCredentials')).toEqual([{ id: 'main', apiKey: 'newKEY987', apiSecret: SECRET }]);
    expect(document.documentElement.outerHTML).not.toContain(SECRET);
  });

  it('delete asks for confirmation first', async () => {
    const { fake } = await renderApp(seedState());
    await openView('profiles');
    await fireEvent.click(screen.getByRole('button', { name: /Delete/ }));
    const confirm = screen.getByRole('alertdialog');
    expect(confirm.textContent).toContain('Delete “Main”?');
    expect(fake.callsOf('deleteProfile')).toEqual([]);
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: /Delete/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete profile' }));
    await waitFor(() => expect(fake.callsOf('deleteProfile')).toEqual([{ id: 'main' }]));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: /Main/ })).toBeNull());
  });

  it("says when main could not remove the deleted profile's key from the keychain, until dismissed", async () => {
    const { fake } = await renderApp(seedState());
    fake.deleteWarning = {
      kind: 'keychainEntryLeft',
      message: '“Main” was deleted, but its API key could not be removed from the system keychain, which is locked or not available.',
      action: 'Margin Desk removes the key the next time it can open the keychain.',
      retryable: false,
    };
    await openView('profiles');
    await fireEvent.click(screen.getByRole('button', { name: /Delete/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete profile' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: /Main/ })).toBeNull());
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toContain('Profile deleted; its key is still in the keychain');
    expect(notice.textContent).toContain('could not be removed from the system keychain');
    expect(notice.textContent).toContain('Margin Desk removes the key the next time it can open the keychain.');
    await fireEvent.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Kraken API keys and the REST switch-off', () => {
  it('a Futures key can still be chosen, and is tested and saved as one', async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW });
    await openView('profiles');
    expect((screen.getByRole('radio', { name: /Kraken API key/ }) as HTMLInputElement).checked).toBe(true);
    await fireEvent.click(screen.getByRole('radio', { name: /Futures key/ }));
    await type(/^Name/, 'Old desk');
    await type(/^API key/, 'pubKEY123');
    await type(/Private key/, SECRET);
    await fireEvent.click(screen.getByRole('button', { name: /Test connection/ }));
    await waitFor(() => expect(fake.callsOf('testConnection')).toEqual([{ apiKey: 'pubKEY123', apiSecret: SECRET, source: 'rest' }]));
    await fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(fake.callsOf('createProfile')).toEqual([{ name: 'Old desk', colour: '#7c5cff', apiKey: 'pubKEY123', apiSecret: SECRET, source: 'rest' }]));
  });

  it('shows the notice with its steps and moves the profile to a Kraken API key in place', async () => {
    const state = seedState();
    const notice = { stage: 'switchedOff', title: 'Kraken switched this API off', message: 'Kraken has turned off the API.', steps: ['Create a key.', 'Switch.'] } as const;
    state.profiles = state.profiles!.map((profile) => ({ ...profile, cutoff: notice }));
    const { fake } = await renderApp(state);
    await openView('profiles');
    const card = screen.getByRole('listitem', { name: /Main/ });
    expect(within(card).getByRole('alert').textContent).toContain('Kraken switched this API off');
    expect(within(card).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Create a key.', 'Switch.']);
    await fireEvent.click(within(card).getByRole('button', { name: /Switch to a Kraken API key/ }));
    await type(/^API key/, 'uwsKEY555');
    await type(/Private key/, SECRET);
    await fireEvent.click(within(card).getByRole('button', { name: 'Switch' }));
    await waitFor(() => expect(screen.getByRole('listitem', { name: /Main/ }).textContent).toContain('Unified WebSocket'));
    expect(fake.callsOf('switchToStreaming')).toEqual([{ id: 'main', apiKey: 'uwsKEY555', apiSecret: SECRET }]);
    expect(screen.queryByTestId('rest-cutoff')).toBeNull();
    expect(document.documentElement.outerHTML).not.toContain(SECRET);
  });
});
