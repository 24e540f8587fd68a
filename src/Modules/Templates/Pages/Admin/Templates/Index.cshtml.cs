using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Templates;
using Storefront.Templates.Data;
using Storefront.Templates.Rendering;

namespace Storefront.Templates.Pages.Admin.Templates;

/// <summary><c>/admin/templates</c>: every template the shop's modules let editors change, and which version each uses.</summary>
[Authorize(Policy = nameof(TemplatesPermissions.ManageTemplates))]
public sealed class IndexModel(LiquidSandbox sandbox, TemplateStore store) : PageModel
{
    public IReadOnlyList<(TemplateDefinition Definition, TemplateVersion? Current)> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var current = await store.CurrentAllAsync(cancellationToken);
        Rows = [.. sandbox.All.Select(d => (d, current.GetValueOrDefault(d.Name)))];
    }
}
