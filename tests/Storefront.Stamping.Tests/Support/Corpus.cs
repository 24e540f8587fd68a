namespace Storefront.Stamping.Tests.Support;

/// <summary>One row of ../shared/fixtures/pdfs/MANIFEST.tsv.</summary>
public sealed record CorpusFile(string Name, string Expected, string Pages)
{
    public string Path => System.IO.Path.Combine(Corpus.Directory, Name);
    public byte[] Read() => File.ReadAllBytes(Path);
    public override string ToString() => Name;
}

/// <summary>The shared real-world corpus, found beside the repository whatever the test's working directory.</summary>
public static class Corpus
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "fixtures", "pdfs"));

    public static IReadOnlyList<CorpusFile> Files { get; } = Load();

    public static CorpusFile Get(string name) => Files.Single(f => f.Name == name);

    public static TheoryData<string> Named(string expected)
    {
        var data = new TheoryData<string>();
        foreach (var file in Files.Where(f => f.Expected == expected))
        {
            data.Add(file.Name);
        }
        return data;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Storefront.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Storefront.slnx not found above " + AppContext.BaseDirectory);
    }

    private static List<CorpusFile> Load()
    {
        var lines = File.ReadAllLines(System.IO.Path.Combine(Directory, "MANIFEST.tsv"));
        var header = lines[0].Split('\t').ToList();
        int Col(string name) => header.IndexOf(name);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(c => new CorpusFile(c[Col("file")], c[Col("expected")], c[Col("pages")]))
            .ToList();
    }
}
