/** dispatch(): the one entry both transports use. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlerTable, dispatch } from '../../../electron/handlers';
import { createServices } from '../../../electron/services';
import { CHANNELS } from '../../../shared/api/channels';
import { apiContract } from '../../../shared/api/contract';

const services = createServices({ dataDir: join(mkdtempSync(join(tmpdir(), 'huimin-h-')), 'data'), portable: false, transport: 'electron' });

describe('the handler table', () => {
  it('has exactly one handler and one schema for every channel', () => {
    const table = createHandlerTable(services);
    expect(Object.keys(table).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(apiContract).sort()).toEqual([...CHANNELS].sort());
  });
  it('answers a service failure with a Chinese message and logs it, without the stack trace', async () => {
    const table = createHandlerTable(services);
    table['app.info'] = () => {
      throw new Error('disk on fire at /secret/path');
    };
    const log = vi.fn();
    const result = await dispatch(table, 'app.info', undefined, log);
    expect(result).toEqual({ ok: false, errors: [{ message: '程序内部错误，本次操作未完成；请重试，如反复出现请联系技术支持（错误已记入日志）', path: '' }] });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(log).toHaveBeenCalledOnce();
  });
  it('computes with the pack in force', async () => {
    const result = await dispatch(createHandlerTable(services), 'calc.compute', {
      case: { asOf: '2023-09-01', household: { area: 'rural', status: 'dibao' }, members: [{ id: 'm1', name: '张三', birthDate: '1970-01-01' }] },
    });
    expect(result.ok && (result.value as { policy: { id: string } }).policy.id).toBe('henan-nanyang');
  });
});
