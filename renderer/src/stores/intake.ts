/**
 * 新建测算: the case being typed (and, for 对比测算, a copy of it with some values changed), its live
 * results from the shared core, which boxes have problems, and saving. Unsaved work is kept in
 * localStorage on every change, so an accidental window close loses nothing.
 */
import type { CaseDetail } from '@shared/api/contract';
import { localIsoDate } from '@shared/dates';
import type { CalcResult } from '@shared/result/types';
import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import { api } from '../api/client';
import { cloneDraft, emptyBill, emptyDraft, emptyMember, isBlankBill, isBlankMember, nextMemberKey, type BillDraft, type BillKind, type CaseDraft, type MemberDraft } from '../components/intake/caseDraft';
import { evaluateDraft, type DraftEvaluation, type FieldProblem } from '../components/intake/evaluateDraft';
import { fromCaseInput } from '../components/intake/fromCaseInput';
import { useAppStore } from './app';

export const DRAFT_STORAGE_KEY = 'huimin.intake.draft';

export type Side = 'primary' | 'compare';

export interface SavedCase {
  caseNo: string;
  revision: number;
}

interface StoredDraft {
  version: 1;
  draft: CaseDraft;
  compare: CaseDraft | null;
  saved: SavedCase | null;
  baseline: string;
  storedAt: string;
}

/** A structural change (a member or a bill added or deleted) that Ctrl+Z or 撤销 can take back. */
interface Undoable {
  /** what the offer says: "已删除第2位成员（李秀兰）" */
  label: string;
  at: number;
  /** puts things back; returns the data path to put the caret in, or null when nothing could be undone */
  undo(): string | null;
}

/** how long the 撤销 offer stays on screen after a deletion */
export const UNDO_OFFER_MS = 10_000;
/** structural changes kept for Ctrl+Z */
const UNDO_DEPTH = 20;

/** The last 乡镇 saved on this computer: a township office's cases are nearly all in its own 乡镇. */
export const LAST_TOWNSHIP_KEY = 'huimin.intake.lastTownship';
function lastTownship(): string {
  try {
    return localStorage.getItem(LAST_TOWNSHIP_KEY) ?? '';
  } catch {
    return '';
  }
}
function freshDraft(today: string): CaseDraft {
  const draft = emptyDraft(today);
  draft.household.township = lastTownship();
  return draft;
}

export interface Banner {
  kind: 'error' | 'success' | 'info';
  text: string;
  /** a page that fixes it, e.g. 设置 with the caret in 经办人姓名 */
  link?: { to: string; label: string };
}

function localToday(): string {
  return localIsoDate(new Date());
}

function readStored(): StoredDraft | null {
  try {
    const text = localStorage.getItem(DRAFT_STORAGE_KEY);
    if (!text) return null;
    const value = JSON.parse(text) as Partial<StoredDraft>;
    if (value.version !== 1 || !value.draft || !Array.isArray(value.draft.members) || typeof value.draft.household !== 'object') return null;
    return value as StoredDraft;
  } catch {
    return null; // a damaged draft is dropped rather than breaking the screen
  }
}

/** Shows the last result the core gave while the form is mid-edit (marked as not current). */
function lastGood(evaluation: () => DraftEvaluation | null) {
  let last: CalcResult | null = null;
  const shown = computed(() => {
    const current = evaluation();
    if (!current || !current.hasMembers) {
      last = null;
      return { result: null, stale: false };
    }
    if (current.result) last = current.result;
    return { result: current.result ?? last, stale: current.result === null && last !== null };
  });
  return { shown, forget: () => (last = null) };
}

