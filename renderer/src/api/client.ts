/**
 * The renderer's one way to reach the main-process services: `window.api` from the preload in the
 * desktop app, or the same calls over HTTP to the `npm run web` host (token from the page's meta tag).
 * Either way every call resolves to a Result; failures are Chinese messages, never exceptions.
 */
import type { Channel } from '@shared/api/channels';
import type { ApiInput, ApiResponse, WindowApi } from '@shared/api/contract';

function browserApi(): WindowApi {
  const token = document.querySelector<HTMLMetaElement>('meta[name="huimin-token"]')?.content ?? '';
  return {
    transport: 'web',
    async invoke<C extends Channel>(channel: C, input: ApiInput<C>): Promise<ApiResponse<C>> {
      try {
        const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Huimin-Token': token },
          body: input === undefined ? '' : JSON.stringify(input),
          credentials: 'same-origin',
        });
        return (await response.json()) as ApiResponse<C>;
      } catch {
        return { ok: false, errors: [{ message: '无法连接本机服务：请确认“npm run web”仍在运行，然后刷新页面', path: '' }] };
      }
    },
    onMenu: () => () => {},
  };
}

/** A failure cut at the seam's limit (shared/api/replyLimits.ts) says how many problems were not listed. */
function withCount<T extends ApiResponse<Channel>>(reply: T): T {
  if (reply.ok || reply.errorCount === undefined || reply.errorCount <= reply.errors.length) return reply;
  const rest = reply.errorCount - reply.errors.length;
  return { ...reply, errors: [...reply.errors, { message: `另有 ${rest} 处问题未列出（共 ${reply.errorCount} 处），请先改正以上各处`, path: '' }] };
}

const transport: WindowApi = window.api ?? browserApi();

export const api: WindowApi = {
  transport: transport.transport,
  invoke: async (channel, input) => withCount(await transport.invoke(channel, input)),
  onMenu: (listener) => transport.onMenu(listener),
};
