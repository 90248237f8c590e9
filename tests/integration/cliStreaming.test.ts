/**
 * The command line's JSONL as an analyst's files really are (calc-contract.md "Command line"):
 * output line N answers input line N whatever the blank lines, CRLF, a missing last newline or bad
 * lines in between; encodings other than UTF-8 are refused with a message naming the file, the likely
 * encoding and what to do; an empty input is an error; reading is incremental (a result is written
 * before the input is read through, and the read-ahead stays bounded).
 *
 * Worked example (contract): 低保, inpatient 110000 / policy scope 100000 at county level, 基本医保
 * 60000 and 大病保险 21125 from the slip → self-pay in scope 18875 × 70 % = 13212.50 医疗救助; as 特困
 * 18875 × 90 % = 16987.50.
 */
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCalcCli } from '../../electron/cli/calcCli';
import { pack } from '../support/calc';
import { runCli, testWorker } from '../support/cliRun';

const dibao = {
  asOf: '2023-09-01',
  household: { area: 'rural', status: 'dibao' },
  members: [{ id: 'm1', name: '张三', idNumber: '411323199305011237', medical: { inpatient: [{ total: 110000, policyScope: 100000, level: 'county', basicPaid: 60000, criticalPaid: 21125 }] } }],
};
const tekun = { ...dibao, household: { area: 'rural', status: 'tekun' } };
const A = JSON.stringify(dibao);
const B = JSON.stringify(tekun);

const outLines = (stdout: string) => {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.slice(0, -1).split('\n').map((line) => JSON.parse(line) as { medical?: { m1: { assistance: string } }; error?: { message: string; path: string } });
};
const assistance = (line: { medical?: { m1: { assistance: string } } }) => line.medical?.m1.assistance;

describe('JSONL line alignment', { timeout: 60_000 }, () => {
  it('a blank line inside gets an error line in its place; nothing after it shifts', async () => {
    const { code, stdout } = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': `${A}\n\n${B}\n   \t\n${A}\n` } });
    expect(code).toBe(2);
    const out = outLines(stdout);
    expect(out).toHaveLength(5);
    expect(assistance(out[0]!)).toBe('13212.50');
    expect(out[1]!.error).toEqual({ message: '第 2 行是空行：JSONL 每行应是一户家庭的 JSON（结果按行号一一对应，空行也占一行）', path: '' });
    expect(assistance(out[2]!)).toBe('16987.50');
    expect(out[3]!.error?.message).toMatch(/^第 4 行是空行/);
    expect(assistance(out[4]!)).toBe('13212.50');
  });

  it('blank lines before the first case are lines too; blank lines after the last case answer nothing (exit 0)', async () => {
    const leading = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': `\n\n${A}\n` } });
    expect(outLines(leading.stdout).map((line) => line.error?.message.match(/^第 \d+ 行是空行/)?.[0] ?? assistance(line))).toEqual(['第 1 行是空行', '第 2 行是空行', '13212.50']);
    const trailing = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': `${A}\n${B}\n\n\r\n  \n` } });
    expect(trailing.code).toBe(0);
    expect(outLines(trailing.stdout).map(assistance)).toEqual(['13212.50', '16987.50']);
  });

  it('CRLF lines, a last line without newline and a BOM give the same results as plain LF', async () => {
    const lf = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': `${A}\n${B}\n` } });
    const crlf = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': `\ufeff${A}\r\n${B}` } });
    expect(crlf.code).toBe(0);
    expect(crlf.stdout).toBe(lf.stdout);
    // a blank CRLF line is blank, not a line of '\r'
    const blank = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': `${A}\r\n\r\n${B}\r\n` } });
    expect(outLines(blank.stdout).map((line) => line.error?.message.match(/^第 \d+ 行是空行/)?.[0] ?? assistance(line))).toEqual(['13212.50', '第 2 行是空行', '16987.50']);
  });

  it('invalid lines interleaved: each gets its own error in place, the others are computed, exit 2', async () => {
    const lines = [A, 'not json', B, JSON.stringify({ ...dibao, members: [] }), '{"household": ', A, JSON.stringify({ ...dibao, extra: 1 })];
    const { code, stdout, stderr } = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': `${lines.join('\n')}\n` } });
    expect(code).toBe(2);
    expect(stderr).toBe('');
    const out = outLines(stdout);
    expect(out).toHaveLength(7);
    expect(assistance(out[0]!)).toBe('13212.50');
    expect(out[1]!.error).toEqual({ message: '第 2 行不是有效的 JSON', path: '' });
    expect(assistance(out[2]!)).toBe('16987.50');
    expect(out[3]!.error).toEqual({ message: '家庭成员：至少需要一位家庭成员', path: 'members' });
    expect(out[4]!.error).toEqual({ message: '第 5 行不是有效的 JSON', path: '' });
    expect(assistance(out[5]!)).toBe('13212.50');
    expect(out[6]!.error?.path).toBe('extra');
  });

  it('lines and characters cut across reads (7-byte chunks) change nothing', async () => {
    const text = `${A}\r\n\n${B.replace('张三', '张三丰')}\n坏行\n${A}`;
    const whole = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': text } });
    const cut = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': text }, chunkBytes: 7 });
    expect(cut.stdout).toBe(whole.stdout);
    expect(outLines(cut.stdout)).toHaveLength(5);
  });

  it('a line over 8 MB is not read into memory: an error in its place, the next line computed', async () => {
    const huge = `{"household":"${'啊'.repeat(3 * 1024 * 1024)}"}`; // 9 MB of UTF-8
    const { code, stdout } = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': `${A}\n${huge}\n${B}\n` }, chunkBytes: 1024 * 1024 });
    expect(code).toBe(2);
    const out = outLines(stdout);
    expect(out[1]!.error?.message).toBe('第 2 行超过 8 MB，不像一户家庭的 JSON，未读取');
    expect(assistance(out[2]!)).toBe('16987.50');
  });
});

