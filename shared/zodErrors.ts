/**
 * Validation problems found by zod, in the words of the person at the desk: "第1位成员（张三）· 出生日期：
 * 必须填写". Used for household input, pack files and every renderer↔main payload, so all say it alike.
 */
import type { z } from 'zod';
import { formatPath, shortValue, type AppError } from './errors';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  boolean: '是或否（true / false）',
  array: '列表',
  object: '对象（{…}）',
};

/** `describe` names a field path in Chinese; `valueLabel` gives the Chinese of an enum value at a path. */
export function zodIssuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  describe: (path: readonly PropertyKey[]) => string,
  valueLabel: (path: readonly PropertyKey[], value: unknown) => string | undefined = () => undefined,
): AppError[] {
  return issues.flatMap((issue): AppError[] => {
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          message: `${describe(issue.path)}中有未知字段「${shortValue(key)}」，请检查拼写（合同未定义此字段）`,
          path: formatPath([...issue.path, shortValue(key)]),
        }));
      case 'invalid_type': {
        const missing = issue.input === undefined;
        const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
        return [{ message: `${describe(issue.path)}：${missing ? '必须填写' : `应为${expected}`}`, path: formatPath(issue.path) }];
      }
      case 'invalid_value': {
        const options = issue.values.map((value) => {
          const label = valueLabel(issue.path, value);
          return label ? `${String(value)}（${label}）` : String(value);
        });
        return [{ message: `${describe(issue.path)}：「${shortValue(issue.input)}」不是可选值，可选：${options.join('、')}`, path: formatPath(issue.path) }];
      }
      case 'invalid_union': {
        const last = issue.path[issue.path.length - 1];
        const hint = last === 'status' ? '应为身份代码（如 dibao）或身份代码列表（如 ["dibao","monitored"]）' : issue.message;
        return [{ message: `${describe(issue.path)}：${hint}`, path: formatPath(issue.path) }];
      }
      default:
        return [{ message: `${describe(issue.path)}：${issue.message}`, path: formatPath(issue.path) }];
    }
  });
}
