/**
 * Word lists and calendars for the demo shop. Surnames are weighted by their frequency in mainland
 * China (per 1,000 people, 2020 census order); given names follow the fashions of each generation,
 * so a shop of a hundred thousand has its share of 王伟 and 张敏, as a real one does.
 */
const weighted = (list: string): [string, number][] =>
  list.split(' ').map((e) => {
    const [name, w] = e.split(':') as [string, string];
    return [name, Number(w)];
  });

/** name:weight; the polyphonic 单 (shan), 解 (xie) and 曾 (zeng) are read the surname way; compound surnames last. */
export const SURNAMES = weighted(
  '王:72 李:71 张:68 刘:54 陈:46 杨:33 黄:25 赵:23 吴:21 周:21 徐:15 孙:15 马:13 朱:13 胡:12 郭:12 何:11 高:10 林:10 罗:9 ' +
    '郑:9 梁:8 谢:7 宋:7 唐:7 许:6 韩:6 冯:6 邓:6 曹:6 彭:5 曾:5 肖:5 田:5 董:5 袁:4 潘:4 于:4 蒋:4 蔡:4 余:4 杜:4 叶:4 程:4 苏:4 ' +
    '魏:3 吕:3 丁:3 任:3 沈:3 姚:3 卢:3 姜:3 崔:3 钟:3 谭:3 陆:3 汪:3 范:3 金:3 石:3 廖:3 贾:3 夏:3 韦:2 付:2 方:2 白:2 邹:2 孟:2 ' +
    '熊:2 秦:2 邱:2 江:2 尹:2 薛:2 闫:2 段:2 雷:2 侯:2 龙:2 史:2 陶:1 黎:1 贺:1 顾:1 毛:1 郝:1 龚:1 邵:1 万:1 覃:1 武:1 钱:1 戴:1 ' +
    '严:1 莫:1 孔:1 向:1 常:1 单:1 解:1 欧阳:1 司马:0.3 上官:0.3 诸葛:0.2',
);

/** Characters for composed given names. */
export const MALE_CHARS = [
  ...'伟强磊军勇杰涛明超刚平辉鹏斌俊浩宇博凯亮飞峰波建国华志文东海林成龙健振家轩然睿泽晨阳昊宏德兵新永兴翔鑫乐逸航',
];
export const FEMALE_CHARS = [
  ...'芳娜敏静丽艳娟霞秀英兰玉萍红梅燕玲莉婷雪琳颖倩慧佳瑶楠丹欣怡涵萱雨桐诗琪雅婉思彤悦可馨月蕾洁君凤淑珍春',
];

const names = (list: string) => list.split(' ');

/** Popular whole given names by birth decade: [decade, share of customers, male names, female names]. */
export const GENERATIONS: [number, number, string[], string[]][] = [
  [
    1950,
    5,
    names('建国 国强 德明 志强 建华 福生 永安 振华 德胜 长林'),
    names('秀英 桂英 玉兰 秀兰 淑珍 桂兰 凤英 玉珍 秀云 桂珍'),
  ],
  [
    1960,
    12,
    names('建军 卫东 建平 国庆 志刚 红兵 永强 建新 卫国 立新'),
    names('红梅 丽华 建英 秀珍 凤兰 春华 桂芳 红英 美华 玉梅'),
  ],
  [1970, 20, names('伟 军 勇 强 斌 海涛 建明 志勇 永红 东升'), names('丽 红 燕 海燕 春梅 丽娟 艳 秀梅 丽萍 红霞')],
  [1980, 25, names('磊 涛 超 鹏 晓东 俊 杰 海波 文杰 志伟'), names('静 敏 娜 婷 晓燕 丹 芳 丽丽 晓丽 婷婷')],
  [1990, 25, names('浩 宇 鑫 帅 晨 俊杰 家豪 子豪 宇航 博文'), names('雪 琳 倩 佳 欣 梦瑶 思雨 佳怡 雨欣 晓雪')],
  [
    2000,
    13,
    names('子轩 浩然 宇轩 梓睿 明轩 俊熙 沐宸 皓轩 一鸣 奕辰'),
    names('子涵 梓萱 一诺 雨桐 欣怡 诗涵 若汐 可馨 语嫣 梓涵'),
  ],
];

