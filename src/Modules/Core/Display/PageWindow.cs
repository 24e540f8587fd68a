namespace Storefront.Core.Display;

/// <summary>
/// Where one page of a long list falls: the page asked for, clamped to the pages there are (always at least one), so a
/// hand-edited or stale number shows the nearest page rather than none; <see cref="Skip"/> rows come before it.
/// </summary>
public readonly record struct PageWindow(int Page, int PageCount, int Size)
{
    public int Skip => (Page - 1) * Size;

    public static PageWindow Of(int total, int requested, int size)
    {
        var pageCount = Math.Max(1, (total + size - 1) / size);
        return new(Math.Clamp(requested, 1, pageCount), pageCount, size);
    }
}
