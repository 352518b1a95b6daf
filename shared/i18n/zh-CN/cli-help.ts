import type { cliHelp as en } from '../en/cli-help';

export const cliHelp: Record<keyof typeof en, string> = {
  'cli.help': `回头客 Regulars — 让顾客常回来。

用法：regulars <命令> [选项]

命令：
  serve [--db 路径] [--port 端口] [--open] [--share 地址[:端口]]
        在浏览器中运行（浏览器模式），监听 127.0.0.1，每次启动一个新令牌。
        --port 0（默认）自动选空闲端口。--open 打开默认浏览器。
  demo --db 路径 [--customers N] [--years Y] [--seed S]
        在新数据库中写入一家逼真的演示店铺（默认 300 位顾客、2 年、种子 1）。

  import customers|sales|products 文件 --db 路径 [--map 列名=字段,...] [--encoding auto|utf-8|gb18030|mixed]
        [--date-format auto|ymd|dmy|mdy] [--create-customers] [--skip-bad-rows] [--dry-run] [--allow-duplicate]
        导入 CSV（UTF-8 或 GB18030/GBK）或 .xlsx 文件。全部导入或全不导入：有错误的行会列出且不写入任何数据，
        除非加 --skip-bad-rows。同一文件再次导入会被拒绝，除非加 --allow-duplicate。
  export contacts --db 路径 --segment 名称 [--tag 标签] [--staff 员工] [--tier 等级] --channel sms|phone|wechat|email
        --format csv|xlsx|vcf [--vcard-version 3.0|4.0] --out 文件 [--include-without-consent --reason 文字]
        导出联系人名单（只含同意该渠道联系的顾客），并记为一次活动。
        vCard 默认 3.0，加 --vcard-version 4.0 则为 4.0（许多手机只能导入 2.1/3.0）。--tier 和 --staff
        把流失、渐少和价格敏感名单限定到某个等级或某位员工的顾客。
  backup --db 路径 --out 文件      数据库的校验副本，应用运行时也可安全备份。
  restore --db 路径 --from 文件    用备份替换数据库（先备份当前数据库）。
  customer export 编号 --db 路径 --out 文件夹    某位顾客的全部资料（JSON 和 CSV）。
  customer erase 编号 --db 路径 --yes           删除顾客的个人资料；其销售记录保留为匿名。
        编号可以是顾客编号、会员号或电话。

  model --db 路径 [--calibration-end YYYY-MM-DD] [--json]
        列表和洞察所用的 BG/NBD 顾客流失模型（时间单位：天）：参数、拟合时间和所用的消费记录，
        以及此后模型预期与实际的回头次数。
        --calibration-end 则显示基于截至该日消费记录的拟合。

  lapsed --db 路径 [--as-of YYYY-MM-DD] [--all] [--json]
        某日的流失和渐少顾客（加 --all 显示全部顾客），风险价值高的在前。
  backtest --db 路径 --as-of YYYY-MM-DD [--horizon-days N] [--json]
        按过去某日重建名单，并与之后实际发生的情况对比：流失标记对比固定规则，
        价格敏感和渐少标记对比顾客此后的购买。

  today --db 路径 [--as-of YYYY-MM-DD] [--json]
        今日待办：到期的投诉步骤、回访电话、需联系的流失重点和主力顾客、员工离职后的引荐。
        JSON：kind、customer_id、due、title……
  winback --db 路径 [--json]
        挽回案例（进行中和已结束），含状态和结果。
  offers issue --db 路径 --customer 编号 (--amount-off 金额 | --percent-off 百分比) [--min-spend 金额] [--expires YYYY-MM-DD] [--json]
        给一位顾客发一张优惠（编号：顾客编号、会员号或电话）：减钱或打折，可设最低消费和最后一天。
        打印其优惠码，收银台只收一次。
  offers --db 路径 [--status open|redeemed|expired] [--json]
        全部优惠：优惠码、状态（open、redeemed、expired）和使用它的销售。
  price-changes --db 路径 [--as-of YYYY-MM-DD] [--json]
        每次价格变动前后各 8 周的购买人数、件数和销售额，以及此后买得少了的顾客。
        JSON：product、date、old_price_minor、new_price_minor、buyers_before/after、
        units_before/after、revenue_before/after_minor、customers_buying_less。

所有命令通用的选项：
  --db 路径   店铺数据库（默认：REGULARS_DB，否则为用户数据文件夹中的 regulars.db）
  --help      本帮助

示例：
  regulars serve --open
  regulars demo --db demo.db --customers 100000 --years 3
`,
};
