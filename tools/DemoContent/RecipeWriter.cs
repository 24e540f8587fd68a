using System.Text.Encodings.Web;
using System.Text.Json;
using DemoContent.Books;

namespace DemoContent;

/// <summary>Writes demo.recipe.json in the format the recipe importer's settings and products steps read.</summary>
public static class RecipeWriter
{
    public static byte[] Write(IReadOnlyList<(Book Book, int Pages)> books)
    {
        using var buffer = new MemoryStream();

        // Relaxed escaping keeps apostrophes and Markdown readable in the committed file.
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            json.WriteString("name", "demo");
            json.WriteStartArray("steps");

            json.WriteStartObject();
            json.WriteString("name", "settings");
            json.WriteString("siteName", "Field Guides");
            json.WriteString("supportEmail", "help@example.com");
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("name", "products");
            json.WriteStartArray("products");
            foreach (var (book, pages) in books)
            {
                json.WriteStartObject();
                json.WriteString("slug", book.Slug);
                json.WriteString("title", book.Title);
                // The listing quotes the page count, so it comes from the typeset book rather than by hand.
                var description = book.Description.Trim().ReplaceLineEndings("\n")
                    .Replace("{pages}", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                json.WriteString("description", description);
                json.WriteNumber("price", book.Price);
                json.WriteString("currency", book.Currency);
                json.WriteString("master", $"media/{book.Slug}.pdf");
                json.WriteString("cover", $"media/{book.Slug}.png");
                json.WriteNumber("downloadUses", book.DownloadUses);
                json.WriteNumber("downloadExpiryHours", book.DownloadExpiryHours);
                json.WriteBoolean("published", book.Published);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
