/**
 * 防止返贫监测 (002 第三部分 一、（二）2.②): `monitoring.belowLine` when 年人均纯收入 is strictly below the line
 * for the year; the pack has 7500 from 2023 only.
 */
import { describe, expect, it } from 'vitest';
import { caseOf, compute, itemOf, person } from './cases';

const one = [person('m1', '张三', '1970-01-01')];
const below = (result: ReturnType<typeof compute>) => result.alerts.filter((a) => a.code === 'monitoring.belowLine');

describe('monitoring.belowLine', () => {
  it.each<[string, string, number]>([
    ['7499.99 < 7500', '7499.99', 1],
    ['exactly 7500: not below', '7500', 0],
    ['7000', '7000', 1],
    ['8000', '8000', 0],
  ])('2023: %s', (_name, income, count) => {
    expect(below(compute(caseOf({ annualNetIncomePerCapita: income }, one)))).toHaveLength(count);
  });
  it('the alert names the income and the line, for the household', () => {
    const [alert] = below(compute(caseOf({ annualNetIncomePerCapita: 7000 }, one)));
    expect(alert).toEqual({
      code: 'monitoring.belowLine',
      memberId: null,
      message: '家庭年人均纯收入 7,000.00 元 低于防止返贫监测范围 7,500 元/人·年（2023年1月1日起执行），请按程序开展入户核实，符合条件的及时纳入监测帮扶',
    });
  });
  it('no income given: nothing', () => {
    expect(below(compute(caseOf({}, one)))).toHaveLength(0);
  });
  it('before 2023 there is no line: a warning instead of a guess', () => {
    const result = compute(caseOf({ annualNetIncomePerCapita: 5000 }, one, '2022-06-30'));
    expect(below(result)).toHaveLength(0);
    expect(result.warnings).toContainEqual({ message: '2022年没有防止返贫监测范围（家庭年人均纯收入）的数值，未作监测比对，请在政策参数页补充', path: 'household.annualNetIncomePerCapita' });
  });
  it('in 2024 the 2023 line is used and flagged as carried over', () => {
    const result = compute(caseOf({ annualNetIncomePerCapita: 7000 }, one, '2024-05-01'));
    expect(below(result)).toHaveLength(1);
    expect(result.warnings).toContainEqual(expect.objectContaining({ kind: 'carriedOver', key: 'monitoring.incomeLine', year: 2023, value: '7,500 元/人·年' }));
  });
  it('an override sets the line for the case, before 2023 too', () => {
    expect(below(compute(caseOf({ annualNetIncomePerCapita: 7000 }, one, '2022-06-30', { params: { 'monitoring.incomeLine': 7200 } })))).toHaveLength(1);
  });
  it('a rural household below the line and not yet monitored may declare itself; a monitored one is not told to', () => {
    expect(itemOf(compute(caseOf({ annualNetIncomePerCapita: 7000 }, one)), 'monitoring.apply')?.action).toBe('apply');
    expect(itemOf(compute(caseOf({ status: 'monitored', annualNetIncomePerCapita: 7000 }, one)), 'monitoring.apply')).toBeUndefined();
  });
});
