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
        const hint = last === 'status' ? '应为身份代码（如 dibao）或身份代码列表（如 ["dibao","monitored"]）' : chinese(issue);
        return [{ message: `${describe(issue.path)}：${hint}`, path: formatPath(issue.path) }];
      }
      default:
        return [{ message: `${describe(issue.path)}：${chinese(issue)}`, path: formatPath(issue.path) }];
    }
  });
}

/** The project's own messages are Chinese; zod's defaults are English and are reworded by kind. */
function chinese(issue: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string' ? `不能超过${String(issue.maximum)}个字` : issue.origin === 'array' ? `不能超过${String(issue.maximum)}项` : `不能大于${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string' ? '不能为空' : issue.origin === 'array' ? `至少需要${String(issue.minimum)}项` : `不能小于${String(issue.minimum)}`;
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的整数倍`;
    case 'invalid_key':
      return '名称不正确';
    case 'invalid_element':
      return '其中有一项不正确';
    default:
      return '取值不正确';
  }
}
