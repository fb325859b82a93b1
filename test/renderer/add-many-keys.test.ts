import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { KeyImportReport } from '../../src-preload/contract.ts';
import { openView } from './support/navigate.ts';
import { renderApp } from './support/render-app.ts';
import { NOW } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

const SECRET = btoa(String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256)));
const SECOND_SECRET = btoa(String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 53 + 7) % 256)));

function field(name: RegExp): HTMLInputElement {
  return screen.getByLabelText(name) as HTMLInputElement;
}

async function type(name: RegExp, value: string): Promise<void> {
  await fireEvent.input(field(name), { target: { value } });
}

describe('Save and add another', () => {
  it('saves each key and keeps the form open and empty for the next, with the kind of key and colour kept', async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW });
    await openView('profiles');
    await fireEvent.click(screen.getByLabelText('#10b981'));
    await type(/^Name/, 'Desk 1');
    await type(/^API key/, 'pubKEY111');
    await type(/Private key/, SECRET);
    await fireEvent.click(screen.getByRole('button', { name: 'Save and add another' }));
    expect(await screen.findByText('"Desk 1" saved. Add the next key.')).toBeTruthy();
    expect(field(/^Name/).value).toBe('');
    expect(field(/^API key/).value).toBe('');
    expect(field(/Private key/).value).toBe('');
    expect(document.activeElement).toBe(field(/^Name/));

    await type(/^Name/, 'Desk 2');
    await type(/^API key/, 'pubKEY222');
    await type(/Private key/, SECOND_SECRET);
    await fireEvent.click(screen.getByRole('button', { name: 'Save and add another' }));
    expect(await screen.findByText('"Desk 2" saved. Add the next key.')).toBeTruthy();

    expect(fake.callsOf('createProfile')).toEqual([
      { name: 'Desk 1', colour: '#10b981', apiKey: 'pubKEY111', apiSecret: SECRET, source: 'uws' },
      { name: 'Desk 2', colour: '#10b981', apiKey: 'pubKEY222', apiSecret: SECOND_SECRET, source: 'uws' },
    ]);
    // the form stays: no switch to the new profile on each key
    expect(fake.callsOf('activateProfile')).toEqual([]);
    expect(screen.getByRole('region', { name: 'Add a Kraken profile' })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('list', { name: 'Profiles' }).textContent).toContain('Desk 2'));
    expect(document.documentElement.outerHTML).not.toContain(SECRET);
  });

  it('keeps what was typed when a key is refused, apart from the secret', async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW });
    fake.fail('createProfile', { kind: 'spotPermissionDenied', message: 'This key lacks the WebSocket permission.', action: 'Turn it on at Kraken.', retryable: false });
    await openView('profiles');
    await type(/^Name/, 'Desk 1');
    await type(/^API key/, 'pubKEY111');
    await type(/Private key/, SECRET);
    await fireEvent.click(screen.getByRole('button', { name: 'Save and add another' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This key lacks the WebSocket permission.');
    expect(field(/^Name/).value).toBe('Desk 1');
    expect(field(/Private key/).value).toBe('');
    expect(screen.queryByText(/saved\. Add the next key/)).toBeNull();
  });
});

describe('Import a file of keys', () => {
  const report: KeyImportReport = {
    fileName: 'desk-keys.csv',
    added: 2,
    lines: [
      { line: 2, name: 'Desk A', outcome: 'added', message: null, action: null },
      { line: 3, name: 'Desk B', outcome: 'added', message: null, action: null },
      { line: 4, name: 'No websocket', outcome: 'refused', message: 'This key lacks the WebSocket permission.', action: 'Turn it on at Kraken.' },
      { line: 5, name: 'Again', outcome: 'duplicate', message: 'Line 5 repeats a key from an earlier line.', action: 'Nothing to do: the key was imported once.' },
      { line: 7, name: null, outcome: 'malformed', message: 'Line 7 has 2 fields, not 3.', action: null },
    ],
  };

  it("asks main to import with the form's settings, shows each line not added, and says the file was not kept and should be deleted", async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW, importReport: report });
    await openView('profiles');
    await fireEvent.click(screen.getByLabelText('#f59e0b'));
    await fireEvent.click(screen.getByRole('button', { name: /Import a file of keys/ }));
    const result = await screen.findByRole('region', { name: /2 of 5 keys added from desk-keys.csv/ });
    expect(fake.callsOf('importKeys')).toEqual([{ colour: '#f59e0b', source: 'uws' }]);
    expect(result.textContent).toContain('did not copy or keep it');
    expect(result.textContent).toMatch(/delete it/);
    const rows = within(within(result).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^4No websocketRefusedThis key lacks the WebSocket permission\./),
      expect.stringMatching(/^5AgainAlready addedLine 5 repeats/),
      expect.stringMatching(/^7—Not a key lineLine 7 has 2 fields/),
    ]);
    await waitFor(() => expect(screen.getByRole('list', { name: 'Profiles' }).textContent).toContain('Desk B'));
    // the form says it before the file is chosen, too
    expect(screen.getByText(/reads the file once and does not copy or keep it/)).toBeTruthy();
  });

  it('shows nothing new when the dialog is closed, and a typed error for a file that is not a file of keys', async () => {
    const { fake } = await renderApp({ profiles: [], now: () => NOW, importReport: null });
    await openView('profiles');
    await fireEvent.click(screen.getByRole('button', { name: /Import a file of keys/ }));
    await waitFor(() => expect(fake.callsOf('importKeys')).toHaveLength(1));
    expect(screen.queryByRole('region', { name: /keys? added from/ })).toBeNull();
    fake.fail('importKeys', { kind: 'keyFileNotText', message: 'The file is not a text file.', action: 'Save the keys as plain text.', retryable: false });
    await fireEvent.click(screen.getByRole('button', { name: /Import a file of keys/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('The file is not a text file.');
  });
});
