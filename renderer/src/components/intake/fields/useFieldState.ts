/**
 * What every box of the intake form shares: a stable id from its data path (for the label and the
 * message beside it), the problem to show there, and marking the box as used.
 */
import { computed } from 'vue';
import { useIntakeStore } from '../../../stores/intake';

export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export function useFieldState(path: () => string) {
  const intake = useIntakeStore();
  const id = computed(() => fieldId(path()));
  const messageId = computed(() => `${id.value}-msg`);
  const problem = computed(() => intake.visibleProblem(path()));
  return { id, messageId, problem, touch: () => intake.touch(path()) };
}

export interface ChoiceOption {
  value: string;
  label: string;
  /** shown as a tooltip: the one-line explanation */
  title?: string;
}

/** Options numbered 1, 2, 3 …: on a focused picker, typing the digit chooses it (no mouse needed). */
export function numbered(labels: Readonly<Record<string, string>>, order?: readonly string[], titles?: Readonly<Record<string, string>>): ChoiceOption[] {
  return (order ?? Object.keys(labels)).map((value, index) => ({
    value,
    label: `${index + 1} ${labels[value] ?? value}`,
    ...(titles?.[value] ? { title: titles[value] } : {}),
  }));
}
