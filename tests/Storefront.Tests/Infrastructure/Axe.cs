using Microsoft.Playwright;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// axe-core (from tests/peers) run inside a Playwright page: the page's serious and critical violations,
/// one line each with the rule, the element and the help text, so a failure says what to fix and where.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(RepoPaths.Peers, "axe-core", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path) : throw new InvalidOperationException($"{path} is missing: run `npm ci` in tests/peers.");
    });

    // Evaluated through the DevTools protocol rather than added as a <script>: the shop's CSP (script-src 'self')
    // would refuse an inline script, and the audit must see the page with its real CSP.
    private const string Run = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${v.help} [${v.helpUrl}]\n    ${(n.failureSummary ?? '').replaceAll('\n', '\n    ')}`));
        }
        """;

    /// <summary>The serious and critical violations on the page as it is now.</summary>
    public static async Task<string[]> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        return await page.EvaluateAsync<string[]>(Run);
    }

    /// <summary>Visits each path at each width and colour scheme; returns every violation, prefixed with where it was found.</summary>
    public static async Task<List<string>> AuditAsync(IPage page, IEnumerable<string> paths, IEnumerable<int>? widths = null)
    {
        var problems = new List<string>();
        var list = paths.ToList();
        foreach (var width in widths ?? [375, 1280])
        {
            await page.SetViewportSizeAsync(width, 800);
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                foreach (var path in list)
                {
                    var response = await page.GotoAsync(path);
                    if (response is null || !response.Ok)
                    {
                        problems.Add($"{path}: answered {response?.Status}");
                        continue;
                    }

                    problems.AddRange((await SeriousViolationsAsync(page)).Select(v => $"{path} at {width}px, {scheme}: {v}"));
                }
            }
        }

        return problems;
    }
}
