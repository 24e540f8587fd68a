using System.Text.Json;

namespace Storefront.Email.Tests.Infrastructure;

public sealed record ParsedAddress(string Address, string Name);

public sealed record ParsedMail(
    string Subject,
    string MessageId,
    string? Date,
    IReadOnlyList<ParsedAddress> From,
    IReadOnlyList<ParsedAddress> To,
    IReadOnlyList<ParsedAddress> ReplyTo,
    IReadOnlyList<ParsedAddress> Cc,
    IReadOnlyList<ParsedAddress> Bcc,
    string? ContentType,
    string Text,
    string? Html);

/// <summary>Reads a raw message with mailparser, an independent MIME parser, so the tests do not check our writer with our own reader.</summary>
public static class MailParser
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ParsedMail> ParseFileAsync(string path)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "parse-eml.cjs");
        var result = await ProcessRunner.RunAsync("node", [script, RepoPaths.Peers, path], timeout: TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"mailparser failed on {path}: {result.All}");
        }

        return JsonSerializer.Deserialize<ParsedMail>(result.Output, Json)!;
    }

    public static async Task<ParsedMail> ParseAsync(string source)
    {
        using var folder = new TempFolder("storefront-eml");
        var path = folder.File("message.eml");
        await File.WriteAllTextAsync(path, source);
        return await ParseFileAsync(path);
    }
}
