using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Storefront.Downloads.Gate;

/// <summary>A buyer's copy, sent as an attachment that no cache may keep and no browser may sniff.</summary>
internal sealed class DeliveredFile(ReadOnlyMemory<byte> content, string contentType, string fileName) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        Attachment.Apply(response, contentType, fileName, content.Length);
        await response.Body.WriteAsync(content, context.HttpContext.RequestAborted);
    }
}
