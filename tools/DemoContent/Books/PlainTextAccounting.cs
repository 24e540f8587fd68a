using DemoContent.Pdf;
using DemoContent.Png;

namespace DemoContent.Books;

public static class PlainTextAccounting
{
    public static Book Create() => new(
        Slug: "plain-text-accounting-handbook",
        Title: "Plain-Text Accounting Handbook",
        Subtitle: "Keep your household or freelance books in a text file you own, with double-entry rigour and reports in seconds",
        Author: "Written and illustrated by the Field Guides team",
        Keywords: "plain-text accounting, hledger, ledger, beancount, double-entry, bookkeeping",
        Size: PageSize.A4,
        Colors: new Palette(Rgb.Hex("#3C8D5A"), Rgb.Hex("#1F3A2E"), Rgb.Hex("#E8C872")),
        Cover: Motif.Ledger,
        Price: 2400,
        Currency: "eur",
        DownloadUses: 3,
        DownloadExpiryHours: 72,
        Published: true,
        Description: """
            Plain-text accounting means keeping your books in an ordinary text file and letting small, free tools such as hledger, Ledger or Beancount do the arithmetic. Your data stays readable in any editor, lives happily in version control and never gets locked into a subscription.

            This handbook takes you from an empty file to a year of reconciled accounts. It explains double-entry bookkeeping without jargon, shows a complete starter journal, turns bank CSV exports into transactions and ends with a monthly routine that takes less than an hour.

            **What's inside**

            - Why plain text, and what it is not good at
            - Double-entry bookkeeping in ten minutes
            - Your first journal: accounts, transactions and balances
            - Importing bank statements with CSV rules
            - Reports that answer real questions
            - Currencies, investments and shared costs
            - Habits for the long run: reconciling, version control and a monthly routine

            A4 PDF, {pages} pages. Examples use hledger syntax, which Ledger also reads.
            """,
        Chapters:
        [
            new Chapter("Why Plain Text?",
                new Paragraph("Most people who try to keep proper accounts give up within a few months. Spreadsheets grow fragile formulas, and commercial apps change their pricing, lose their bank connections or disappear along with years of data. Plain-text accounting takes a different route: every transaction is a few lines in a text file, written in a simple format that a person can read and a program can check."),
                new Paragraph("The tools that read the file -- hledger, Ledger and Beancount are the best known -- are free, fast and stable. They never modify your data. They read the journal, check that every transaction balances and produce reports: balances, income statements, budgets and charts. If a tool disappeared tomorrow, your journal would still be a perfectly readable record, and any of the others could read it with at most small changes."),
                new Heading("What it is good at"),
                new Bullets(
                    "Household finances across several banks, cards and currencies.",
                    "Freelance and small-business books that an accountant will review.",
                    "Shared expenses, loans between friends and project budgets.",
                    "Long-term records: a twenty-year journal is still a small text file."),
                new Paragraph("It is less suited to payroll, inventory with thousands of items, or an organisation where many people who never see a terminal must enter data. For everything else, the combination of a text editor, a few commands and a monthly habit is hard to beat."),
                new Tip("About the examples", "Examples use hledger's journal format. Ledger reads the same syntax, and Beancount expresses the same ideas in a stricter variant, so the concepts carry over unchanged.")),

            new Chapter("Double-Entry in Ten Minutes",
                new Paragraph("Double-entry bookkeeping rests on one idea: money never appears or disappears, it only moves between accounts. Every transaction therefore has at least two postings, one for each account involved, and the amounts add up to zero. When your salary arrives, your bank account goes up and your income account records where the money came from. When you buy groceries, the bank goes down and an expense account goes up by the same amount."),
                new Figure(150, "Money moves between accounts; every transaction sums to zero", DrawFlow),
                new Paragraph("Accounts fall into five groups. Assets are what you own, such as bank balances and cash. Liabilities are what you owe, such as a credit card or a loan. Equity is the opening position that the books start from. Income and expenses record where money came from and where it went during a period. At any moment, assets equal liabilities plus equity plus the difference between income and expenses."),
                new Paragraph("The signs look strange at first. In plain-text tools income is usually negative and expenses positive, because income is money flowing out of the outside world towards you. You rarely need to think about it: reports flip the signs for display, and the rule that every transaction sums to zero is all the tool enforces."),
                new Code(
                    "2025-03-01 Salary, March",
                    "    assets:bank:checking        2,450.00 EUR",
                    "    income:salary",
                    "",
                    "2025-03-02 Market hall",
                    "    expenses:food:groceries        38.60 EUR",
                    "    assets:bank:checking"),
                new Paragraph("A posting without an amount takes whatever is needed to balance the transaction, which saves typing and avoids arithmetic mistakes. Indentation matters: postings start with at least one space, and the amount is separated from the account name by two or more spaces.")),

            new Chapter("Your First Journal",
                new Paragraph("Start with a single file called main.journal and a short list of accounts. Declaring accounts up front is optional, but it lets the tool warn you about typos: a transaction posted to expenses:grocreies is far easier to spot when the tool refuses to accept an undeclared name. Keep the list small and add accounts only when a report would be more useful with them."),
                new Code(
                    "account assets:bank:checking",
                    "account assets:cash",
                    "account liabilities:credit-card",
                    "account equity:opening-balances",
                    "account income:salary",
                    "account expenses:food:groceries",
                    "account expenses:housing:rent",
                    "",
                    "2025-01-01 Opening balances",
                    "    assets:bank:checking        1,812.40 EUR",
                    "    liabilities:credit-card      -214.90 EUR",
                    "    equity:opening-balances"),
                new Paragraph("The opening balances transaction records what each account held on the day you start. Take the figures from your statements, not from memory; the first reconciliation in chapter 6 will check them. There is no need to enter years of history. Starting on the first of the current month and keeping up from there is far more valuable than an incomplete archive."),
                new Heading("Checking your work"),
                new Paragraph("Run hledger check to validate the file and hledger balance to list every account with its balance. If the bank balance in the report matches the one in your banking app, the journal is correct so far. Commit the file to a git repository now; from here on, every change to your books has a date and a description."),
                new Code(
                    "$ hledger -f main.journal check",
                    "$ hledger -f main.journal balance assets liabilities",
                    "        1,812.40 EUR  assets:bank:checking",
                    "         -214.90 EUR  liabilities:credit-card")),

            new Chapter("Importing Bank Statements",
                new Paragraph("Typing every transaction by hand works for cash, but bank and card statements are better imported. Almost every bank can export a CSV file, and hledger can convert it with a small rules file that says which column holds the date, the description and the amount, and which account each kind of transaction belongs to."),
                new Code(
                    "# checking.csv.rules",
                    "skip 1",
                    "fields date, description, amount, balance",
                    "date-format %d.%m.%Y",
                    "decimal-mark ,",
                    "currency EUR",
                    "account1 assets:bank:checking",
                    "",
                    "if MARKET HALL|GREENGROCER",
                    "    account2 expenses:food:groceries",
                    "if RENT",
                    "    account2 expenses:housing:rent"),
                new Paragraph("Transactions that no rule matches are posted to expenses:unknown or income:unknown, which makes them easy to find. After each import, look at the unknown postings and either add a rule or edit the transaction by hand. After a couple of months your rules will classify nearly everything, and importing a statement takes a minute."),
                new Paragraph("Use hledger import rather than converting the whole file each time. It remembers the date of the newest transaction it has seen for each CSV file and adds only newer ones, so overlapping downloads never create duplicates. Review the additions with git diff before you commit them."),
                new Tip("Keep the originals", "Store each downloaded statement next to the journal, in a folder per year. If an imported amount ever looks wrong, the original file settles the question in seconds.")),

            new Chapter("Reports That Answer Questions",
                new Paragraph("A journal is only worth keeping if it answers questions, and the reports are where the effort pays off. The balance sheet shows what you own and owe on a given date. The income statement shows what came in and went out over a period. Both accept a query, so you can restrict them to a month, an account or a payee."),
                new Code(
                    "$ hledger balancesheet --end 2025-04-01",
                    "$ hledger incomestatement --monthly -b 2025-01 -e 2025-04",
                    "$ hledger balance expenses --depth 2 --average --monthly",
                    "$ hledger register expenses:food --period 'last month'"),
                new Figure(140, "Monthly expenses by category, first quarter", DrawChart),
                new Paragraph("Averages are more useful than single months, because annual bills and holidays make any one month misleading. The depth option folds detailed accounts into their parents, so expenses:food:groceries and expenses:food:restaurants appear together as expenses:food. Start broad, then drill into whichever category surprises you."),
                new Paragraph("For a budget, add periodic transactions that describe what you expect to spend each month, and run the balance report with the budget option. The report then shows actual spending next to the plan and the percentage used, which is all most households need.")),

            new Chapter("Currencies, Investments and Shared Costs",
                new Paragraph("Real finances rarely stay in one currency. A holiday abroad, a foreign client or a savings plan in an index fund all bring amounts that are not euros. Plain-text tools handle this naturally: an amount is a number with a commodity symbol, and a commodity can be a currency, a fund share or even hours of work. Each account simply holds a mix of commodities."),
                new Paragraph("When money changes currency, record both sides and the rate. The at sign gives a price per unit, and two at signs give the total cost. The tool then knows what the foreign amount cost you, and it can convert reports into a single currency using either the cost or a market price that you record separately."),
                new Code(
                    "2025-04-12 Card payment, Zurich",
                    "    expenses:travel:food       42.50 CHF @ 1.06 EUR",
                    "    liabilities:credit-card",
                    "",
                    "P 2025-04-30 WORLD  104.12 EUR",
                    "",
                    "2025-04-15 Monthly savings plan",
                    "    assets:broker:world        1.9 WORLD @@ 200.00 EUR",
                    "    assets:bank:checking"),
                new Paragraph("Price directives, the lines starting with P, record what one unit of a commodity was worth on a date. With a few of them in the journal, the balance report with the value option shows what your investments are worth today rather than what you paid for them, and the difference is your unrealised gain. Many people fetch prices automatically with a small script once a month."),
                new Heading("Sharing costs with others"),
                new Paragraph("Shared flats, trips with friends and a partner's half of the electricity bill are all loans in disguise. Create an asset account for each person who owes you money, such as assets:receivable:sam, and post their share there instead of to an expense. When they pay you back, the transfer moves the amount from the receivable to your bank, and the account returns to zero. At any time, its balance tells you exactly who owes what."),
                new Tip("One journal, many views", "Tags such as trip:lisbon on a transaction let you ask for the cost of a whole holiday across food, travel and lodging with a single query, without inventing a special account for it.")),

            new Chapter("Habits for the Long Run",
                new Paragraph("Plain-text accounting rewards a regular rhythm more than cleverness. A small monthly routine keeps the journal accurate, and an accurate journal is what makes the reports trustworthy. Put a recurring event in your calendar for the first weekend of each month and work through the list below."),
                new Bullets(
                    "Download last month's statements for every bank and card account.",
                    "Import them and classify the unknown postings.",
                    "Add cash spending and anything the bank does not show, such as money owed to friends.",
                    "Reconcile: compare each account's balance on the statement date with the bank.",
                    "Run hledger check and look at the income statement for surprises.",
                    "Commit with a message such as \"Books for March 2025\"."),
                new Paragraph("Reconciling is the step people skip and later regret. Add balance assertions to the journal -- a posting followed by an equals sign and the balance your statement shows -- and the tool will verify them every time it runs. If an assertion fails, the mistake lies somewhere between that statement and the previous one, which narrows the search enormously."),
                new Paragraph("Finally, split the journal by year once it grows, and keep a small main file that includes the others. Closing a year is simply a transaction that moves the balances forward. Years from now, when you need to know what the roof repair cost or when a subscription started, the answer will be one search away.")),
        ]);

