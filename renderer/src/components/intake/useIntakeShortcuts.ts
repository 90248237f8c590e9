/**
 * 新建 Ctrl+N, 保存 Ctrl+S, 打印 Ctrl+P, 添加成员 Ctrl+Enter (from any box), 撤销 Ctrl+Z (the last member or
 * bill added or deleted; in a box just typed in, Ctrl+Z stays the box's own undo): the page handles the
 * keys itself (so they work the same in the browser), and the Electron menu sends the same commands
 * through api.onMenu.
 */
import { onBeforeUnmount, onMounted } from 'vue';
import { api } from '../../api/client';

export type IntakeCommand = 'new' | 'save' | 'print' | 'member' | 'undo';

export const SHORTCUTS: Record<IntakeCommand, string> = { new: 'Ctrl+N', save: 'Ctrl+S', print: 'Ctrl+P', member: 'Ctrl+Enter', undo: 'Ctrl+Z' };
const KEYS: Record<string, IntakeCommand> = { n: 'new', s: 'save', p: 'print', enter: 'member', z: 'undo' };

const isTextBox = (element: Element | null): boolean => element instanceof HTMLInputElement && (element.type === 'text' || element.type === 'search');

/** `undoFirst(focusedIsTextBox)`: whether Ctrl+Z is a structural undo here (else the browser's own). */
export function useIntakeShortcuts(run: (command: IntakeCommand) => void, undoFirst: (focusedIsTextBox: boolean) => boolean = () => true): void {
  function onKey(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.isComposing) return;
    const command = KEYS[event.key.toLowerCase()];
    if (!command) return;
    if (command === 'undo' && !undoFirst(isTextBox(document.activeElement))) return;
    event.preventDefault(); // not the browser's own save / print / new window
    if (!event.repeat) run(command);
  }
  let unsubscribe: (() => void) | null = null;
  onMounted(() => {
    window.addEventListener('keydown', onKey);
    unsubscribe = api.onMenu((command) => {
      if (command === 'new' || command === 'save' || command === 'print') run(command);
    });
  });
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey);
    unsubscribe?.();
  });
}
