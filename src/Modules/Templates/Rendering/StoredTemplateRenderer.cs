using Microsoft.Extensions.Logging;
using Storefront.Core.Templates;
using Storefront.Templates.Data;

namespace Storefront.Templates.Rendering;

/// <summary>
/// The shop's <see cref="ITemplateRenderer"/>: the version in use of a template, rendered in the sandbox. A version that
/// no longer parses (written to the database by other means) or fails while rendering gives way to the built-in with a
/// warning: a visitor sees the page and a buyer gets the email either way.
/// </summary>
public sealed class StoredTemplateRenderer(TemplateStore store, LiquidSandbox sandbox, ILogger<StoredTemplateRenderer> logger) : ITemplateRenderer
{
    public async Task<string?> RenderAsync(string name, object model, CancellationToken cancellationToken = default)
    {
        if (sandbox.Find(name) is not { } definition)
        {
            throw new ArgumentException($"No template is registered as '{name}'.", nameof(name));
        }

        if (await store.CurrentAsync(name, cancellationToken) is not { Body: { } body } current)
        {
            return null;
        }

        if (!sandbox.TryParse(body, out var template, out var problem))
        {
            logger.LogWarning("Template {Template} version {Version} does not parse, so the built-in is used: {Problem}", name, current.Version, problem);
            return null;
        }

        try
        {
            return await sandbox.RenderAsync(definition, template, model, cancellationToken);
        }
        catch (TemplateRenderException ex)
        {
            logger.LogWarning("Template {Template} version {Version} failed, so the built-in is used: {Problem}", name, current.Version, ex.Message);
            return null;
        }
    }
}
