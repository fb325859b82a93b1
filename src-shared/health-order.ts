/**
 * Which health is worse: one order for main (the worst account of a profile, the tray's order of
 * profiles, the history sampler) and the renderer (the subaccounts table's health sort, the worst
 * row of a master's list or a desk), so "closest to liquidation" names the same account everywhere.
 */
import { compareDecimals } from './decimal.ts';
import type { HealthFigure, HealthLevel } from './health-model.ts';

/** Severity order of health levels, mildest first (the index is the rank). */
const HEALTH_LEVELS: readonly HealthLevel[] = ['noMargin', 'healthy', 'unknown', 'warn', 'imBreached', 'critical', 'liquidation'];

export function healthRank(level: HealthLevel): number {
  return HEALTH_LEVELS.indexOf(level);
}

/** Orders figures worst first: by level, then by the lower ratio (no ratio counts as the safest). */
export function compareFigures(a: HealthFigure, b: HealthFigure): number {
  const byLevel = healthRank(b.level) - healthRank(a.level);
  if (byLevel !== 0) return byLevel;
  if (a.marginRatio === null || b.marginRatio === null) return a.marginRatio === null ? (b.marginRatio === null ? 0 : 1) : -1;
  return compareDecimals(a.marginRatio, b.marginRatio);
}

/** The account closest to liquidation; the first one listed among equals. */
export function worstFigure(figures: readonly (HealthFigure | null)[]): HealthFigure | null {
  let worst: HealthFigure | null = null;
  for (const figure of figures) {
    if (figure !== null && (worst === null || compareFigures(figure, worst) < 0)) worst = figure;
  }
  return worst;
}
