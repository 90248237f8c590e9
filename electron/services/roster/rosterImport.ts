/**
 * 名册导入 in three steps, nothing written before the last: read the file (every sheet, the encoding
 * said), check it under a mapping (every problem by row, column and value; each good household laid
 * over the office's case for its 户主, if any, and computed with the pack in force), then import what
 * the check planned in one transaction through the store's own save path — revisions, checksums,
 * number high-water marks, the search index — and only where something changed. The one writer of the
 * data folder is the store's: a read-only window can read and check a roster but not import it.
 */
import { randomUUID } from 'node:crypto';
import { calculate } from '../../../shared/calculate';
import type { PlannedChange, RosterBatchSummary, RosterCheckReply, RosterFile, RosterFileSheet } from '../../../shared/api/rosterApi';
import { MAX_LISTED } from '../../../shared/api/rosterApi';
import type { Area } from '../../../shared/household/codes';
import { FIELD_LABELS } from '../../../shared/household/fieldLabels';
import { fail, ok, type Result } from '../../../shared/errors';
import type { Pack } from '../../../shared/packs/loadPack';
import type { CalcResult } from '../../../shared/result/types';
import { checkRoster, type RosterCheck, type RosterHousehold, type RosterProblem } from '../../../shared/roster/check';
import { fieldForHeader, suggestMapping, mappingProblems, type ColumnMapping, type RosterField } from '../../../shared/roster/fields';
import { findHeaderRow, type RosterWorkbook } from '../../../shared/roster/sheet';
import { rosterInput, sameInput } from '../../../shared/roster/toInput';
import { mergeWords, type RosterWords } from '../../../shared/roster/words';
import type { Store } from '../store';
import type { RosterBatch } from '../store/rosterRecords';
import { isoWithOffset } from '../store/localTime';
import { readRoster } from './readRoster';
import type { TextEncodingName } from './textEncoding';

export interface RosterDeps {
  store(): Result<Store>;
  /** the pack in force and its 名册用语 (the shipped table when the pack has none) */
  pack(): { pack: Pack; words: RosterWords };
  today(): string;
  now?: () => Date;
}

interface PlannedHousehold {
  change: PlannedChange;
  /** "乡镇 村" */
  village: string;
  /** new and update: what is saved */
  save?: { caseNo?: string; expectedRevision?: number; input: unknown; result: CalcResult };
}

interface Plan {
  id: string;
  sessionId: string;
  sheetName: string;
  packId: string;
  packVersion: string;
  items: PlannedHousehold[];
  skipped: number;
  used: boolean;
}

interface Session {
  id: string;
  workbook: RosterWorkbook;
}

