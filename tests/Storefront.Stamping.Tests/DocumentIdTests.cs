using System.Text;
using System.Text.RegularExpressions;
using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>Each copy gets its own /ID: stable for the same purchase, the master's half shared by all copies.</summary>
public sealed partial class DocumentIdTests
{
    private static readonly PdfStamper Stamper = new();

    [Fact]
    public void CopiesOfOneMasterShareTheDocumentHalfOfTheIdAndDifferInTheCopyHalf()
    {
        var master = Corpus.Get("objstm-xrefstm-pdflatex-4-pages.pdf").Read();
        var a = Stamper.Stamp(master, new StampRequest("A", "a@example.com", "1", "ent-a")).Output.ToArray();
        var b = Stamper.Stamp(master, new StampRequest("B", "b@example.com", "2", "ent-b")).Output.ToArray();
        var other = Stamper.Stamp(Corpus.Get("pdf20-simple.pdf").Read(), new StampRequest("A", "a@example.com", "1", "ent-a")).Output.ToArray();
        var noId = PdfBuilder.TextDocument(1);
        Assert.Equal(Id(Stamper.Stamp(noId, new StampRequest("A", "a@example.com", "1", "ent-a")).Output.ToArray()).Document,
            Id(Stamper.Stamp(noId, new StampRequest("B", "b@example.com", "2", "ent-b")).Output.ToArray()).Document);

        var (aDoc, aCopy) = Id(a);
        var (bDoc, bCopy) = Id(b);
        var (otherDoc, _) = Id(other);

        Assert.Equal(aDoc, bDoc);
        Assert.NotEqual(aCopy, bCopy);
        Assert.NotEqual(aDoc, otherDoc);
        Assert.DoesNotContain("31415926535897932384626433832795", Encoding.Latin1.GetString(a), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePlaceholderIsReplacedEvenWhenItArrivesSplitAcrossReads()
    {
        var id = DocumentId.For(MasterSource.From("%PDF-1.7 master"u8.ToArray()), "line", "ent-x");
        var placeholder = Encoding.ASCII.GetString(DocumentId.StaticPlaceholder);
        var text = $"head {placeholder} middle [{placeholder}{placeholder}] tail {placeholder}";
        using var output = new MemoryStream();
        var copier = new IdPatchingCopier(id, output);

        await copier.CopyFromAsync(new TricklingStream(Encoding.ASCII.GetBytes(text)), CancellationToken.None);

        var result = Encoding.ASCII.GetString(output.ToArray());
        var copy = Encoding.ASCII.GetString(id.Replacement);
        Assert.DoesNotContain(placeholder, result, StringComparison.Ordinal);
        Assert.Matches($"^head {copy} middle \\[<[0-9a-f]{{32}}>{copy}\\] tail {copy}$", result);
        Assert.DoesNotMatch($"\\[{copy}{copy}\\]", result);
        Assert.Equal(3, copier.Patched);
        Assert.Equal(output.Length, copier.Written);
    }

    private static (string Document, string Copy) Id(byte[] pdf)
    {
        using var file = Tools.Temp(pdf);
        var trailer = Tools.Run("qpdf", "--show-object=trailer", file.Path).Stdout;
        var match = IdPattern().Match(trailer);
        Assert.True(match.Success, trailer);
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    [GeneratedRegex(@"/ID \[ <([0-9a-f]{32})> <([0-9a-f]{32})> \]")]
    private static partial Regex IdPattern();

    /// <summary>Hands out a few bytes per read, so the placeholder straddles read boundaries.</summary>
    private sealed class TricklingStream(byte[] data) : MemoryStream(data)
    {
        private int _read;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1 + (_read++ % 7))], cancellationToken);
    }
}
