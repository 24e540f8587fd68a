using Storefront.Core.Settings;
using Storefront.Operations.Export;

namespace Storefront.Operations.Settings;

/// <summary>The recipe export, offered on the admin's settings page.</summary>
internal sealed class RecipeExportDownload(RecipeExporter exporter) : ISiteExport
{
    public async Task<(byte[]? Zip, string? Problem)> ExportZipAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await exporter.ExportZipAsync(cancellationToken), null);
        }
        catch (ExportException e)
        {
            return (null, e.Message);
        }
    }
}
