/**
 * "Start at login" on Linux desktops: an XDG autostart entry, a .desktop file in
 * $XDG_CONFIG_HOME/autostart (~/.config/autostart) that the session starts at login
 * (freedesktop Desktop Application Autostart Specification). GNOME, KDE, Xfce, Cinnamon, MATE
 * and LXQt all honour it; Electron's setLoginItemSettings does nothing on Linux.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';

/** Named like the app's launcher entry (package.json desktopName) so desktops match the two. */
export const AUTOSTART_FILE_NAME = 'margin-desk.desktop';

export interface AutostartEntry {
  name: string;
  comment: string;
  icon: string;
  /** The program and its arguments, unquoted. */
  command: readonly string[];
}

export interface InstalledAutostart {
  command: string[];
  /** False when the user switched it off in their desktop's startup settings (the file stays). */
  enabled: boolean;
}

/** $XDG_CONFIG_HOME/autostart/margin-desk.desktop; a relative or empty XDG_CONFIG_HOME is ignored, as the spec says. */
export function autostartPath(env: NodeJS.ProcessEnv, home: string): string {
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

// Desktop Entry Specification, "The Exec key": an argument holding any of these is double-quoted,
// and inside the quotes " ` $ \ take a backslash; a literal % is written %%.
const NEEDS_QUOTES = /[\s"'\\><~|&;$*?#()`]/;
const QUOTED_ESCAPES = /["`$\\]/g;

function quoteExecArgument(argument: string): string {
  const quoted = NEEDS_QUOTES.test(argument) || argument === '' ? `"${argument.replace(QUOTED_ESCAPES, '\\$&')}"` : argument;
  return quoted.replaceAll('%', '%%');
}

/** The spec's general escapes for string values (applied on top of Exec quoting). */
function escapeValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\t', '\\t').replaceAll('\r', '\\r');
}

function unescapeValue(value: string): string {
  return value.replace(/\\([\\nstr;])/g, (_match, code: string) => ({ '\\': '\\', n: '\n', s: ' ', t: '\t', r: '\r', ';': ';' })[code] ?? code);
}

export function formatAutostartEntry(entry: AutostartEntry): string {
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${escapeValue(entry.name)}`,
    `Comment=${escapeValue(entry.comment)}`,
    `Exec=${escapeValue(entry.command.map(quoteExecArgument).join(' '))}`,
    `Icon=${escapeValue(entry.icon)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
  ];
  return `${lines.join('\n')}\n`;
}

/** Splits an Exec value (already unescaped as a string value) back into arguments. */
export function parseExec(exec: string): string[] {
  const args: string[] = [];
  let current: string | null = null;
  let quoted = false;
  for (let i = 0; i < exec.length; i++) {
    const char = exec[i] as string;
    if (char === '%' && exec[i + 1] === '%') {
      current = (current ?? '') + '%';
      i++;
    } else if (quoted) {
      if (char === '\\' && i + 1 < exec.length) current += exec[++i] as string;
      else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') {
      quoted = true;
      current ??= '';
    } else if (char === ' ' || char === '\t') {
      if (current !== null) args.push(current);
      current = null;
    } else {
      current = (current ?? '') + char;
    }
  }
  if (current !== null) args.push(current);
  return args;
}

/** The entry at `path`, or null when there is none (or it has no Exec to run). */
export function readAutostart(path: string): InstalledAutostart | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const values = new Map<string, string>();
  let inMainGroup = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('[')) inMainGroup = line.trim() === '[Desktop Entry]';
    else if (inMainGroup && line.includes('=') && !line.startsWith('#')) {
      const at = line.indexOf('=');
      values.set(line.slice(0, at).trim(), unescapeValue(line.slice(at + 1).trim()));
    }
  }
  const exec = values.get('Exec');
  if (!exec) return null;
  const enabled = values.get('Hidden') !== 'true' && values.get('X-GNOME-Autostart-enabled') !== 'false';
  return { command: parseExec(exec), enabled };
}

/** Writes the entry atomically (a half-written file would be skipped, or worse, run) */
export function writeAutostart(path: string, entry: AutostartEntry): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, formatAutostartEntry(entry), { mode: 0o644 });
  renameSync(temporary, path);
}

export function removeAutostart(path: string): void {
  rmSync(path, { force: true });
}
