using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Downloads.Tracing;

namespace Storefront.Downloads.Pages.Admin.Trace;

/// <summary><c>/admin/trace</c>: upload a PDF found in the wild and see whose copy it was, and every delivery of it.</summary>
[Authorize(Policy = nameof(TracingPermissions.TraceLeaks))]
// The request may carry the largest file the tracer accepts (Downloads__TraceMaxMegabytes is capped at 100) plus the form around it.
[RequestSizeLimit(UploadLimit + (1 << 20))]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit + (1 << 20))]
public sealed class IndexModel(LeakTracer tracer) : PageModel
{
    private const long UploadLimit = 100L << 20;

    [BindProperty]
    public IFormFile? Suspect { get; set; }

    public TraceResult? Result { get; private set; }

    public long MaxBytes => tracer.MaxBytes;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Suspect is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Suspect), "Choose the PDF to trace.");
            return Page();
        }
        await using var content = Suspect.OpenReadStream();
        Result = await tracer.TraceAsync(content, Path.GetFileName(Suspect.FileName), "in the admin", cancellationToken);
        return Page();
    }
}
