/**
 * The tray glyph: the app icon's margin gauge reduced to a single-colour mark, with the account
 * state told by the needle and a badge, so every state reads without colour (colour-blind users,
 * macOS template images, monochrome Linux panels):
 *   ok        needle low in the safe zone, no badge
 *   warn      needle past the middle, triangle badge with "!"
 *   critical  needle at the end stop, round badge with "!"
 *   stale     gauge dimmed, clock badge (the figures are old)
 *   offline   gauge dimmed, no needle, struck through
 *
 * Drawn on a 32-unit grid so 16 px lands on half units and 32 px on whole pixels.
 */

export const TRAY_STATES = ['ok', 'warn', 'critical', 'stale', 'offline'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/** light: drawn for a light tray background (dark ink); dark: for a dark one (light ink). */
export const TRAY_VARIANTS = ['light', 'dark'] as const;
export type TrayVariant = (typeof TRAY_VARIANTS)[number];

export interface TrayPalette {
  ink: string;
  ok: string;
  warn: string;
  critical: string;
}

/** Colours picked for contrast on each background; `template` is macOS's black + alpha. */
export const TRAY_PALETTES: Record<TrayVariant | 'template', TrayPalette> = {
  light: { ink: '#1B1F24', ok: '#0C8C69', warn: '#C27800', critical: '#D92D2D' },
  dark: { ink: '#F2F4F5', ok: '#3DDCB0', warn: '#FFC24B', critical: '#FF6B6B' },
  template: { ink: '#000000', ok: '#000000', warn: '#000000', critical: '#000000' },
};

const HUB = { x: 16, y: 19.5 };
/** Badges sit in the bottom-right corner, under the gauge's danger end. */
const BADGE = { x: 24.5, y: 25.5 };
/** Needle direction in degrees, counter-clockwise from pointing right (the danger end). */
const NEEDLE_ANGLE: Record<TrayState, number | null> = { ok: 140, warn: 62, critical: 32, stale: 90, offline: null };
/** Dimmed states say "these figures are not live" before any badge is read. */
const DIMMED: ReadonlySet<TrayState> = new Set(['stale', 'offline']);

const gauge = (ink: string): string =>
  `<path d="M 4.5 ${HUB.y} A 11.5 11.5 0 0 1 27.5 ${HUB.y}" fill="none" stroke="${ink}" stroke-width="4.5" stroke-linecap="round"/>`;

const needle = (angle: number, colour: string): string => {
  const { x, y } = HUB;
  return (
    `<g transform="rotate(${90 - angle} ${x} ${y})" fill="${colour}">` +
    `<path d="M ${x - 2} ${y} L ${x - 0.8} ${y - 10.5} Q ${x} ${y - 11.6} ${x + 0.8} ${y - 10.5} L ${x + 2} ${y} Z"/>` +
    `<circle cx="${x}" cy="${y}" r="3.2"/></g>`
  );
};

/** An "!" for cutting out of a badge (drawn black into the badge's mask). */
const exclamation = (top: number, stem: number): string =>
  `<rect x="${BADGE.x - 1.1}" y="${top}" width="2.2" height="${stem}" rx="1.1"/>` +
  `<circle cx="${BADGE.x}" cy="${top + stem + 2.3}" r="1.25"/>`;

interface Badge {
  /** The badge drawn on top of the gauge. */
  shape: string;
  /** Its outline, widened, cut out of the gauge so a gap separates the two. */
  knockout: string;
}

function badge(state: TrayState, palette: TrayPalette): Badge | null {
  const { x, y } = BADGE;
  switch (state) {
    case 'ok':
      return null;
    case 'warn': {
      const triangle = `M ${x} ${y - 7} L ${x + 7} ${y + 5.5} L ${x - 7} ${y + 5.5} Z`;
      return {
        shape:
          `<mask id="warn-cut"><path d="${triangle}" fill="#fff" stroke="#fff" stroke-width="1.2" stroke-linejoin="round"/>` +
          `<g fill="#000">${exclamation(y - 3, 4)}</g></mask>` +
          `<rect width="32" height="32" fill="${palette.warn}" mask="url(#warn-cut)"/>`,
        knockout: `<path d="${triangle}" fill="#000" stroke="#000" stroke-width="5.5" stroke-linejoin="round"/>`,
      };
    }
    case 'critical':
      return {
        shape:
          `<mask id="critical-cut"><circle cx="${x}" cy="${y}" r="6.5" fill="#fff"/><g fill="#000">${exclamation(y - 4.3, 4.6)}</g></mask>` +
          `<rect width="32" height="32" fill="${palette.critical}" mask="url(#critical-cut)"/>`,
        knockout: `<circle cx="${x}" cy="${y}" r="8.6" fill="#000"/>`,
      };
    case 'stale':
      return {
        shape:
          `<g fill="none" stroke="${palette.ink}" stroke-linecap="round"><circle cx="${x}" cy="${y}" r="5.3" stroke-width="2.2"/>` +
          `<path d="M ${x} ${y - 2.8} L ${x} ${y} L ${x + 2.2} ${y + 1.4}" stroke-width="1.8"/></g>`,
        knockout: `<circle cx="${x}" cy="${y}" r="8.4" fill="#000"/>`,
      };
    case 'offline':
      return {
        shape: `<path d="M 5 5 L 27 27" stroke="${palette.ink}" stroke-width="3" stroke-linecap="round"/>`,
        knockout: `<path d="M 5 5 L 27 27" stroke="#000" stroke-width="7.5" stroke-linecap="round"/>`,
      };
  }
}

/** The SVG markup of one tray image; render it at 16, 24 or 32 px. */
export function traySvg(state: TrayState, palette: TrayPalette): string {
  const angle = NEEDLE_ANGLE[state];
  const needleColour = state === 'ok' ? palette.ok : state === 'warn' ? palette.warn : state === 'critical' ? palette.critical : palette.ink;
  const mark = gauge(palette.ink) + (angle === null ? '' : needle(angle, needleColour));
  const extra = badge(state, palette);
  const opacity = DIMMED.has(state) ? ' opacity="0.5"' : '';
  const glyph = extra
    ? `<mask id="gap"><rect width="32" height="32" fill="#fff"/>${extra.knockout}</mask><g mask="url(#gap)"${opacity}>${mark}</g>${extra.shape}`
    : `<g${opacity}>${mark}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${glyph}</svg>`;
}
