using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>Whatever state the page's own content leaves behind, the footer is drawn visibly and the file stays valid.</summary>
public sealed class ContentStateTests
{
    public static TheoryData<string, string> HostileContents => new()
    {
        { "unclosed clip, white fill, invisible text", "q 0 0 10 10 re W n 1 1 1 rg 3 Tr BT /F1 12 Tf 72 700 Td (Body) Tj ET" },
        { "unclosed text object", "BT /F1 12 Tf 72 700 Td (Body) Tj 1 1 1 rg 7 Tr" },
        { "stray restores before a transform", "Q Q 0.01 0 0 0.01 0 0 cm 1 1 1 rg BT /F1 12 Tf 72 700 Td (Body) Tj ET" },
        { "unclosed marked content and saves", "/OC /Hidden BDC q q 4 0 0 4 -1000 -1000 cm 1 1 1 RG 1 1 1 rg BT /F1 12 Tf (Body) Tj ET /Span BMC" },
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
        var balance = ContentBalance.Scan("Q q q BT (Q ET) Tj <51> Tj /Q BDC BI /W 1 ID Q Q Q EI EMC /P BMC % Q Q\n"u8);

        Assert.Equal(1, balance.Underflow);
        Assert.Equal(1, balance.Depth);
        Assert.True(balance.InText);
        Assert.Equal(1, balance.OpenMarkedContent);
        Assert.Equal(2, balance.Saves);
        Assert.Equal(3, balance.Restores);
    }
}
