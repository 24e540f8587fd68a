using DemoContent;
using DemoContent.Books;
using DemoContent.Pdf;
using DemoContent.Png;

// Usage: dotnet run --project tools/DemoContent -- <repo-root>/recipes
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: DemoContent <recipes-directory>");
    return 2;
}

var recipes = Path.GetFullPath(args[0]);
var media = Path.Combine(recipes, "media");
Directory.CreateDirectory(media);

// A fixed date: the files are committed, so regenerating must not produce a diff by itself.
var published = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

var written = new List<(Book, int)>();
foreach (var book in Catalogue.Books)
{
    var pages = BookTypesetter.Typeset(book);
    var info = new PdfInfo(book.Title, book.Author, book.Subtitle, book.Keywords, published);
    var pdf = PdfWriter.Write(pages, info);
    await File.WriteAllBytesAsync(Path.Combine(media, book.Slug + ".pdf"), pdf);

    var png = PngWriter.Encode(Covers.Draw(book.Colors, book.Cover));
    await File.WriteAllBytesAsync(Path.Combine(media, book.Slug + ".png"), png);
    written.Add((book, pages.Count));
    Console.WriteLine($"{book.Slug}: {pages.Count} pages ({book.Size.Name}), PDF {pdf.Length / 1024} KB, cover {png.Length / 1024} KB");
}

await File.WriteAllBytesAsync(Path.Combine(recipes, "demo.recipe.json"), RecipeWriter.Write(written));
Console.WriteLine($"wrote {Path.Combine(recipes, "demo.recipe.json")}");
return 0;
