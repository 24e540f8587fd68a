using System.Globalization;
using System.Text;

namespace Storefront.Catalog.Search;

/// <summary>
/// Text as both databases index and query it. SQLite's FTS5 and PostgreSQL's parser split words differently
/// ("can-bus", "2.0", "zoë"), so the index holds words we split ourselves, lower-cased and without accents, and a query
/// becomes the same plain words: no quote, operator or bracket a visitor types ever reaches a database's query syntax.
/// </summary>
public static class SearchText
{
    /// <summary>At most this many words of a query count; the rest of a long paste is ignored, not refused.</summary>
    public const int MaxTerms = 8;

    public const int MaxTermLength = 40;

    /// <summary>
    /// PostgreSQL's English stop words: it drops them from an English query, so FTS5 must not be asked for them either,
    /// or a query holding one would find nothing there and something here.
    /// </summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves", "he", "him",
        "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves",
        "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being",
        "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as",
        "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before",
        "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then",
        "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some",
        "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don",
        "should", "now",
    };

    /// <summary>The words of <paramref name="text"/> joined by single spaces.</summary>
    public static string Normalize(string text) => string.Join(' ', Words(text));

    /// <summary>The distinct words of a visitor's query worth asking for, in the order typed; empty when none is.</summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        // Bounded before any work: a megabyte pasted into the box costs no more than a sentence.
        var bounded = query.Length > 500 ? query[..500] : query;
        return [.. Words(bounded).Where(w => !StopWords.Contains(w) && w.Length <= MaxTermLength).Distinct(StringComparer.Ordinal).Take(MaxTerms)];
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark || c is '\'' or '’')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
