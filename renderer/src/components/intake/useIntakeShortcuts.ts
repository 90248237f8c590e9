/**
 * 新建 Ctrl+N, 保存 Ctrl+S, 打印 Ctrl+P: the page handles the keys itself (so they work the same in the
 * browser), and the Electron menu sends the same commands through api.onMenu.
 */
import { onBeforeUnmount, onMounted } from 'vue';
import { api } from '../../api/client';

export type IntakeCommand = 'new' | 'save' | 'print';

export const SHORTCUTS: Record<IntakeCommand, string> = { new: 'Ctrl+N', save: 'Ctrl+S', print: 'Ctrl+P' };
const KEYS: Record<string, IntakeCommand> = { n: 'new', s: 'save', p: 'print' };

export function useIntakeShortcuts(run: (command: IntakeCommand) => void): void {
  function onKey(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.isComposing) return;
    const command = KEYS[event.key.toLowerCase()];
    if (!command) return;
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