describe('one JSON document or JSONL', { timeout: 60_000 }, () => {
  it('a .json file holding one case a line is JSONL; a .jsonl file of one line is JSONL (compact)', async () => {
    const several = await runCli(['cases.json'], { files: { 'cases.json': `${A}\n${B}\n` } });
    expect(outLines(several.stdout).map(assistance)).toEqual(['13212.50', '16987.50']);
    const one = await runCli(['one.jsonl'], { files: { 'one.jsonl': `${A}\n` } });
    expect(one.stdout.split('\n')).toHaveLength(2);
    expect(assistance(JSON.parse(one.stdout))).toBe('13212.50');
  });

  it('standard input: one compact line (with or without newline) is one document, printed pretty', async () => {
    for (const stdin of [A, `${A}\n`, `\n${A}\n\n`]) {
      const { code, stdout } = await runCli(['-'], { stdin });
      expect(code).toBe(0);
      expect(stdout.startsWith('{\n  "policy"')).toBe(true);
      expect(assistance(JSON.parse(stdout))).toBe('13212.50');
    }
  });

  it('standard input: a pretty-printed document cut in 5-byte reads is one case; two lines are JSONL', async () => {
    const pretty = await runCli(['-'], { stdin: `${JSON.stringify(tekun, null, 2)}\n`, chunkBytes: 5 });
    expect(assistance(JSON.parse(pretty.stdout))).toBe('16987.50');
    const lines = await runCli(['-'], { stdin: `${A}\r\n${B}` });
    expect(outLines(lines.stdout).map(assistance)).toEqual(['13212.50', '16987.50']);
  });

  it('standard input whose first line is not JSON is read as one document: the error says why and what to do', async () => {
    const { code, stdout, stderr } = await runCli(['-'], { stdin: `garbage\n${A}\n` });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(JSON.parse(stderr).error.message).toBe('输入不是有效的 JSON（按单个 JSON 文档读取：第一行本身不是完整的 JSON；批量测算请每行一户，或用 .jsonl 文件名）');
  });
});