    private static void DrawFlow(Sketch s)
    {
        var c = s.Colors;
        var light = c.Accent.Tint(0.8);
        s.Box(10, 90, 100, 44, "income:salary\n-2,450.00", c.Glow.Tint(0.55), Sketch.Ink);
        s.Box(150, 90, 100, 44, "assets:bank\n+2,450.00 / -38.60", light, Sketch.Ink);
        s.Box(290, 90, 100, 44, "expenses:food\n+38.60", c.Glow.Tint(0.55), Sketch.Ink);
        s.Arrow(110, 112, 150, 112, c.Deep, 1.4);
        s.Arrow(250, 112, 290, 112, c.Deep, 1.4);
        s.Label(130, 120, "salary", 6.5, Sketch.Grey, centred: true);
        s.Label(270, 120, "groceries", 6.5, Sketch.Grey, centred: true);

        s.Canvas.FillRect(40, 14, 320, 40, c.Deep.Tint(0.9));
        s.Label(200, 38, "Assets = Liabilities + Equity + (Income - Expenses)", 9, c.Deep, bold: true, centred: true);
        s.Label(200, 22, "sign convention in the journal: income negative, expenses positive", 6.5, Sketch.Grey, centred: true);
    }

    private static void DrawChart(Sketch s)
    {
        var c = s.Colors;
        string[] months = ["January", "February", "March"];
        var categories = new (string Name, Rgb Color, double[] Values)[]
        {
            ("Housing", c.Deep, [820, 820, 820]),
            ("Food", c.Accent, [410, 365, 438]),
            ("Transport", c.Glow, [120, 96, 185]),
            ("Other", c.Accent.Tint(0.6), [210, 340, 160]),
        };
        const double scale = 0.14;
        for (var m = 0; m < months.Length; m++)
        {
            var y = 104 - m * 34.0;
            s.Label(0, y + 7, months[m], 8);
            var x = 60.0;
            foreach (var (_, color, values) in categories)
            {
                var w = values[m] * scale;
                s.Canvas.FillRect(x, y, w, 20, color);
                x += w;
            }

            var total = categories.Sum(k => k.Values[m]);
            s.Label(x + 6, y + 7, total.ToString("#,##0 'EUR'", System.Globalization.CultureInfo.InvariantCulture), 7, Sketch.Grey);
        }

        var lx = 60.0;
        foreach (var (name, color, _) in categories)
        {
            s.Canvas.FillRect(lx, 8, 8, 8, color);
            s.Label(lx + 12, 9, name, 7);
            lx += 70;
        }
    }
}
