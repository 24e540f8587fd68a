using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Fields;

/// <summary>A shop whose products and pages carry fields defined by a recipe, and the requests that fill them.</summary>
internal static partial class FieldsShop
{
    public static JsonObject Field(string key, string label, string type, string kind = "product", bool required = false, string? schema = null,
        string placement = "details", params string[] choices)
    {
        var field = new JsonObject { ["kind"] = kind, ["key"] = key, ["label"] = label, ["type"] = type, ["required"] = required, ["placement"] = placement };
        if (schema is not null)
        {
            field["schema"] = schema;
        }

        if (choices.Length > 0)
        {
            field["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)c)]);
        }

        return field;
    }

    public static JsonObject FieldsStep(params JsonObject[] fields) => new() { ["name"] = "fields", ["fields"] = new JsonArray(fields) };

    /// <summary>Book-like product fields, most mapped to schema.org, and one page field.</summary>
    public static JsonObject BookFields() => FieldsStep(
        Field("author", "Author", "text", schema: "author", placement: "summary"),
        Field("page_count", "Number of pages", "number", required: true, schema: "numberOfPages"),
        Field("isbn", "ISBN", "text", schema: "isbn", placement: "hidden"),
        Field("released", "Released", "date"),
        Field("format", "File format", "choice", schema: "encodingFormat", choices: ["PDF", "EPUB"]),
        Field("notes", "Notes", "markdown"),
        Field("website", "Companion site", "link"),
        Field("printable", "Printable", "yesno"),
        Field("reviewed", "Last reviewed", "date", kind: "page"));

    public static async Task<StorefrontApp> StartAsync(Db db = Db.Sqlite, params JsonObject[] products)
    {
        var app = await StorefrontApp.StartAsync(db);
        using var folder = new TempFolder();
        var recipe = new TestRecipe().Step(BookFields());
        if (products.Length > 0)
        {
            recipe.Products(products);
        }

        await app.ImportAsync(recipe.WriteTo(folder.Path));
        return app;
    }

    /// <summary>Posts the product form for a published product with an uploaded master and the given field values.</summary>
    public static async Task<HttpResponseMessage> SaveProductAsync(SignedInEditor editor, string title, Dictionary<string, string> fields,
        string path = "/admin/products/new", string? masterKey = null)
    {
        masterKey ??= await AdminRequests.UploadSampleMasterAsync(editor);
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Slug"] = "", ["Input.Description"] = "About the book.", ["Input.Price"] = "19.00", ["Input.Currency"] = "usd",
            ["Input.Published"] = "true", ["Input.MasterKey"] = masterKey, ["Input.MasterFileName"] = "guide.pdf",
        };
        foreach (var (key, value) in fields)
        {
            form[$"Input.Fields[{key}]"] = value;
        }

        return await editor.PostFormAsync(path, form);
    }

    public static Dictionary<string, string> AllFilled() => new()
    {
        ["author"] = "Ada Byron", ["page_count"] = "320", ["isbn"] = "978-3-16-148410-0", ["released"] = "2026-03-01", ["format"] = "pdf",
        ["notes"] = "Printed **twice** <script>alert(1)</script>", ["website"] = "https://guides.example/can", ["printable"] = "true",
    };

    /// <summary>The product page's JSON-LD.</summary>
    public static JsonElement JsonLd(string html) =>
        JsonDocument.Parse(JsonLdScript().Match(html).Groups[1].Value).RootElement.Clone();

    [GeneratedRegex("""<script type="application/ld\+json">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex JsonLdScript();
}