describe('encodings', { timeout: 60_000 }, () => {
  const utf16 = (text: string, order: 'LE' | 'BE') => {
    const bytes = Buffer.from(text, 'utf16le');
    return order === 'LE' ? bytes : bytes.swap16();
  };
  const refused = async (name: string, bytes: Uint8Array) => {
    const { code, stdout, stderr } = await runCli([name], { files: { [name]: bytes } });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    return (JSON.parse(stderr) as { error: { message: string; path: string } }).error;
  };

  it('UTF-16 LE and BE, with or without BOM, are refused naming the file and the encoding', async () => {
    for (const order of ['LE', 'BE'] as const) {
      const withBom = await refused('cases.jsonl', utf16(`\ufeff${A}\n${B}\n`, order));
      expect(withBom.message).toBe(
        `输入文件「cases.jsonl」是 UTF-16 ${order} 编码（带 BOM，记事本里叫“Unicode${order === 'BE' ? ' big endian' : ''}”），本程序只读 UTF-8。请用记事本（或 WPS、Excel）打开，“另存为”时把编码选为“UTF-8”，再重新运行。`,
      );
      expect(withBom.path).toBe('');
      const without = await refused('case.json', utf16(A, order));
      expect(without.message).toContain(`输入文件「case.json」看起来是 UTF-16 ${order} 编码（无 BOM）`);
      expect(without.message).toContain('另存为');
    }
  });

  it('a GBK file (中文 Windows 记事本) is refused as GBK/GB18030, never computed as mojibake', async () => {
    // 张三 in GBK is D5 C5 C8 FD
    const gbk = Buffer.concat([Buffer.from(A.split('张三')[0] as string), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(`${A.split('张三')[1]}\n`)]);
    expect(new TextDecoder('gbk').decode(gbk)).toBe(`${A}\n`);
    const error = await refused('cases.jsonl', gbk);
    expect(error.message).toMatch(/^输入文件「cases\.jsonl」不是 UTF-8 编码，看起来是 GBK\/GB18030/);
    expect(error.message).toContain('“另存为”时把编码选为“UTF-8”');
    const stdin = await runCli(['-'], { stdin: gbk });
    expect(JSON.parse(stdin.stderr).error.message).toMatch(/^标准输入不是 UTF-8 编码，看起来是 GBK/);
  });

  it('a GBK line pasted deep into a UTF-8 file gets its error in place; the rest is computed', async () => {
    const gbkLine = Buffer.concat([Buffer.from(A.split('张三')[0] as string), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(A.split('张三')[1] as string)]);
    const before = Array.from({ length: 400 }, () => A).join('\n'); // beyond the first 64 KB looked at
    const file = Buffer.concat([Buffer.from(`${before}\n`), gbkLine, Buffer.from(`\n${B}\n`)]);
    const { code, stdout } = await runCli(['cases.jsonl'], { files: { 'cases.jsonl': file } });
    expect(code).toBe(2);
    const out = outLines(stdout);
    expect(out).toHaveLength(402);
    expect(out[400]!.error).toEqual({ message: '第 401 行不是 UTF-8 编码，看起来是 GBK/GB18030，请另存为 UTF-8', path: '' });
    expect(assistance(out[401]!)).toBe('16987.50');
  });

  it('a UTF-8 BOM is accepted (single document and JSONL); an Excel workbook is named as such', async () => {
    const single = await runCli(['case.json'], { files: { 'case.json': `\ufeff${JSON.stringify(dibao, null, 2)}` } });
    expect(single.code).toBe(0);
    expect(assistance(JSON.parse(single.stdout))).toBe('13212.50');
    const xlsx = await refused('cases.jsonl', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    expect(xlsx.message).toContain('Excel 工作簿（.xlsx）');
  });
});

describe('empty input', { timeout: 60_000 }, () => {
  it('an empty file, one of only blank lines, or empty standard input: exit 2 with an error, no output', async () => {
    for (const [name, content] of [
      ['cases.jsonl', ''],
      ['cases.jsonl', '\n\r\n  \n'],
      ['case.json', ''],
      ['case.json', '\n \n'],
      ['-', ''],
      ['cases.jsonl', '\ufeff'],
    ] as const) {
      const { code, stdout, stderr } = await runCli([name], name === '-' ? { stdin: content } : { files: { [name]: content } });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const where = name === '-' ? '标准输入' : `输入文件「${name}」`;
      expect(JSON.parse(stderr)).toEqual({ error: { message: `${where}是空的（或只有空行），没有任何案例：应为一户家庭的 JSON，或每行一户的 JSONL`, path: '' } });
    }
  });
});

describe('reading problems', { timeout: 60_000 }, () => {
  it('a folder or a missing file given as input: exit 2 naming it and why', async () => {
    const real = { readInput: (path: string) => createReadStream(path) };
    const folder = await runCli([tmpdir()], { io: real });
    expect(folder.code).toBe(2);
    expect(JSON.parse(folder.stderr).error.message).toBe(`无法读取输入文件「${tmpdir()}」：这是一个文件夹`);
    const missing = await runCli([join(tmpdir(), 'no-such-households.jsonl')], { io: real });
    expect(JSON.parse(missing.stderr).error.message).toMatch(/^无法读取输入文件「.*no-such-households\.jsonl」：文件不存在$/);
  });

  it('a read failing half-way (a USB stick pulled out): the lines answered stay, stderr says where it stopped, exit 2', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`${Array.from({ length: 300 }, () => A).join('\n')}\n`);
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', syscall: 'read' });
    }
    const { code, stdout, stderr } = await runCli(['cases.jsonl'], { io: { readInput: () => failing() } });
    expect(code).toBe(2);
    const answered = outLines(stdout);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((line) => assistance(line) === '13212.50')).toBe(true);
    expect(JSON.parse(stderr).error.message).toBe(`读取输入文件「cases.jsonl」时出错：EIO: i/o error, read；前 ${answered.length} 行已有结果，其后各行没有`);
  });
});

