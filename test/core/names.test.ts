/** Defined names → ranges: duplicates, shadowing and look-alike names are told, never silently chosen. */
import { lookAlikeKey, resolveNames } from '../../src/core/names';

describe('resolveNames', () => {
  test('a name defined twice at workbook scope: the first is used, and both are reported', () => {
    const { resolved, diagnostics } = resolveNames(
      [
        { name: '单位名称', formula: '基本情况!$B$6' },
        { name: '单位名称', formula: '基本情况!$B$9' },
      ],
      ['单位名称']
    );
    expect(resolved.get('单位名称')!.address).toBe('基本情况!B6');
    expect(diagnostics).toEqual([
      {
        code: 'name-duplicate',
        severity: '提示',
        message:
          '名称 单位名称 在工作簿范围内定义了 2 次（基本情况!$B$6、基本情况!$B$9）；已采用第一个定义 基本情况!$B$6，请在“名称管理器”中删除多余的定义',
        name: '单位名称',
      },
    ]);
  });

  test('a workbook-scope name shadowing a sheet-scope one is reported', () => {
    const { resolved, diagnostics } = resolveNames(
      [
        { name: '基础_编制数', formula: '基础数据!$B$6' },
        { name: '基础_编制数', formula: '旧表!$C$3', scope: '旧表' },
      ],
      ['基础_编制数']
    );
    expect(resolved.get('基础_编制数')!.address).toBe('基础数据!B6');
    expect(diagnostics.map((d) => d.code)).toEqual(['name-shadowed']);
    expect(diagnostics[0].message).toBe(
      '名称 基础_编制数 既有工作簿级定义（基础数据!$B$6），又有工作表级定义（“旧表”：旧表!$C$3）；已采用工作簿级定义，而在“旧表”表的公式中它指向工作表级定义，请删除其一'
    );
  });

  test.each([
    ['单位名称\u200b', '单位名称[U+200B]'],
    ['基础＿编制数', '基础＿编制数'],
    ['单位 名称', '单位 名称'],
  ])('a look-alike %p is suggested: “是否指 …？”', (stored, shown) => {
    const wanted = lookAlikeKey(stored) === lookAlikeKey('单位名称') ? '单位名称' : '基础_编制数';
    const { resolved } = resolveNames([{ name: stored, formula: '基本情况!$B$6' }], [wanted]);
    const d = resolved.get(wanted)!.diagnostic!;
    expect(d.code).toBe('name-missing');
    expect(d.message).toBe(
      `工作簿中没有名称 ${wanted}；工作簿中有一个相似的名称“${shown}”（含全角字符、不可见字符或空格），是否指 ${wanted}？请在“名称管理器”中把它改名为 ${wanted}`
    );
  });
});
