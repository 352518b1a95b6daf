import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { dispatch } from '../../main/api';
import { closeApp, openApp } from '../../main/app';
import { en, zhCN } from '../../shared/i18n';
import { CLI, CLI_NOW, cliSandbox } from '../helpers/cli';

/**
 * The command line speaks the shop's language (else LANG's), with its words from shared/i18n: the
 * same lines in English as before, in Chinese when asked, and the JSON the same in both.
 */
const { dir } = cliSandbox('regulars-lang-');
const runIn = (lang: string, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, REGULARS_NOW: CLI_NOW, LANG: lang } });
const EN = 'en_US.UTF-8';
const ZH = 'zh_CN.UTF-8';

describe('the command line in both languages', () => {
  const db = path.join(dir, 'demo.db');

  it('demo, lapsed, model, backtest and price-changes print their words in English and in Chinese; JSON is the same', () => {
    const demo = runIn(ZH, 'demo', '--db', db, '--customers', '60', '--years', '1');
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain(`演示店铺已写入 ${db}`);
    expect(demo.stdout).toMatch(/ {2}顾客： +60\n/);

    const lapsedEn = runIn(EN, 'lapsed', '--db', db, '--all');
    expect(lapsedEn.stdout.split('\n')[0]).toBe(en['cli.lapsed.head']);
    expect(lapsedEn.stdout).toMatch(/\t(lapsed|fading|active)\t/);
    const lapsedZh = runIn(ZH, 'lapsed', '--db', db, '--all');
    expect(lapsedZh.stdout.split('\n')[0]).toBe('编号\t姓名\t状态\t等级\t仍活跃概率\t未到店天数\t通常间隔\t风险价值');
    expect(lapsedZh.stdout).toMatch(/\t(流失|渐少|活跃)\t(重点|主要|普通|小)\t/);
    expect(runIn(ZH, 'lapsed', '--db', db, '--json').stdout).toBe(runIn(EN, 'lapsed', '--db', db, '--json').stdout);

    const modelEn = runIn(EN, 'model', '--db', db).stdout;
    expect(modelEn).toContain('BG/NBD model (time in days)');
    expect(modelEn).toContain(en['cli.model.usedByApp']);
    expect(modelEn).toContain('calibration end: 2026-02-28');
    const modelZh = runIn(ZH, 'model', '--db', db).stdout;
    expect(modelZh).toContain('BG/NBD 模型（时间单位：天）');
    expect(modelZh).toContain(zhCN['cli.model.usedByApp']);
    expect(modelZh).toContain('校准截止日: 2026-02-28');

    const btEn = runIn(EN, 'backtest', '--db', db, '--as-of', '2025-11-30').stdout.split('\n');
    expect(btEn[0]).toMatch(/^as of 2025-11-30, horizon to \d{4}-\d{2}-\d{2}: \d+ customers with 2\+ visits, \d+ came back$/);
    expect(btEn[1]).toBe('method\tflagged\tprecision\trecall\tF1\tAUC');
    const btZh = runIn(ZH, 'backtest', '--db', db, '--as-of', '2025-11-30').stdout.split('\n');
    expect(btZh[0]).toMatch(/^截至 2025-11-30，观察到 \d{4}-\d{2}-\d{2}：\d+ 位顾客来过 2 次以上，\d+ 位回来了$/);

    expect(runIn(EN, 'price-changes', '--db', db).stdout).toMatch(/ {4}buyers \d+ → \d+ /);
    expect(runIn(ZH, 'price-changes', '--db', db).stdout).toMatch(/ {4}购买人数 \d+ → \d+ /);
  }, 300_000);

  it('the shop’s own language wins over LANG', async () => {
    const ctx = openApp({ dbPath: db });
    try {
      expect((await dispatch('settings.update', { language: 'zh-CN' }, ctx)).ok).toBe(true);
    } finally {
      closeApp(ctx);
    }
    expect(runIn(EN, 'lapsed', '--db', db).stdout.split('\n')[0]).toBe(zhCN['cli.lapsed.head']);
    const missing = runIn(EN, 'customer', 'export', 'nobody', '--db', db, '--out', path.join(dir, 'x'));
    expect(missing.status).toBe(3);
    expect(missing.stderr).toBe(`regulars: ${zhCN['error.NOT_FOUND']}\n`);
  }, 120_000);

  it('usage errors and refusals before a shop is open follow LANG', () => {
    expect(runIn(EN, '--help').stdout).toContain('Usage: regulars <command> [options]');
    expect(runIn(ZH, '--help').stdout).toContain('用法：regulars <命令> [选项]');
    expect(runIn(EN, 'nope').stderr).toBe('regulars: Unknown command "nope". Run "regulars --help".\n');
    expect(runIn(ZH, 'nope').stderr).toBe('regulars: 未知命令“nope”。运行 “regulars --help” 查看用法。\n');
    const csv = path.join(dir, 'missing.csv');
    expect(runIn(EN, 'import', 'sales', csv, '--db', path.join(dir, 'new.db')).stderr).toBe(`regulars: cannot read ${csv}\n`);
    expect(runIn(ZH, 'import', 'sales', csv, '--db', path.join(dir, 'new.db')).stderr).toBe(`regulars: 无法读取 ${csv}\n`);
    // a check across flags (the export's own schema) speaks the language too, not zod's English
    const out = path.join(dir, 'tagged.csv');
    const untagged = [
      'export',
      'contacts',
      '--db',
      path.join(dir, 'new.db'),
      '--segment',
      'tag',
      '--channel',
      'sms',
      '--format',
      'csv',
      '--out',
      out,
    ];
    expect(runIn(ZH, ...untagged).stderr).toBe(`regulars: --tag: ${zhCN['error.field.required']}\n`);
    expect(runIn(EN, ...untagged).stderr).toBe(`regulars: --tag: ${en['error.field.required']}\n`);
    // a flag's value the schema refuses: the field's message in the language, with what was given
    expect(runIn(EN, 'serve', '--port', '99999').stderr).toBe(`regulars: --port 99999: ${en['error.field.invalid']}\n`);
    expect(runIn(ZH, 'serve', '--port', '99999').stderr).toBe(`regulars: --port 99999: ${zhCN['error.field.invalid']}\n`);
  }, 120_000);
});
