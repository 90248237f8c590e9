/**
 * The rule table: one entry per benefit family (or part of one), each declared in its own folder, in
 * the order they run and their results are explained. 低保 runs before the families that read its
 * income test; the "还可申请" summary (screening.ts) runs after all of them and lists their hints.
 * A new benefit of a family changes nothing here (its codes are declared in its folder's codes.ts);
 * a new family declares its entry (rule, label, hints) in its folder and is added here, in order, and
 * its blocks of codes to ./codes.ts.
 */
import type { RuleEntry } from '../calc/context';
import { childcare } from './childcare';
import { dibao } from './dibao';
import { disability } from './disability';
import { education, preschoolFreeYear } from './education';
import { employment } from './employment';
import { housing } from './housing';
import { medical } from './medical';
import { monitoring } from './monitoring';
import { pension, pensionBasic } from './pension';
import { tekun } from './tekun';
import { utility } from './utility';

export const RULES: readonly RuleEntry[] = [
  medical,
  education,
  preschoolFreeYear,
  dibao,
  tekun,
  disability,
  utility,
  pension,
  pensionBasic,
  childcare,
  housing,
  employment,
  monitoring,
];