describe('--brief', { timeout: 60_000 }, () => {
  type FullBasis = { doc: string; clause: string; source: string | null; quote?: string };
  type FullLine = {
    benefits: { steps: string[]; basis: FullBasis[] }[];
    screening: { dibao: { result: string; steps: string[] }; items: { reason: string; basis: FullBasis[] }[] };
    warnings: { message: string }[];
  };
  const reduced = (basis: FullBasis[]) => basis.map(({ doc, clause }) => ({ doc, clause }));

  it('benefits and 还可申请 without steps, basis as {doc, clause}; every result, reason, amount and warning exactly the full result', async () => {
    const full = outLines((await runCli(['cases.jsonl'], { files: { 'cases.jsonl': `${A}\n${B}\n` } })).stdout) as unknown as FullLine[];
    const brief = outLines((await runCli(['cases.jsonl', '--brief'], { files: { 'cases.jsonl': `${A}\n${B}\n` } })).stdout);
    for (let i = 0; i < 2; i++) {
      const f = full[i] as FullLine;
      const b = brief[i] as unknown as { benefits: Record<string, unknown>[]; screening: { dibao: Record<string, unknown>; items: Record<string, unknown>[] } };
      expect(f.benefits.length).toBeGreaterThan(3);
      // the full result has what --brief leaves out: quotes in the 还可申请 citations, the 低保 steps
      expect(f.screening.items.length).toBeGreaterThan(0);
      expect(f.screening.items.some((item) => item.basis.some((basis) => typeof basis.quote === 'string'))).toBe(true);
      expect(f.screening.dibao.steps.length).toBeGreaterThan(0);
      for (const benefit of b.benefits) {
        expect(benefit).not.toHaveProperty('steps');
        for (const basis of benefit.basis as object[]) expect(Object.keys(basis)).toEqual(['doc', 'clause']);
      }
      expect(b.screening.dibao).not.toHaveProperty('steps');
      for (const item of b.screening.items) for (const basis of item.basis as object[]) expect(Object.keys(basis)).toEqual(['doc', 'clause']);
      const expected = {
        ...f,
        benefits: f.benefits.map(({ steps: _steps, basis, ...rest }) => ({ ...rest, basis: reduced(basis) })),
        screening: {
          dibao: (({ steps: _steps, ...rest }) => rest)(f.screening.dibao),
          items: f.screening.items.map(({ basis, ...rest }) => ({ ...rest, basis: reduced(basis) })),
        },
      };
      expect(b).toEqual(expected);
      // the medical figures of the worked example and the 低保 screening verdict are untouched
      expect(assistance(brief[i]!)).toBe(i === 0 ? '13212.50' : '16987.50');
      expect(b.screening.dibao.result).toBe(f.screening.dibao.result);
    }
  });

  it('--help explains --brief as it is applied (exit 0, on stdout, nothing computed)', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('用法：npm run -s calc --');
    expect(stdout).toContain('--brief            批量用的精简输出：每项待遇和“还可申请”都不带计算步骤（steps），依据（basis）只留');
  });

  it('a single document with --brief is brief too; --workers takes a number', async () => {
    const { stdout } = await runCli(['case.json', '--brief'], { files: { 'case.json': A } });
    const result = JSON.parse(stdout) as { benefits: { steps?: unknown; basis: object[] }[]; screening: { dibao: { steps?: unknown }; items: { basis: object[] }[] } };
    expect(result.benefits.every((benefit) => benefit.steps === undefined && benefit.basis.every((basis) => Object.keys(basis).join() === 'doc,clause'))).toBe(true);
    expect(result.screening.dibao.steps).toBeUndefined();
    expect(result.screening.items.every((item) => item.basis.every((basis) => Object.keys(basis).join() === 'doc,clause'))).toBe(true);
    const bad = await runCli(['case.json', '--workers', 'two'], { files: { 'case.json': A } });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).error.message).toContain('--workers 应为线程数');
  });
});

