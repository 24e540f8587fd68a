using Storefront.Core.Display;

namespace Storefront.Tests.Admin;

/// <summary>The arithmetic every long list pages by: a number out of range shows the nearest page, never none.</summary>
public sealed class PageWindowTests
{
    [Theory]
    [InlineData(0, 1, 1, 1, 0)]      // an empty list still has its one page
    [InlineData(25, 1, 1, 1, 0)]     // exactly one page
    [InlineData(26, 2, 2, 2, 25)]    // one row on the second page
    [InlineData(26, 9, 2, 2, 25)]    // past the end: the last page
    [InlineData(26, 0, 1, 2, 0)]     // before the start: the first page
    [InlineData(26, -4, 1, 2, 0)]
    [InlineData(100, 3, 3, 4, 50)]
    [InlineData(101, int.MaxValue, 5, 5, 100)]
    public void APageIsClampedToThePagesThereAre(int total, int requested, int page, int pageCount, int skip)
    {
        var window = PageWindow.Of(total, requested, 25);

        Assert.Equal((page, pageCount, skip, 25), (window.Page, window.PageCount, window.Skip, window.Size));
    }
}
