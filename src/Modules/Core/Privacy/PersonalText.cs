using System.Text.RegularExpressions;

namespace Storefront.Core.Privacy;

/// <summary>Replacing an erased buyer's address in free text, whatever case it was written in.</summary>
internal static class PersonalText
{
    public static string Replace(string text, string find, string with) =>
        Regex.Replace(text, Regex.Escape(find), with.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// The address and, where the text names the buyer as "Name &lt;address&gt;" after a colon (as a traced copy's message
    /// does), the name before it.
    /// </summary>
    public static string ReplaceBuyer(string text, string email, ErasedBuyer with) =>
        Replace(Regex.Replace(text, @"(?<=: )[^:<>;\r\n]{1,200} <" + Regex.Escape(email) + ">",
            $"{with.Name} <{with.Email}>".Replace("$", "$$", StringComparison.Ordinal), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
            email, with.Email);
}
