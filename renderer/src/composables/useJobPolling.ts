/**
 * A background job of the main process (重新测算, 计算本村) as a page follows it: its status, read four
 * times a second while it runs, and `finished` called once when a run the page saw running has ended
 * (done, cancelled or failed). Polling stops when the component goes away.
 */
import type { RecalcState } from '@shared/api/packApi';
import type { Result } from '@shared/errors';
import { computed, onBeforeUnmount, shallowRef } from 'vue';

/** what the jobs' statuses have in common (VillageJobStatus extends RecalcStatus) */
export interface JobStatus {
  state: RecalcState;
}

const POLL_MS = 250;

export function useJobPolling<S extends JobStatus>(read: () => Promise<Result<S | null>>, finished: (status: S | null) => Promise<void> | void) {
  const status = shallowRef<S | null>(null);
  const running = computed(() => status.value?.state === 'running' || status.value?.state === 'cancelling');
  let timer: ReturnType<typeof setInterval> | null = null;

  async function poll(): Promise<void> {
    const result = await read();
    if (!result.ok) return;
    const wasRunning = running.value;
    status.value = result.value;
    if (wasRunning && !running.value) {
      stop();
      await finished(result.value);
    }
  }
  function start(): void {
    stop();
    timer = setInterval(() => void poll(), POLL_MS);
  }
  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
  }
  /** Starts a run with the start call's answer: its first status shown and followed. The answer is returned for the page's message line. */
  async function launch(request: Promise<Result<S>>): Promise<Result<S>> {
    const result = await request;
    if (result.ok) {
      status.value = result.value;
      start();
    }
    return result;
  }
  onBeforeUnmount(stop);

  return { status, running, poll, start, launch };
}
