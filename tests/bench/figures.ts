/**
 * What every benchmark reports: figures with their unit and, where the issues set one, the budget, so
 * `npm run bench` can print one table and keep a JSON file to compare versions.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** the budget and which side of it is good */
  budget?: { limit: number; better: 'lower' | 'higher' };
  note?: string;
}

export function withinBudget(figure: Figure): boolean | null {
  if (!figure.budget) return null;
  return figure.budget.better === 'lower' ? figure.value < figure.budget.limit : figure.value >= figure.budget.limit;
}

/** p-th percentile of samples (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