const PREVIEW_ROWS = 40;
const PREVIEW_COLUMNS = 60;
/** a cell of the preview is cut here (a pasted page of text stays one line on the mapping step) */
const PREVIEW_CELL_CHARS = 200;
/** sessions and plans kept in memory (the file read last, and the check done last, are the ones used) */
const KEEP = 3;
/** households computed between two turns of the event loop */
const SLICE = 200;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export class RosterImports {
  private readonly sessions = new Map<string, Session>();
  private readonly plans = new Map<string, Plan>();

  constructor(private readonly deps: RosterDeps) {}

  private remember<T extends { id: string }>(map: Map<string, T>, item: T): void {
    map.set(item.id, item);
    while (map.size > KEEP) map.delete(map.keys().next().value as string);
  }

  /** Step 1: the file as sheets of text, with a suggested sheet, header row and mapping for each. */
  async read(fileName: string, bytes: Buffer, encoding?: TextEncodingName): Promise<Result<RosterFile>> {
    const read = await readRoster(bytes, fileName, encoding);
    if (!read.ok) return read;
    const workbook = read.value;
    const session: Session = { id: randomUUID(), workbook };
    this.remember(this.sessions, session);
    const known = (text: string) => fieldForHeader(text) !== null;
    const sheets: RosterFileSheet[] = workbook.sheets.map((sheet, index) => {
      const headerRow = findHeaderRow(sheet, known);
      return {
        index,
        name: sheet.name,
        state: sheet.state,
        rowCount: sheet.rows.filter((row) => row.some((cell) => cell.trim() !== '')).length,
        headerRow,
        rows: sheet.rows.slice(0, PREVIEW_ROWS).map((row) => row.slice(0, PREVIEW_COLUMNS).map((cell) => (cell.length > PREVIEW_CELL_CHARS ? `${cell.slice(0, PREVIEW_CELL_CHARS)}…` : cell))),
        suggested: suggestMapping((sheet.rows[headerRow - 1] ?? []).map((cell) => cell.trim())),
      };
    });
    const visible = sheets.filter((sheet) => sheet.state === 'visible' && sheet.rowCount > 0);
    const best = [...(visible.length > 0 ? visible : sheets)].sort((a, b) => b.suggested.length - a.suggested.length)[0] as RosterFileSheet;
    const notices: string[] = [];
    if (workbook.encoding) notices.push(`文件「${fileName}」${workbook.encoding.statement}`);
    for (const sheet of sheets.filter((candidate) => candidate.state !== 'visible')) {
      notices.push(`工作簿中有隐藏的工作表「${sheet.name}」（${sheet.rowCount} 行有内容），默认不导入；如要导入它，请在“工作表”中选择`);
    }
    return ok({ sessionId: session.id, fileName, format: workbook.format, encoding: workbook.encoding, sheets, sheet: best.index, notices });
  }

  /** Step 2: every problem, and what the import would do for each household; nothing is written. */
  async check(request: { sessionId: string; sheet: number; headerRow: number; mapping: ColumnMapping[]; defaultArea: Area; asOf?: string }): Promise<Result<RosterCheckReply>> {
    const session = this.sessions.get(request.sessionId);
    if (!session) return fail('名册文件已过期（读入后又读了别的文件，或程序重新启动过），请重新选择文件', 'sessionId');
    const sheet = session.workbook.sheets[request.sheet];
    if (!sheet) return fail(`工作簿中没有第${request.sheet + 1}个工作表`, 'sheet');
    const mappingErrors = mappingProblems(request.mapping);
    if (mappingErrors.length > 0) return { ok: false, errors: mappingErrors.map((message) => ({ message, path: 'mapping' })) };
    const store = this.deps.store();
    if (!store.ok) return store;
    const { pack, words: packWords } = this.deps.pack();
    const local = store.value.roster.localWords();
    if (!local.ok) return local;
    const words = mergeWords(packWords, local.value);
    await pause();
    const checked = checkRoster(sheet, request.headerRow, request.mapping, words);
    const mapped = new Set<RosterField>(request.mapping.map((entry) => entry.field));
    const asOf = request.asOf ?? this.deps.today();

    const planned = await this.plan(store.value, checked, mapped, request.defaultArea, pack, asOf);
    if (!planned.ok) return planned;
    const { items, problems: more, skippedKeys } = planned.value;
    const problems = [...checked.problems, ...more].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const skipped = [
      ...checked.skipped,
      ...checked.households.filter((household) => skippedKeys.has(household.key)).map((household) => ({
        key: household.key,
        headName: household.members[0]?.name ?? '',
        rows: household.rows,
        reasons: more.filter((problem) => problem.severity === 'error' && problem.household === household.key).map((problem) => problem.message),
      })),
    ];
    const plan: Plan = {
      id: randomUUID(),
      sessionId: session.id,
      sheetName: sheet.name,
      packId: pack.meta.id,
      packVersion: pack.meta.version,
      items,
      skipped: skipped.length,
      used: false,
    };
    this.remember(this.plans, plan);
    const count = (action: PlannedChange['action']) => items.filter((item) => item.change.action === action).length;
    const order = { new: 0, update: 1, same: 2 } as const;
    return ok({
      planId: plan.id,
      sheetName: sheet.name,
      headerRow: request.headerRow,
      rowsRead: checked.rowsRead,
      households: checked.households.length + checked.skipped.length,
      importable: items.length,
      errors: problems.filter((problem) => problem.severity === 'error').length,
      notices: problems.filter((problem) => problem.severity === 'notice').length,
      problems: problems.slice(0, MAX_LISTED),
      problemsTotal: problems.length,
      skipped: skipped.slice(0, MAX_LISTED),
      skippedTotal: skipped.length,
      plan: { created: count('new'), updated: count('update'), unchanged: count('same') },
      changes: items
        .map((item) => item.change)
        .sort((a, b) => order[a.action] - order[b.action])
        .slice(0, MAX_LISTED),
      pack: { id: pack.meta.id, version: pack.meta.version, title: pack.meta.title },
      asOf,
    });
  }

  /** Each good household against the office's cases: new, update or the same; computed where it is written. */
  private async plan(
    store: Store,
    checked: RosterCheck,
    mapped: ReadonlySet<RosterField>,
    defaultArea: Area,
    pack: Pack,
    asOf: string,
  ): Promise<Result<{ items: PlannedHousehold[]; problems: RosterProblem[]; skippedKeys: Set<string> }>> {
    const heads = checked.households.map((household) => (household.members[0] as { idNumber: string }).idNumber);
    const people = store.roster.casesOfPeople(heads);
    if (!people.ok) return people;
    const found = { value: people.value.heads };
    const items: PlannedHousehold[] = [];
    const problems: RosterProblem[] = [];
    const skippedKeys = new Set<string>();
    const refuse = (household: RosterHousehold, message: string) => {
      problems.push({ severity: 'error', row: household.rows[0] ?? null, column: null, columnLetter: null, value: null, message, household: household.key });
      skippedKeys.add(household.key);
    };
    for (const [index, household] of checked.households.entries()) {
      if (index > 0 && index % SLICE === 0) await pause();
      const head = household.members[0] as { idNumber: string; name: string };
      const cases = found.value.get(head.idNumber) ?? [];
      if (cases.length > 1) {
        refuse(household, `户主${head.name}的身份证号码在本机有${cases.length}个案卷（${cases.join('、')}），无法确定更新哪一个；请先在“历史记录”中作废多余的案卷`);
        continue;
      }
      let existing: { caseNo: string; revision: number; input: unknown } | null = null;
      if (cases.length === 1) {
        const record = store.cases.get({ caseNo: cases[0] });
        if (!record.ok) {
          refuse(household, `户主${head.name}的案卷 ${cases[0]}：${record.errors[0]?.message ?? '读不出'}；未更新`);
          continue;
        }
        existing = { caseNo: record.value.caseNo, revision: record.value.revision, input: record.value.input };
      }
      const { input, keptMembers } = rosterInput(household, mapped, defaultArea, existing?.input);
      // a new 户主 who is a member of a case here: likely the same family with a new 户主 (said, not guessed)
      const memberOf = existing === null ? (people.value.members.get(head.idNumber) ?? []) : [];
      if (memberOf.length > 0) {
        problems.push({
          severity: 'notice',
          row: household.rows[0] ?? null,
          column: null,
          columnLetter: null,
          value: null,
          message: `户主${head.name}在本机案卷 ${memberOf.join('、')} 中是家庭成员：按户主身份证号对照，将新建案卷；如是同一户换了户主，请在“历史记录”中作废原案卷`,
          household: household.key,
        });
      }
      const village = [household.township, household.village].filter((part) => part !== '').join(' ');
      const change: PlannedChange = {
        key: household.key,
        headName: head.name,
        place: [household.township, household.village, household.group].filter((part) => part !== '').join(' '),
        action: existing === null ? 'new' : 'update',
        caseNo: existing?.caseNo ?? null,
        what: existing === null ? [] : describeChanges(existing.input, input),
        kept: keptMembers,
      };
      if (existing !== null && sameInput(existing.input, input)) {
        items.push({ change: { ...change, action: 'same', what: [] }, village });
        continue;
      }
      const computed = calculate(input, { pack, today: asOf });
      if (!computed.ok) {
        refuse(household, `户主${head.name}一户无法测算：${computed.errors.map((error) => error.message).join('；')}`);
        continue;
      }
      items.push({
        change,
        village,
        save: { ...(existing ? { caseNo: existing.caseNo, expectedRevision: existing.revision } : {}), input, result: computed.value },
      });
    }
    return ok({ items, problems, skippedKeys });
  }

  /** Step 3: what the check planned, in one transaction, with the import's record. */
  async import(planId: string): Promise<Result<RosterBatchSummary>> {
    const plan = this.plans.get(planId);
    if (!plan) return fail('检查结果已过期（又检查了一次，或程序重新启动过），请重新检查后再导入', 'planId');
    if (plan.used) return fail('这次检查的结果已经导入过了；如需再导入，请重新检查', 'planId');
    const store = this.deps.store();
    if (!store.ok) return store;
    if (!store.value.access.writable) return fail(store.value.access.reason ?? '本窗口只读，不能导入');
    const { pack } = this.deps.pack();
    if (pack.meta.id !== plan.packId || pack.meta.version !== plan.packVersion) {
      return fail(`检查之后现行参数包已改为 ${pack.meta.title} ${pack.meta.version}，请重新检查后再导入`, 'planId');
    }
    const operator = store.value.settings.get().operatorName.trim();
    if (operator === '') return fail('请先在“设置”中填写经办人姓名：导入的案卷记在经办人名下', 'operator');
    const session = this.sessions.get(plan.sessionId);
    const writes = plan.items.filter((item) => item.save !== undefined);
    const requests = writes.map((item) => ({ ...item.save, packId: plan.packId, packVersion: plan.packVersion }));
    const importedAt = isoWithOffset((this.deps.now ?? (() => new Date()))());
    const record = (saved: { caseNo: string }[]): RosterBatch => {
      const byKey = new Map(writes.map((item, index) => [item.change.key, (saved[index] as { caseNo: string }).caseNo]));
      const caseNos = plan.items.map((item) => item.change.caseNo ?? (byKey.get(item.change.key) as string));
      const villages = [...new Set(plan.items.map((item) => item.village).filter((place) => place !== ''))];
      return {
        id: randomUUID(),
        fileName: session?.workbook.fileName ?? '',
        sheetName: plan.sheetName,
        importedAt,
        operator,
        packId: plan.packId,
        packVersion: plan.packVersion,
        created: plan.items.filter((item) => item.change.action === 'new').length,
        updated: plan.items.filter((item) => item.change.action === 'update').length,
        unchanged: plan.items.filter((item) => item.change.action === 'same').length,
        skipped: plan.skipped,
        caseNos,
        villages,
      };
    };
    // the plan is taken at once: a second click while this one writes is told so, not run twice
    plan.used = true;
    const imported = await store.value.roster.importBatch(requests, record);
    if (!imported.ok) plan.used = false;
    if (!imported.ok) {
      const stale = imported.errors.some((error) => error.path.endsWith('expectedRevision'));
      return stale ? fail(`检查之后有案卷在窗口被修改过（${imported.errors[0]?.message ?? ''}），本次未导入任何一户；请重新检查后再导入`, 'planId') : imported;
    }
    return ok(batchSummary(imported.value.batch));
  }
}

export function batchSummary(batch: RosterBatch): RosterBatchSummary {
  const { caseNos, ...rest } = batch;
  return { ...rest, households: caseNos.length };
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});

/** What a roster changes in a case, as staff read it: "身份", "村民小组（组）", "新成员 王芳", "李四：残疾情况". */
export function describeChanges(before: unknown, after: unknown): string[] {
  const what: string[] = [];
  const a = object(object(before).household);
  const b = object(object(after).household);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!sameInput(a[key], b[key])) what.push(FIELD_LABELS[key] ?? key);
  }
  const oldMembers = new Map((Array.isArray(object(before).members) ? (object(before).members as unknown[]) : []).map((member) => [String(object(member).id), object(member)]));
  for (const member of Array.isArray(object(after).members) ? (object(after).members as unknown[]).map(object) : []) {
    const old = oldMembers.get(String(member.id));
    if (!old) {
      what.push(`新成员 ${String(member.name)}`);
      continue;
    }
    const fields = [...new Set([...Object.keys(old), ...Object.keys(member)])].filter((key) => !sameInput(old[key], member[key])).map((key) => FIELD_LABELS[key] ?? key);
    if (fields.length > 0) what.push(`${String(member.name)}：${fields.join('、')}`);
  }
  return what;
}
