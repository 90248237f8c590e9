/**
 * What changed between two saved versions of a case, in words staff can read: each changed field with
 * its Chinese name and the old and new values.
 */
import { describePath, VALUE_LABELS } from '@shared/household/fieldLabels';
import { pairBenefits } from '@shared/result/compare';

export interface InputChange {
  path: string;
  label: string;
  before: string;
  after: string;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map(show).join('、');
  if (typeof value === 'string') return VALUE_LABELS[value] ?? value;
  return String(value);
}

function flatten(value: unknown, path: (string | number)[], out: Map<string, { path: (string | number)[]; value: unknown }>): void {
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    out.set(JSON.stringify(path), { path, value });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(item, [...path, i], out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) flatten(child, [...path, key], out);
  } else {
    out.set(JSON.stringify(path), { path, value });
  }
}

/** Members are matched by their id, not their position, so removing one does not "change" the rest. */
function byMemberId(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const members = (input as { members?: unknown }).members;
  if (!Array.isArray(members)) return input;
  const keyed = Object.fromEntries(members.map((m, i) => [String((m as { id?: unknown }).id ?? i), m]));
  return { ...(input as object), members: keyed };
}

export function inputChanges(before: unknown, after: unknown): InputChange[] {
  const a = new Map<string, { path: (string | number)[]; value: unknown }>();
  const b = new Map<string, { path: (string | number)[]; value: unknown }>();
  flatten(byMemberId(before), [], a);
  flatten(byMemberId(after), [], b);
  const names = new Map<string, string>();
  for (const source of [before, after]) {
    const members = (source as { members?: { id?: unknown; name?: unknown }[] } | null)?.members ?? [];
    for (const m of members) if (typeof m.id === 'string' && typeof m.name === 'string') names.set(m.id, m.name);
  }
  const label = (path: (string | number)[]) => {
    if (path[0] === 'members' && typeof path[1] === 'string') {
      const rest = path.slice(2);
      const who = `成员「${names.get(path[1]) ?? path[1]}」`;
      return rest.length === 0 ? who : `${who} · ${describePath(rest)}`;
    }
    return describePath(path);
  };
  const memberIds = (source: unknown) =>
    new Set(((source as { members?: { id?: unknown }[] } | null)?.members ?? []).map((m) => String(m.id)));
  const idsBefore = memberIds(before);
  const idsAfter = memberIds(after);
  const changes: InputChange[] = [];
  for (const id of idsBefore) {
    if (!idsAfter.has(id)) changes.push({ path: `members.${id}`, label: `成员「${names.get(id) ?? id}」`, before: '在册', after: '已删除' });
  }
  for (const id of idsAfter) {
    if (!idsBefore.has(id)) changes.push({ path: `members.${id}`, label: `成员「${names.get(id) ?? id}」`, before: '（无）', after: '新增' });
  }
  const onlyOneSide = (path: (string | number)[]) =>
    path[0] === 'members' && typeof path[1] === 'string' && idsBefore.has(path[1]) !== idsAfter.has(path[1]);
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    if (JSON.stringify(x?.value) === JSON.stringify(y?.value)) continue;
    const path = (x ?? y)?.path ?? [];
    if (onlyOneSide(path)) continue;
    changes.push({ path: path.join('.'), label: label(path), before: show(x?.value), after: show(y?.value) });
  }
  return changes;
}

export interface BenefitChange {
  code: string;
  memberId: string | null;
  label: string;
  before: string | null;
  after: string | null;
}

/** Benefits whose yearly amount differs between two results (added, removed or changed). */
export function benefitChanges(
  before: { benefits: { code: string; memberId: string | null; label: string; annual: string }[] },
  after: { benefits: { code: string; memberId: string | null; label: string; annual: string }[] },
): BenefitChange[] {
  const changes: BenefitChange[] = [];
  for (const { before: x, after: y } of pairBenefits(before.benefits, after.benefits)) {
    if (x?.annual === y?.annual) continue;
    const any = (x ?? y) as { code: string; memberId: string | null; label: string };
    changes.push({ code: any.code, memberId: any.memberId, label: any.label, before: x?.annual ?? null, after: y?.annual ?? null });
  }
  return changes;
}
