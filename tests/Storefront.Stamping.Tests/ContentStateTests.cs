using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>Whatever state the page's own content leaves behind, the footer is drawn visibly and the file stays valid.</summary>
public sealed class ContentStateTests
{
    public static TheoryData<string, string> HostileContents => new()
    {
        { "clip, white fill and invisible text under an unclosed save", "0 0 10 10 re W n q 1 1 1 rg 3 Tr BT /F1 12 Tf 72 700 Td (Body) Tj ET" },
        { "unclosed text object", "BT /F1 12 Tf 72 700 Td (Body) Tj 1 1 1 rg 7 Tr" },
        { "stray restores before a transform", "Q Q 0.01 0 0 0.01 0 0 cm 1 1 1 rg BT /F1 12 Tf 72 700 Td (Body) Tj ET" },
        { "unclosed marked content and saves", "/OC /Hidden BDC q 4 0 0 4 -1000 -1000 cm q 1 1 1 RG 1 1 1 rg BT /F1 12 Tf (Body) Tj ET /Span BMC" },
        { "operators hidden inside strings and inline images", "q BT /F1 12 Tf 72 700 Td (Q Q \\) Q ET) Tj ET BI /W 2 /H 1 /BPC 8 /CS /G ID \u0000Q EI Q 1 1 1 rg q" },
    };

    [Theory]
    [MemberData(nameof(HostileContents))]
    public void TheFooterStaysVisibleWhateverStateThePageContentLeavesOpen(string description, string content)
    {
        var master = PdfBuilder.Document((content, ""));

        var copy = GeometryTests.Stamped(master);

        var page = PdfChecks.Words(copy).Single();
        GeometryTests.AssertFooterUprightAtBottom(page);
        var email = page.Words.First(w => w.Text == "priya@example.com");
        var pixels = PdfChecks.RenderGray(copy, 1, 144);
        var darkest = 255;
        for (var y = (int)(email.YMin * 2); y < (int)Math.Ceiling(email.YMax * 2); y++)
        {
            for (var x = (int)(email.XMin * 2); x < (int)Math.Ceiling(email.XMax * 2); x++)
            {
                darkest = Math.Min(darkest, pixels[y, x]);
            }
        }
        Assert.True(darkest < 100, $"{description}: the footer is not visibly drawn (darkest pixel {darkest})");
    }

    [Fact]
    public void TheBalanceScanCountsWhatTheContentLeavesOpenAndIgnoresStringsAndImageData()
    {
        var balance = ContentBalance.Scan("Q q q BT (Q ET) Tj <51> Tj /Q <<>> BDC BI /W 1 ID Q Q Q EI EMC /P BMC % Q Q\n"u8);

        Assert.Equal(1, balance.Underflow);
        Assert.Equal(1, balance.Depth);
        Assert.True(balance.InText);
        Assert.Equal(1, balance.OpenMarkedContent);
        Assert.Equal(2, balance.Saves);
        Assert.Equal(3, balance.Restores);
        Assert.Null(balance.Malformed);
    }

    [Theory]
    [InlineData("BT /F1 12 Tf (Body) Tj ET 1 rg", "operator 'rg' has 1 of 3 operands")]
    [InlineData("0 0 612 re f", "operator 're' has 3 of 4 operands")]
    [InlineData("BT Tj ET", "operator 'Tj' has 0 of 1 operands")]
    [InlineData("BT /F1 12 Tf (never closed Tj ET", "it ends inside an unterminated string, array or dictionary")]
    [InlineData("BT /F1 12 Tf [(a) 5 (b) TJ ET", "it ends inside an unterminated string, array or dictionary")]
    public void ContentWithAnOperatorMissingOperandsIsReported(string content, string problem)
    {
        Assert.Equal(problem, ContentBalance.Scan(System.Text.Encoding.ASCII.GetBytes(content)).Malformed);
    }