export const useIntakeStore = defineStore('intake', () => {
  const today = localToday();
  const stored = readStored();

  const draft = ref<CaseDraft>(stored?.draft ?? freshDraft(today));
  const compare = ref<CaseDraft | null>(stored?.compare ?? null);
  const editing = ref<Side>('primary');
  const saved = ref<SavedCase | null>(stored?.saved ?? null);
  const baseline = ref<string>(stored?.baseline ?? JSON.stringify(draft.value));
  /** set when the screen opened on a draft left from before (shown once, with a way to discard it) */
  const restoredAt = ref<string | null>(stored ? stored.storedAt : null);

  const touched = reactive(new Set<string>());
  const showAllProblems = ref(false);
  const banner = ref<Banner | null>(null);
  const saving = ref(false);
  /** counts 新建 and opened cases: the results panel starts afresh (nothing left expanded) */
  const generation = ref(0);

  // the pack in force, loaded by the app store; until it arrives the form is still checked
  const app = useAppStore();
  const primary = computed(() => evaluateDraft(draft.value, app.pack, today));
  const comparison = computed(() => (compare.value ? evaluateDraft(compare.value, app.pack, today) : null));
  const primaryShown = lastGood(() => primary.value);
  const comparisonShown = lastGood(() => comparison.value);

  const activeDraft = computed<CaseDraft>(() => (editing.value === 'compare' && compare.value ? compare.value : draft.value));
  const activeEvaluation = computed(() => (editing.value === 'compare' && comparison.value ? comparison.value : primary.value));

  // Every keystroke brings a new evaluation; the boxes are told only when the problems themselves
  // change (a computed string that stays equal does not wake the hundred boxes that read it).
  const problemsKey = computed(() => JSON.stringify(activeEvaluation.value.problems));
  const problemsByPath = computed(() => {
    const map = new Map<string, FieldProblem[]>();
    for (const problem of JSON.parse(problemsKey.value) as FieldProblem[]) {
      const list = map.get(problem.path);
      if (list) list.push(problem);
      else map.set(problem.path, [problem]);
    }
    return map;
  });

  /** The problem to show beside a box: once the box has been used (or after 保存 was tried). */
  function visibleProblem(path: string): string | null {
    const list = problemsByPath.value.get(path);
    if (!list || list.length === 0) return null;
    if (!showAllProblems.value && !touched.has(path)) return null;
    return list.map((p) => p.short).join('；');
  }
  function touch(path: string): void {
    if (!touched.has(path)) touched.add(path);
  }

  const draftJson = computed(() => JSON.stringify(draft.value));
  const dirty = computed(() => draftJson.value !== baseline.value);

  // Every change is written, when the browser is next idle (a synchronous write costs a couple of
  // milliseconds per keystroke); a write still pending when the window closes or is hidden is made
  // right then, so nothing typed is lost.
  let pendingWrite: (() => void) | null = null;
  function writeDraft(): void {
    pendingWrite?.();
    pendingWrite = null;
    try {
      if (!dirty.value && compare.value === null) {
        localStorage.removeItem(DRAFT_STORAGE_KEY);
        return;
      }
      // the draft is already serialised for the 未保存 check: spliced in rather than serialised again
      const rest = JSON.stringify({ compare: compare.value, saved: saved.value, baseline: baseline.value, storedAt: new Date().toISOString() } satisfies Omit<StoredDraft, 'version' | 'draft'>);
      localStorage.setItem(DRAFT_STORAGE_KEY, `{"version":1,"draft":${draftJson.value},${rest.slice(1)}`);
    } catch {
      // storage full or disabled: the form keeps working, only the safety copy is missing
    }
  }
  function scheduleWrite(): void {
    if (pendingWrite) return;
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(writeDraft, { timeout: 500 });
      pendingWrite = () => cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(writeDraft, 0);
      pendingWrite = () => clearTimeout(handle);
    }
  }
  watch([draftJson, compare, saved], scheduleWrite, { deep: true });
  const flushDraft = () => {
    if (pendingWrite) writeDraft();
  };
  window.addEventListener('pagehide', flushDraft);
  window.addEventListener('beforeunload', flushDraft);
  document.addEventListener('visibilitychange', flushDraft);

  function forgetProblems(): void {
    touched.clear();
    showAllProblems.value = false;
  }

  // Ctrl+Z and 撤销: structural changes, newest last; the offer shown after a deletion
  const undoStack: Undoable[] = [];
  const undoOffer = ref<{ label: string; until: number } | null>(null);
  let offerTimer: ReturnType<typeof setTimeout> | undefined;
  /** when a box was last typed in: Ctrl+Z in a box typed in since the last structural change is the box's own undo */
  let lastTyping = 0;
  function noteTyping(): void {
    lastTyping = Date.now();
  }
  function remember(change: Omit<Undoable, 'at'>, offer: boolean): void {
    undoStack.push({ ...change, at: Date.now() });
    if (undoStack.length > UNDO_DEPTH) undoStack.shift();
    clearTimeout(offerTimer);
    if (!offer) return;
    undoOffer.value = { label: change.label, until: Date.now() + UNDO_OFFER_MS };
    offerTimer = setTimeout(() => (undoOffer.value = null), UNDO_OFFER_MS);
  }
  function dismissUndo(): void {
    clearTimeout(offerTimer);
    undoOffer.value = null;
  }
  /** Whether Ctrl+Z should undo a structural change rather than the typing in the focused box. */
  function structuralUndoFirst(focusedIsTextBox: boolean): boolean {
    const last = undoStack[undoStack.length - 1];
    if (!last) return false;
    return !focusedIsTextBox || last.at >= lastTyping;
  }
  /** Undoes the last structural change; the data path to focus, or null when there was none. */
  function undoLast(): string | null {
    dismissUndo();
    while (undoStack.length > 0) {
      const change = undoStack.pop() as Undoable;
      const focus = change.undo();
      if (focus !== null) {
        banner.value = { kind: 'info', text: `已撤销：${change.label.replace(/^已/, '')}` };
        return focus;
      }
    }
    return null;
  }
  function forgetUndo(): void {
    undoStack.length = 0;
    dismissUndo();
  }

  function newCase(): void {
    generation.value += 1;
    forgetUndo();
    draft.value = freshDraft(today);
    compare.value = null;
    editing.value = 'primary';
    saved.value = null;
    baseline.value = JSON.stringify(draft.value);
    restoredAt.value = null;
    banner.value = null;
    primaryShown.forget();
    comparisonShown.forget();
    forgetProblems();
    pendingWrite?.();
    pendingWrite = null;
    try {
      localStorage.removeItem(DRAFT_STORAGE_KEY);
    } catch {
      // nothing to clear
    }
  }

  /** 乡镇 of a saved case: the next new case starts with it (AddressFields still shows and edits it). */
  function rememberTownship(): void {
    try {
      const township = draft.value.household.township.trim();
      if (township) localStorage.setItem(LAST_TOWNSHIP_KEY, township);
    } catch {
      // storage unavailable: the 乡镇 is typed each time
    }
  }

  function loadCase(detail: CaseDetail): void {
    newCase();
    draft.value = fromCaseInput(detail.latest.input, today);
    saved.value = { caseNo: detail.caseNo, revision: detail.latest.revision };
    baseline.value = JSON.stringify(draft.value);
    banner.value = { kind: 'info', text: `已打开案卷 ${detail.caseNo} 第 ${detail.latest.revision} 版；修改后保存为新版本` };
  }

  function forgetTouched(prefix: string): void {
    for (const path of [...touched]) if (path.startsWith(prefix)) touched.delete(path);
  }
  const memberLabel = (member: MemberDraft, index: number) => `第${index + 1}位成员${member.name.trim() ? `（${member.name.trim()}）` : ''}`;

  function addMember(): number {
    const target = activeDraft.value;
    const added = emptyMember(nextMemberKey(target.members), target.members.length === 0 ? 'head' : '');
    target.members.push(added);
    remember(
      {
        label: '已添加一位成员',
        // an added row is taken back only while nothing has been typed into it
        undo: () => {
          const at = target.members.indexOf(added);
          if (at < 0 || !isBlankMember(added) || target.members.length === 1) return null;
          target.members.splice(at, 1);
          return `members[${Math.max(0, at - 1)}].name`;
        },
      },
      false,
    );
    return target.members.length - 1;
  }
  function removeMember(index: number): void {
    const target = activeDraft.value;
    const [removed] = target.members.splice(index, 1);
    // positions after it have moved: forget which boxes of members were used
    forgetTouched('members[');
    if (!removed) return;
    remember(
      {
        label: `已删除${memberLabel(removed, index)}`,
        undo: () => {
          target.members.splice(Math.min(index, target.members.length), 0, removed);
          forgetTouched('members[');
          return `members[${index}].name`;
        },
      },
      true,
    );
  }
  function addBill(memberIndex: number, kind: BillKind): number {
    const member = activeDraft.value.members[memberIndex];
    if (!member) return -1;
    const added: BillDraft = emptyBill(kind);
    member[kind].push(added);
    remember(
      {
        label: `已添加${kind === 'inpatient' ? '住院' : '门诊'}费用`,
        undo: () => {
          const at = member[kind].indexOf(added);
          if (at < 0 || !isBlankBill(added)) return null;
          member[kind].splice(at, 1);
          const owner = activeDraft.value.members.indexOf(member);
          return owner < 0 ? null : `members[${owner}].medical.${kind === 'inpatient' ? 'addInpatient' : 'addOutpatient'}`;
        },
      },
      false,
    );
    return member[kind].length - 1;
  }
  function removeBill(memberIndex: number, kind: BillKind, index: number): void {
    const member = activeDraft.value.members[memberIndex];
    const [removed] = member?.[kind].splice(index, 1) ?? [];
    forgetTouched(`members[${memberIndex}].medical.${kind}[`);
    if (!member || !removed) return;
    remember(
      {
        label: `已删除${memberLabel(member, memberIndex)}的${kind === 'inpatient' ? '住院' : '门诊'}第${index + 1}笔费用`,
        undo: () => {
          member[kind].splice(Math.min(index, member[kind].length), 0, removed);
          const owner = activeDraft.value.members.indexOf(member);
          return owner < 0 ? null : `members[${owner}].medical.${kind}[${index}].total`;
        },
      },
      true,
    );
  }

  function startCompare(): void {
    forgetUndo();
    compare.value = cloneDraft(draft.value);
    editing.value = 'compare';
  }
  function endCompare(): void {
    forgetUndo();
    compare.value = null;
    editing.value = 'primary';
    comparisonShown.forget();
  }
  /** 采用对比方案: the changed copy becomes the case (saved as a new revision when 保存 is pressed). */
  function adoptCompare(): void {
    if (!compare.value) return;
    forgetUndo();
    draft.value = compare.value;
    endCompare();
  }

  /**
   * 保存: the main process validates again and computes the authoritative result; a case saved before
   * gets a new revision. Returns the saved case, or null with the reason in the banner.
   */
  async function save(): Promise<SavedCase | null> {
    if (saving.value) return null;
    const evaluation = primary.value;
    if (!evaluation.hasMembers) {
      showAllProblems.value = true;
      banner.value = { kind: 'error', text: '请至少录入一位家庭成员后再保存' };
      return null;
    }
    if (evaluation.problems.length > 0) {
      showAllProblems.value = true;
      editing.value = 'primary';
      banner.value = { kind: 'error', text: `还有 ${evaluation.problems.length} 处需要填写或更正（见红色提示），改好后再保存` };
      return null;
    }
    // the store refuses a save without a 经办人: say so before sending, with the way to the field
    if (app.settings && app.settings.operatorName.trim() === '') {
      banner.value = { kind: 'error', text: '还没有填写经办人，不能保存。请先在“设置”中填写“经办人姓名”，再回来保存（录入的内容会保留）。', link: { to: '/settings?field=operatorName', label: '去设置填写经办人姓名' } };
      return null;
    }
    if (saved.value && !dirty.value) {
      // nothing changed since the last 保存: no new revision
      banner.value = { kind: 'info', text: `案卷 ${saved.value.caseNo} 第 ${saved.value.revision} 版已保存，没有新的修改` };
      return saved.value;
    }
    saving.value = true;
    const sentJson = draftJson.value;
    try {
      const response = await api.invoke('cases.save', { ...(saved.value ? { caseNo: saved.value.caseNo } : {}), input: evaluation.input });
      if (!response.ok) {
        banner.value = { kind: 'error', text: `未能保存：${response.errors.map((e) => e.message).join('；')}` };
        return null;
      }
      const detail = response.value;
      saved.value = { caseNo: detail.caseNo, revision: detail.latest.revision };
      baseline.value = sentJson;
      restoredAt.value = null;
      rememberTownship();
      banner.value = { kind: 'success', text: `已保存：案卷 ${detail.caseNo} 第 ${detail.latest.revision} 版` };
      return saved.value;
    } finally {
      saving.value = false;
    }
  }

  return {
    today,
    draft,
    compare,
    editing,
    saved,
    restoredAt,
    touched,
    showAllProblems,
    banner,
    saving,
    generation,
    dirty,
    primary,
    comparison,
    primaryShown: primaryShown.shown,
    comparisonShown: comparisonShown.shown,
    activeDraft,
    activeEvaluation,
    visibleProblem,
    touch,
    newCase,
    loadCase,
    addMember,
    removeMember,
    addBill,
    removeBill,
    undoOffer,
    undoLast,
    dismissUndo,
    structuralUndoFirst,
    noteTyping,
    startCompare,
    endCompare,
    adoptCompare,
    save,
    /** writes a pending draft now (tests, and before the window goes) */
    flushDraft,
  };
});
