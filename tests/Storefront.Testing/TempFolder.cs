namespace Storefront.Testing;

public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "storefront-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Delete(Path);

    /// <summary>Removes a folder a server used, without failing the run over it.</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A server still closing a file, or a folder already gone: the OS cleans temp space eventually.
            System.Diagnostics.Debug.WriteLine(ex.Message);
        }
    }
}
