namespace Storefront.Downloads.Stamping;

/// <summary>
/// What a page's content leaves open at its end, found by a token scan: real producers leave stray
/// <c>Q</c>s, unclosed <c>q</c>s, an open text object or open marked content. The stamper pads the
/// front with enough <c>q</c>s to absorb the stray <c>Q</c>s and closes everything left open, so the
/// stamp always starts from the page's initial graphics state. <see cref="Depth"/> is the net count of
/// <c>q</c> minus <c>Q</c>. <see cref="Malformed"/> says why a footer appended to this content would never
/// be seen: an operator given too few operands (poppler-based readers stop drawing the page there), or
/// content that ends inside a string, array or dictionary (which would swallow the footer).
/// </summary>
internal readonly record struct ContentBalance(int Underflow, int Depth, bool InText, int OpenMarkedContent, string? Malformed = null)
{
    public static readonly ContentBalance Empty = new(0, 0, false, 0);

    /// <summary><c>q</c> operators to put before the original content.</summary>
    public int Saves => Underflow + 1;

    /// <summary><c>Q</c> operators needed after the original content to return to the initial state.</summary>
    public int Restores => Underflow + 1 + Depth;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ContentBalance Scan(ReadOnlySpan<byte> content)
    {
        var depth = 0;
        var minDepth = 0;
        var inText = false;
        var marked = 0;
        string? malformed = null;
        var scanner = new ContentScanner(content);
        while (scanner.NextOperator(out var op, out var operands))
        {
            var key = OperatorArity.Key(op);
            if (malformed is null && operands < OperatorArity.Required(key))
            {
                malformed = $"operator '{System.Text.Encoding.ASCII.GetString(op)}' has {operands} of {OperatorArity.Required(key)} operands";
            }
            switch (key)
            {
                case OperatorArity.SaveKey:
                    depth++;
                    break;
                case OperatorArity.RestoreKey:
                    depth--;
                    minDepth = Math.Min(minDepth, depth);
                    break;
                case OperatorArity.BeginTextKey:
                    inText = true;
                    break;
                case OperatorArity.EndTextKey:
                    inText = false;
                    break;
                case OperatorArity.BeginMarkedKey or OperatorArity.BeginMarkedPropertiesKey:
                    marked++;
                    break;
                case OperatorArity.EndMarkedKey:
                    marked = Math.Max(0, marked - 1);
                    break;
            }
        }
        if (malformed is null && scanner.EndsUnterminated)
        {
            malformed = "it ends inside an unterminated string, array or dictionary";
        }
        return new ContentBalance(-minDepth, depth, inText, marked, malformed);
    }
}
