/** `regulars --help` (main/cli/index.ts). */
export const cliHelp = {
  'cli.help': `回头客 Regulars — keep your customers coming back.

Usage: regulars <command> [options]

Commands:
  serve [--db PATH] [--port N] [--open] [--share ADDRESS[:PORT]]
        Run the app in your browser (browser mode) on 127.0.0.1 with a per-launch token.
        --port 0 (default) picks a free port. --open opens the default browser.
  demo --db PATH [--customers N] [--years Y] [--seed S]
        Write a realistic demo shop into a new database (default 300 customers, 2 years, seed 1).

  import customers|sales|products FILE --db PATH [--map column=field,...] [--encoding auto|utf-8|gb18030|mixed]
        [--date-format auto|ymd|dmy|mdy] [--create-customers] [--skip-bad-rows] [--dry-run] [--allow-duplicate]
        Import a CSV (UTF-8 or GB18030/GBK) or .xlsx file. All or nothing: bad rows are listed and nothing is
        written, unless --skip-bad-rows. The same file twice is refused unless --allow-duplicate.
  export contacts --db PATH --segment NAME [--tag T] [--staff S] [--tier T] --channel sms|phone|wechat|email
        --format csv|xlsx|vcf [--vcard-version 3.0|4.0] --out FILE [--include-without-consent --reason TEXT]
        Export a contact list (only customers who agreed to that channel) and remember it as a campaign.
        vCard is 3.0 unless --vcard-version 4.0 (many phones import only 2.1/3.0). --tier and --staff
        narrow lapsed, fading and price-sensitive to a tier or a staff member's customers.
  backup --db PATH --out FILE      A checked copy of the database, taken safely while the app runs.
  restore --db PATH --from FILE    Replace the database with a backup (the current one is backed up first).
  customer export ID --db PATH --out DIR    Everything held about one customer (JSON and CSV).
  customer erase ID --db PATH --yes         Erase a customer's personal data; their sales stay anonymous.
        ID is the customer's id, member code or phone.

  model --db PATH [--calibration-end YYYY-MM-DD] [--json]
        The BG/NBD buy-till-you-die model (time in days) the lists and Insights use: its parameters,
        when it was fitted and on which purchases, and expected against actual repeat visits since.
        --calibration-end shows the fit on purchases up to that day instead.

  lapsed --db PATH [--as-of YYYY-MM-DD] [--all] [--json]
        Lapsed and fading customers as of a date (every customer with --all), most value at risk first.
  backtest --db PATH --as-of YYYY-MM-DD [--horizon-days N] [--json]
        Rebuild the list as of a past date and score it against what happened next: the lapsed
        flag against fixed rules, and the price-sensitive and fading flags against what the
        customers bought since.

  today --db PATH [--as-of YYYY-MM-DD] [--json]
        What needs doing: complaint steps due, follow-up calls, lapsed key and main customers to
        contact, introductions after a staff member left. JSON: kind, customer_id, due, title, ...
  winback --db PATH [--json]
        Win-back cases, open and closed, with status and outcome.
  offers issue --db PATH --customer ID (--amount-off X | --percent-off N) [--min-spend X] [--expires YYYY-MM-DD] [--json]
        Issue an offer to one customer (ID: id, member code or phone): money off or a percentage, an optional
        minimum spend and last day. Prints its code, which the counter takes once.
  offers --db PATH [--status open|redeemed|expired] [--json]
        Every offer with its code, status (open, redeemed, expired) and the sale that redeemed it.
  price-changes --db PATH [--as-of YYYY-MM-DD] [--json]
        Every price change with buyers, units and revenue in the 8 weeks before and after, and the
        customers who bought less after it. JSON: product, date, old_price_minor, new_price_minor,
        buyers_before/after, units_before/after, revenue_before/after_minor, customers_buying_less.

Options for every command:
  --db PATH   the shop database (default: REGULARS_DB, else regulars.db in the user data folder)
  --help      this help

Examples:
  regulars serve --open
  regulars demo --db demo.db --customers 100000 --years 3
`,
};
