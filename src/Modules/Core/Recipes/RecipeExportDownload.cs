using Storefront.Core.Settings;

namespace Storefront.Core.Recipes;

/// <summary>The recipe export, offered as a zip on the admin's settings page.</summary>
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
