using System.Text;

namespace DemoContent.Books;

/// <summary>
/// Lets the book texts be typed in plain ASCII: straight quotes become curly ones and "--"
/// becomes an em dash. Code blocks are left alone.
/// </summary>
public static class Typography
{
    public static string Smarten(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var opening = i == 0 || text[i - 1] is ' ' or '(' or '[' or '\u2014' or '\n';
            switch (c)
            {
                case '-' when i + 1 < text.Length && text[i + 1] == '-':
                    sb.Append('\u2014');
                    i++;
                    break;
                case '\'':
                    sb.Append(opening ? '\u2018' : '\u2019');
                    break;
                case '"':
                    sb.Append(opening ? '\u201C' : '\u201D');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }
}
