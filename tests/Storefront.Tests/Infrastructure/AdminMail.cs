using System.Text.RegularExpressions;

namespace Storefront.Tests.Infrastructure;

/// <summary>Reads account emails (password reset, invitation) that the app wrote to its pickup folder.</summary>
public static partial class AdminMail
{
    public static async Task<string> WaitForLinkAsync(StorefrontApp app, string recipient, TimeSpan? timeout = null)
    {
        var folder = app.Folder.File("mail");
        var limit = Patience.For(timeout ?? TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder, "*.eml"))
                {
                    var eml = await File.ReadAllTextAsync(file);
                    var text = Eml.Text(eml);
                    if (eml.Contains(recipient, StringComparison.OrdinalIgnoreCase) && ResetLink().Match(text) is { Success: true } link)
                    {
                        return link.Value;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No account email for {recipient} arrived in {folder} within {Patience.Describe(limit)}.");
    }

    public static int Count(StorefrontApp app) =>
        Directory.Exists(app.Folder.File("mail")) ? Directory.GetFiles(app.Folder.File("mail"), "*.eml").Length : 0;

    [GeneratedRegex(@"https?://[^\s""<>]+/admin/account/reset-password\?[^\s""<>]+")]
    private static partial Regex ResetLink();
}