describe('streaming', { timeout: 60_000 }, () => {
  /** An input of `total` lines made as it is read, recording how far reading got. */
  function countingInput(total: number, perChunk: number) {
    const state = { produced: 0 };
    async function* lines(): AsyncGenerator<Uint8Array> {
      while (state.produced < total) {
        const n = Math.min(perChunk, total - state.produced);
        state.produced += n;
        yield Buffer.from(`${Array.from({ length: n }, (_, i) => ((state.produced - n + i) % 2 === 0 ? A : B)).join('\n')}\n`);
      }
    }
    return { state, lines };
  }

  for (const workers of [0, 2]) {
    it(`reads as it writes, with a bounded read-ahead, even behind a slow reader (--workers ${workers})`, async () => {
      const total = 6000;
      const input = countingInput(total, 100);
      let written = 0;
      let maxAhead = 0;
      let firstWriteAt = -1;
      const code = await runCalcCli(['cases.jsonl', '--brief', '--workers', String(workers)], {
        readText: async () => '',
        readInput: () => input.lines(),
        stdout: async (chunk) => {
          if (firstWriteAt === -1) firstWriteAt = input.state.produced;
          const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
          written += text.split('\n').length - 1;
          maxAhead = Math.max(maxAhead, input.state.produced - written);
          await new Promise((resolve) => setImmediate(resolve)); // a reader slower than the calculation
        },
        stderr: () => undefined,
        today: '2026-11-23',
        defaultPack: pack,
        workerEntry: testWorker(),
      });
      expect(code).toBe(0);
      expect(written).toBe(total);
      // the first results leave long before the input is read through; at most the batches in flight
      // (3 per worker, 128 lines each), the one being filled and one read chunk are held
      expect(firstWriteAt).toBeLessThan(1000);
      expect(maxAhead).toBeLessThanOrEqual((Math.max(workers, 1) * 3 + 1) * 128 + 100);
    }, 120_000);
  }

});