    [Theory]
    [InlineData(1, "BMC CS cs Do G g gs i j J M MP ri sh Tc TL Tr Ts Tw Tz w Tj TJ '")]
    [InlineData(2, "BDC d d0 DP l m Td TD Tf")]
    [InlineData(3, "RG rg \"")]
    [InlineData(4, "K k re v y")]
    [InlineData(6, "c cm d1 Tm")]
    [InlineData(0, "q Q BT ET EMC BI ID EI S s f F f* B B* b b* n W W* T* h BX EX SC sc SCN scn Tx foo")]
    public void EveryOperatorRequiresTheOperandsOfAnnexA(int required, string operators)
    {
        foreach (var op in operators.Split(' '))
        {
            Assert.True(required == OperatorArity.Required(OperatorArity.Key(System.Text.Encoding.ASCII.GetBytes(op))), $"'{op}' should require {required}");
        }
    }

    [Fact]
    public void TheScannerAgreesWithAPlainLexerOnEveryByteClass()
    {
        // Every byte value, as a token of its own and glued to a number, either side of an operator:
        // the table-driven scanner must split tokens exactly where PDF 32000 7.2.2 says.
        for (var b = 0; b < 256; b++)
        {
            var isWhite = b is 0 or 9 or 10 or 12 or 13 or 32;
            var isDelimiter = "()<>[]{}/%".Contains((char)b);
            var content = new byte[] { (byte)'1', (byte)b, (byte)'2', (byte)' ', (byte)'w', (byte)'\n' };
            var balance = ContentBalance.Scan(content);
            if (isWhite)
            {
                Assert.True(balance.Malformed is null, $"byte {b}: '1 2 w' is two operands");
            }
            else if (!isDelimiter && !(b is >= '0' and <= '9' or '.' or '+' or '-'))
            {
                // "1x2" is one regular token, an unknown operator, and "w" then lacks its operand.
                Assert.True(balance.Malformed == "operator 'w' has 0 of 1 operands", $"byte {b}: {balance.Malformed}");
            }
        }
    }

    [Fact]
    public void ArraysDictionariesAndInlineImagesCountAsSingleOperands()
    {
        var balance = ContentBalance.Scan("[1 2 (x) [3]] 0 d /P <</MCID 3 /A [1 2]>> BDC [(a) 5 (b)] TJ EMC BI /W 4 /H 1 ID 1 rg EI /GS1 gs"u8);

        Assert.Null(balance.Malformed);
        Assert.Equal(0, balance.OpenMarkedContent);
    }

    [Fact]
    public void AMasterWhosePageContentReadersWouldAbandonIsRefusedAsDamaged()
    {
        var master = PdfBuilder.Document(("BT /F1 12 Tf 72 700 Td (Body) Tj ET", ""), ("BT /F1 12 Tf 72 700 Td (Body) Tj ET 0 1 rg", ""));

        var result = new PdfStamper().Stamp(master, new StampRequest("A", "a@example.com", "1", "ent-a"));

        Assert.Equal(RejectionReason.Damaged, result.Rejection);
        Assert.Contains("page 2", result.Message, StringComparison.Ordinal);
        Assert.Contains("'rg'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFooterClosesAnOpenTextObjectAndMarkedContentBeforeRestoringTheState()
    {
        var page = new PageGeometry(new PdfRect(0, 0, 612, 792), 0);
        var line = Downloads.Stamping.Fonts.ShapedLine.Shape("Licensed to A", new Downloads.Stamping.Fonts.FontLibrary([]));
        var names = line.Fonts.ToDictionary(f => f.ResourceName, f => f.ResourceName);
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        StampContent.Suffix(output, new ContentBalance(1, 1, true, 2), true, page, StampLayout.For(page, line.WidthPerPoint, 7.5), line, names, "GS", "fp");
        var suffix = System.Text.Encoding.ASCII.GetString(output.WrittenSpan);

        Assert.StartsWith("\nET\nEMC\nEMC\nQ\nQ\nQ\nq\n/Artifact", suffix, StringComparison.Ordinal);
        Assert.EndsWith("ET\nEMC\nQ\n", suffix, StringComparison.Ordinal);
    }
}
