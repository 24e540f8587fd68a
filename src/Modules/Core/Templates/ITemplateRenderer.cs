namespace Storefront.Core.Templates;

/// <summary>
/// Renders a template an editor may have changed. A module asks for a named template with its model and keeps its own
/// built-in rendering: the answer is null when no editor saved one, and also when the saved one cannot be used (it does
/// not parse, fails or runs too long), so a storefront page or an email never breaks on an editor's mistake.
/// </summary>
public interface ITemplateRenderer
{
    /// <summary>The saved template rendered against <paramref name="model"/>, or null to use the built-in.</summary>
    Task<string?> RenderAsync(string name, object model, CancellationToken cancellationToken = default);
}

public static class TemplateRendererExtensions
{
    /// <summary>The saved template's output, or <paramref name="fallback"/> (the built-in output) when there is none to use.</summary>
    public static async Task<string> RenderAsync(this ITemplateRenderer renderer, string name, object model, string fallback,
        CancellationToken cancellationToken = default) =>
        await renderer.RenderAsync(name, model, cancellationToken) ?? fallback;
}

/// <summary>The renderer without the Templates module: always the built-in.</summary>
internal sealed class BuiltInTemplates : ITemplateRenderer
{
    public Task<string?> RenderAsync(string name, object model, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);
}
