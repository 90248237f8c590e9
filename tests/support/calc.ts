/**
 * Test helpers over the real core and the shipped pack: a case goes through validation and every rule
 * exactly as it does in the app.
 */
import { SHIPPED_PACKS } from '../../seeds';
import { calculate } from '../../shared/calculate';
import type { AppError } from '../../shared/errors';
import { loadPack, type Pack } from '../../shared/packs/loadPack';
import type { BenefitResult, CalcResult } from '../../shared/result/types';

function shippedPack(): Pack {
  const loaded = loadPack(SHIPPED_PACKS[0]);
  if (!loaded.ok) throw new Error(`shipped pack does not load: ${JSON.stringify(loaded.errors)}`);
  return loaded.value;
}

export const pack = shippedPack();

/** The date the tests pretend it is (cases mostly give their own asOf). */
export const TODAY = '2026-11-23';

export function compute(input: unknown, overrides?: Record<string, unknown>): CalcResult {
  const result = calculate(input, { pack, today: TODAY, ...(overrides ? { overrides } : {}) });
  if (!result.ok) throw new Error(`expected a result, got errors: ${JSON.stringify(result.errors)}`);
  return result.value;
}

export function errorsOf(input: unknown, overrides?: Record<string, unknown>): AppError[] {
  const result = calculate(input, { pack, today: TODAY, ...(overrides ? { overrides } : {}) });
  if (result.ok) throw new Error('expected validation errors, got a result');
  return result.errors;
}

export function benefitOf(result: CalcResult, code: string, memberId: string | null = null): BenefitResult | undefined {
  return result.benefits.find((b) => b.code === code && b.memberId === memberId);
}

/** A one-member household: the member's fields merged over a plain adult. */
export function household(status: string, member: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    asOf: '2023-09-01',
    household: { area: 'rural', status },
    members: [{ id: 'm1', name: '张三', birthDate: '1970-03-15', ...member }],
    ...extra,
  };
}
