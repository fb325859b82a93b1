import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartPath, formatAutostartEntry, parseExec, readAutostart, removeAutostart, writeAutostart } from '../../../src-main/platform/xdg-autostart.ts';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'xdg-autostart-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ENTRY = { name: 'Margin Desk', comment: 'Started at login', icon: 'margin-desk', command: ['/opt/Margin Desk/margin-desk', '--hidden'] };

describe('autostartPath', () => {
  it('uses $XDG_CONFIG_HOME when it is an absolute path, ~/.config otherwise', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe('/cfg/autostart/margin-desk.desktop');
    expect(autostartPath({}, '/home/ann')).toBe('/home/ann/.config/autostart/margin-desk.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: '' }, '/home/ann')).toBe('/home/ann/.config/autostart/margin-desk.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ann')).toBe('/home/ann/.config/autostart/margin-desk.desktop');
  });
});

describe('the desktop entry', () => {
  it('is a valid autostart entry that quotes a path with spaces', () => {
    expect(formatAutostartEntry(ENTRY)).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Margin Desk',
        'Comment=Started at login',
        'Exec="/opt/Margin Desk/margin-desk" --hidden',
        'Icon=margin-desk',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('round-trips awkward arguments through the Exec quoting and escaping rules', () => {
    const command = ['/home/ann/Apps/Margin Desk.AppImage', 'a"b', 'cost$5', 'back\\slash', '100%', 'tick`s', ''];
    const file = join(tempDir(), 'entry.desktop');
    writeAutostart(file, { ...ENTRY, command });
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/ann/Apps/Margin Desk.AppImage" "a\\\\"b" "cost\\\\$5" "back\\\\\\\\slash" 100%% "tick\\\\`s" ""');
    expect(readAutostart(file)).toEqual({ command, enabled: true });
  });

  it('splits an Exec line like the desktop does', () => {
    expect(parseExec('margin-desk  --hidden')).toEqual(['margin-desk', '--hidden']);
    expect(parseExec('"/opt/Margin Desk/margin-desk" --hidden')).toEqual(['/opt/Margin Desk/margin-desk', '--hidden']);
  });
});

describe('writing, reading and removing', () => {
  it('creates the autostart folder, writes the entry readable by the session, and removes it', () => {
    const file = autostartPath({ XDG_CONFIG_HOME: tempDir() }, '/nonexistent');
    expect(readAutostart(file)).toBeNull();
    writeAutostart(file, ENTRY);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readAutostart(file)).toEqual({ command: ENTRY.command, enabled: true });
    removeAutostart(file);
    expect(readAutostart(file)).toBeNull();
    expect(() => removeAutostart(file)).not.toThrow();
  });

  it('reads an entry the user disabled in their startup settings as off', () => {
    const file = join(tempDir(), 'margin-desk.desktop');
    writeFileSync(file, `${formatAutostartEntry(ENTRY).replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false')}`);
    expect(readAutostart(file)).toEqual({ command: ENTRY.command, enabled: false });
    writeFileSync(file, `${formatAutostartEntry(ENTRY)}Hidden=true\n`);
    expect(readAutostart(file)?.enabled).toBe(false);
  });

  it('ignores keys outside the [Desktop Entry] group and files without Exec', () => {
    const file = join(tempDir(), 'margin-desk.desktop');
    writeFileSync(file, '[Desktop Entry]\nType=Application\nName=x\n\n[Desktop Action other]\nExec=/bin/other\n');
    expect(readAutostart(file)).toBeNull();
  });
});
