/**
 * Paths and wording of validation problems: the shared messages start with the field's own name
 * ("第1位成员（张三） · 身份证号码：…"), which the box beside the message already shows.
 */
import { describePath } from '@shared/household/fieldLabels';

/** "members[1].medical.inpatient[0].total" → ['members', 1, 'medical', 'inpatient', 0, 'total'] */
export function parsePath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(match[1]);
  }
  return parts;
}

/** The problem alone, for beside its box. `input` is the case the message was worded for. */
export function problemForBox(message: string, path: string, input: unknown): string {
  const prefix = describePath(parsePath(path), input);
  let problem = message.startsWith(`${prefix}：`) ? message.slice(prefix.length + 1) : message;
  // an unanswered choice reads as a list of codes in the shared wording; beside a picker it is simply unanswered
  if (problem.startsWith('「undefined」不是可选值')) problem = '请选择';
  return problem;
}