/** Mainland mobile number segments in use (13x, 15x and 18x the commonest), weighted. */
export const MOBILE_PREFIXES: [string, number][] = [
  ...'130 131 132 133 134 135 136 137 138 139'.split(' ').map((p): [string, number] => [p, 10]),
  ...'150 151 152 153 155 156 157 158 159'.split(' ').map((p): [string, number] => [p, 8]),
  ...'180 181 182 183 184 185 186 187 188 189'.split(' ').map((p): [string, number] => [p, 7]),
  ...'145 147 166 172 173 175 176 177 178 191 193 195 198 199'.split(' ').map((p): [string, number] => [p, 2]),
];

export const TAGS = ['会员', '老顾客', 'VIP', '团购', '附近小区', '上班族', '学生', '企业客户'] as const;

/** Staff: name, when they joined and left as a share of the demo period (0 = before it began). */
export const STAFF: { name: string; joined: number; left: [number, number] | null }[] = [
  { name: '王芳', joined: 0, left: null },
  { name: '李娜', joined: 0, left: null },
  { name: '张伟', joined: 0, left: [0.4, 0.55] },
  { name: '刘洋', joined: 0.45, left: null },
  // Left recently: the monthly review should see her regulars drifting away.
  { name: '陈静', joined: 0, left: [0.82, 0.9] },
];

export const VOID_REASONS = ['录错金额', '顾客退货', '重复录入', '顾客改用其他付款方式'];
export const SALE_NOTES = ['礼品包装', '预订', '代购', '顾客自带袋', '送货上门', '补差价', '换货'];
export const CUSTOMER_NOTES = [
  '喜欢新品',
  '只在周末来',
  '对价格敏感',
  '需要送货上门',
  '老熟人介绍',
  '买给家里老人',
  '过敏体质，注意成分',
];

/** Busy hours 9:00–20:59 (relative weights): a late-morning bump, a lunch dip, an evening peak. */
export const HOUR_WEIGHT = [3, 5, 7, 8, 6, 5, 6, 7, 9, 10, 9, 6];

/** Relative busyness by month (Jan..Dec): festive winter, quiet summer, busy Q4. */
export const MONTH_WEIGHT = [1.15, 1.05, 0.95, 0.95, 1.0, 1.05, 0.85, 0.85, 1.0, 1.05, 1.2, 1.25];

const byYear = (list: string): Map<number, string> => new Map(list.split(' ').map((d) => [Number(d.slice(0, 4)), d]));

/** Spring Festival (Chinese New Year's Day), which moves with the lunar calendar. */
export const SPRING_FESTIVAL = byYear(
  '2015-02-19 2016-02-08 2017-01-28 2018-02-16 2019-02-05 2020-01-25 2021-02-12 2022-02-01 2023-01-22 2024-02-10 ' +
    '2025-01-29 2026-02-17 2027-02-06 2028-01-26 2029-02-13 2030-02-03 2031-01-23 2032-02-11 2033-01-31 2034-02-19 2035-02-08',
);

/** Mid-Autumn Festival (15th day of the 8th lunar month). */
export const MID_AUTUMN = byYear(
  '2015-09-27 2016-09-15 2017-10-04 2018-09-24 2019-09-13 2020-10-01 2021-09-21 2022-09-10 2023-09-29 2024-09-17 ' +
    '2025-10-06 2026-09-25 2027-09-15 2028-10-03 2029-09-22 2030-09-12 2031-10-01 2032-09-19 2033-09-08 2034-09-27 2035-09-16',
);

/** Shopping festivals with fixed dates: 618 and Double 11 run for weeks, Double 12 for days. */
export const FIXED_PROMOS: { name: '618' | 'double11' | 'double12'; from: string; to: string }[] = [
  { name: '618', from: '06-01', to: '06-18' },
  { name: 'double11', from: '11-01', to: '11-11' },
  { name: 'double12', from: '12-10', to: '12-12' },
];
