using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Storefront.Tests.Infrastructure;

/// <summary>Writes a recipe file with real media beside it (a corpus PDF as master, a generated PNG cover).</summary>
public sealed class TestRecipe
{
    private readonly JsonArray steps = [];

    public static string SamplePdf => Path.Combine(RepoPaths.Shared, "fixtures", "pdfs", "objstm-xrefstm-pdflatex-4-pages.pdf");

    public TestRecipe Settings(string siteName, string? supportEmail = "help@example.com")
    {
        steps.Add(new JsonObject { ["name"] = "settings", ["siteName"] = siteName, ["supportEmail"] = supportEmail });
        return this;
    }

    public TestRecipe Products(params JsonObject[] products)
    {
        steps.Add(new JsonObject { ["name"] = "products", ["products"] = new JsonArray(products) });
        return this;
    }

    public TestRecipe Step(JsonObject step)
    {
        steps.Add(step);
        return this;
    }

    public static JsonObject Product(string slug, string title, long price = 2900, string currency = "usd", bool published = true) => new()
    {
        ["slug"] = slug,
        ["title"] = title,
        ["description"] = $"All about **{title}**.\n\n- chapter one\n- chapter two",
        ["price"] = price,
        ["currency"] = currency,
        ["master"] = "media/master.pdf",
        ["cover"] = "media/cover.png",
        ["downloadUses"] = 3,
        ["downloadExpiryHours"] = 24,
        ["published"] = published,
    };

    /// <summary>Writes recipe.json and its media into the folder; returns the recipe's path.</summary>
    public string WriteTo(string folder, string name = "recipe.json")
    {
        var media = Path.Combine(folder, "media");
        Directory.CreateDirectory(media);
        File.Copy(SamplePdf, Path.Combine(media, "master.pdf"), overwrite: true);
        File.WriteAllBytes(Path.Combine(media, "cover.png"), Png(64, 48));
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, new JsonObject { ["name"] = "test", ["steps"] = steps.DeepClone() }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>A real PNG: signature, IHDR, zlib-compressed IDAT, IEND with CRCs.</summary>
    public static byte[] Png(int width, int height)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.Write([(byte)(x * 4), (byte)(y * 5), 200]);
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    internal static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        output.Write(number);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
