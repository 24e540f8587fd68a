namespace DemoContent.Pdf;

/// <summary>One wrapped line: its text, natural width and whether it ends its paragraph.</summary>
public sealed record TextLine(string Text, double Width, int Spaces, bool Last)
{
    /// <summary>The Tw value that stretches this line to <paramref name="measure"/>; last lines stay ragged.</summary>
    public double JustifySpacing(double measure) =>
        Last || Spaces == 0 ? 0 : Math.Min((measure - Width) / Spaces, 4.0);
}

/// <summary>Greedy word wrapping against the real font widths.</summary>
public static class TextLayout
{
    public static List<TextLine> Wrap(string text, PdfFont font, double size, double measure)
    {
        var lines = new List<TextLine>();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var space = FontMetrics.Width(' ', font) * size / 1000.0;
        var current = new List<string>();
        var width = 0.0;
        foreach (var word in words)
        {
            var w = FontMetrics.Measure(word, font, size);
            if (current.Count > 0 && width + space + w > measure)
            {
                lines.Add(new TextLine(string.Join(' ', current), width, current.Count - 1, false));
                current.Clear();
                width = 0;
            }

            width += (current.Count > 0 ? space : 0) + w;
            current.Add(word);
        }

        if (current.Count > 0)
        {
            lines.Add(new TextLine(string.Join(' ', current), width, current.Count - 1, true));
        }

        return lines;
    }
}
