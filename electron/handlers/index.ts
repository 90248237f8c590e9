/**
 * The one table of handlers: channel → function, for both transports (Electron IPC in main/ipc.ts and
 * HTTP in web/server.ts), put together from one module per domain. Every payload is checked against its schema in shared/api/contract.ts before a
 * handler sees it; a handler only translates between the API and a service.
 */
import { apiContract, type ApiParsedInput, type ApiResponse } from '../../shared/api/contract';
import { isChannel, type Channel } from '../../shared/api/channels';
import { boundReply, payloadProblem } from '../../shared/api/replyLimits';
import { shortValue } from '../../shared/errors';
import type { AppError, Result } from '../../shared/errors';
import { FIELD_LABELS } from '../../shared/household/fieldLabels';
import { zodIssuesToErrors } from '../../shared/zodErrors';
import type { Services } from '../services';
import { appHandlers } from './appHandlers';
import { backupHandlers } from './backupHandlers';
import { campaignHandlers } from './campaignHandlers';
import { caseHandlers } from './caseHandlers';
import { dataHandlers } from './dataHandlers';
import { countySyncHandlers } from './countySyncHandlers';
import { packHandlers } from './packHandlers';
import { printHandlers } from './printHandlers';
import { recalcHandlers } from './recalcHandlers';
import { rosterHandlers } from './rosterHandlers';

export type HandlerTable = {
  [C in Channel]: (input: ApiParsedInput<C>) => ApiResponse<C> | Promise<ApiResponse<C>>;
};

/** The handlers of some channels: each domain module (appHandlers.ts, caseHandlers.ts, …) returns one. */
export type Handlers<C extends Channel> = Pick<HandlerTable, C>;

export function createHandlerTable(services: Services): HandlerTable {
  return {
    ...appHandlers(services),
    ...caseHandlers(services),
    ...backupHandlers(services),
    ...dataHandlers(services),
    ...printHandlers(services),
    ...campaignHandlers(services),
    ...packHandlers(services),
    ...recalcHandlers(services),
    ...countySyncHandlers(services),
    ...rosterHandlers(services),
  };
}

const INTERNAL_ERROR: AppError = { message: '程序内部错误，本次操作未完成；请重试，如反复出现请联系技术支持（错误已记入日志）', path: '' };

function describeApiPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '请求内容';
  return path.map((part) => (typeof part === 'number' ? `第${part + 1}项` : (FIELD_LABELS[String(part)] ?? shortValue(part)))).join(' · ');
}

/**
 * Runs one call: unknown channels and invalid payloads are answered with a Chinese error and never
 * reach a service; a service failure is logged and answered without its stack trace. Every reply keeps
 * the seam's limits (shared/api/replyLimits.ts): forbidden keys and malformed text refused at any
 * depth, at most 20 errors with their count, messages and paths of bounded length.
 */
export async function dispatch(table: HandlerTable, channel: unknown, payload: unknown, log: (error: unknown) => void = console.error): Promise<Result<unknown>> {
  return boundReply(await answer(table, channel, payload, log));
}

async function answer(table: HandlerTable, channel: unknown, payload: unknown, log: (error: unknown) => void): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, errors: [{ message: `未知的接口「${shortValue(channel)}」`, path: '' }] };
  }
  const problem = payloadProblem(payload);
  if (problem) return { ok: false, errors: [problem] };
  const parsed = apiContract[channel].input.safeParse(payload, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, errors: zodIssuesToErrors(parsed.error.issues, describeApiPath) };
  }
  try {
    const handler = table[channel] as (input: unknown) => Result<unknown> | Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (error) {
    log(error);
    return { ok: false, errors: [INTERNAL_ERROR] };
  }
}
