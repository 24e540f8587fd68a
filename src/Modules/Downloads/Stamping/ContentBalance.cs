namespace Storefront.Downloads.Stamping;

/// <summary>
/// What a page's content leaves open at its end, found by a token scan: real producers leave stray
/// <c>Q</c>s, unclosed <c>q</c>s, an open text object or open marked content. The stamper pads the
/// front with enough <c>q</c>s to absorb the stray <c>Q</c>s and closes everything left open, so the
/// stamp always starts from the page's initial graphics state.
/// </summary>
internal readonly record struct ContentBalance(int Underflow, int Depth, bool InText, int OpenMarkedContent)
{
    public static readonly ContentBalance Empty = new(0, 0, false, 0);

    /// <summary><c>q</c> operators to put before the original content.</summary>
    public int Saves => Underflow + 1;

    /// <summary><c>Q</c> operators needed after the original content to return to the initial state.</summary>
    public int Restores => Underflow + 1 + Depth;

    public static ContentBalance Scan(ReadOnlySpan<byte> content)
    {
        var depth = 0;
        var minDepth = 0;
        var inText = false;
        var marked = 0;
        var scanner = new ContentScanner(content);
        while (scanner.NextOperator(out var op))
        {
            switch (op)
            {
                case "q":
                    depth++;
                    break;
                case "Q":
                    depth--;
                    minDepth = Math.Min(minDepth, depth);
                    break;
                case "BT":
                    inText = true;
                    break;
                case "ET":
                    inText = false;
                    break;
                case "BMC" or "BDC":
                    marked++;
                    break;
                case "EMC":
                    marked = Math.Max(0, marked - 1);
                    break;
            }
        }
        return new ContentBalance(-minDepth, depth, inText, marked);
    }
}
