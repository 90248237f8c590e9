/**
 * The live calculation: the draft through the shared core, in the page, on every change (the core
 * validates and computes in well under a millisecond). Validation problems come back as messages on
 * the draft path of the box they are about, worded for beside that box.
 */
import { calculate } from '@shared/calculate';
import { describePath } from '@shared/household/fieldLabels';
import { typedFieldProblems, validateCase } from '@shared/household/validate';
import type { Pack } from '@shared/packs/loadPack';
import type { CalcResult } from '@shared/result/types';
import type { CaseDraft } from './caseDraft';
import { parsePath, problemForBox } from './problemWording';
import { toCaseInput } from './toCaseInput';

export interface FieldProblem {
  /** draft path of the box, e.g. members[1].medical.inpatient[0].policyScope */
  path: string;
  /** the message for beside the box: "不能大于总费用…" */
  short: string;
  /** the whole message, naming the box: "第2位成员（李四）· 住院第1笔 · 政策范围内费用：…" */
  full: string;
}

export interface DraftEvaluation {
  result: CalcResult | null;
  problems: FieldProblem[];
  /** false while no member row has anything typed in it */
  hasMembers: boolean;
  input: Record<string, unknown>;
}

export function evaluateDraft(draft: CaseDraft, pack: Pack | null, today: string): DraftEvaluation {
  const { input, memberCount, toDraftPath } = toCaseInput(draft);
  const outcome = pack ? calculate(input, { pack, today }) : validateCase(input, { today });
  const names = { members: draft.members.map((m) => ({ name: m.name })) };
  const problems: FieldProblem[] = [];
  const add = (inputPath: string, short: string) => {
    const path = toDraftPath(inputPath);
    const parts = parsePath(path);
    problems.push({ path, short, full: parts.length > 0 ? `${describePath(parts, names)}：${short}` : short });
  };
  if (!outcome.ok) {
    for (const error of outcome.errors) add(error.path, problemForBox(error.message, error.path, input));
    // ID check digits and bill amounts are checked even while other boxes are still empty
    const reported = new Set(outcome.errors.map((e) => e.path));
    for (const found of typedFieldProblems(input, { today })) if (!reported.has(found.path)) add(found.path, found.problem);
  }
  const result = outcome.ok && pack ? (outcome.value as CalcResult) : null;
  return { result, problems, hasMembers: memberCount > 0, input };
}
