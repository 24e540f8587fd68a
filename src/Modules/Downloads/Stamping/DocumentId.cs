using System.Security.Cryptography;
using System.Text;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// The trailer /ID of a buyer's copy. qpdf's own deterministic ID hashes the whole output (a second
/// pass over a 50 MB file cost ~0.2 s here), so the engine asks qpdf for its fixed "static" ID and swaps
/// in this one. qpdf keeps the master's own first ID (the document's permanent identifier) and writes
/// the placeholder for the second, or for both when the master had none. The replacements come from
/// what makes the copy what it is: the master (its length, first and last MB), plus the purchase and
/// footer wording for the per-copy half. Every value is 32 hex digits, so no byte offset moves.
/// </summary>
internal sealed class DocumentId
{
    /// <summary>The ID string qpdf 11 writes in static-ID mode (the digits of pi).</summary>
    public static readonly byte[] StaticPlaceholder = "<31415926535897932384626433832795>"u8.ToArray();

    private static readonly byte[] StaticPair = [.. StaticPlaceholder, .. StaticPlaceholder];

    private readonly byte[] _pair;

    private DocumentId(byte[] documentHalf, byte[] copyHalf)
    {
        Replacement = copyHalf;
        _pair = [.. documentHalf, .. copyHalf];
    }

    /// <summary>The per-copy ID that replaces a lone placeholder.</summary>
    public byte[] Replacement { get; }

    /// <summary>Bytes a streaming caller must hold back so that a pair is never seen half.</summary>
    public static int Window => StaticPair.Length;

    public static DocumentId For(MasterSource master, string stampLine, string fingerprint)
    {
        var document = MasterHash(master.Length, master.Head, master.Tail);
        return new DocumentId(
            Encoding.ASCII.GetBytes($"<{Convert.ToHexStringLower(document, 0, 16)}>"),
            Encoding.ASCII.GetBytes($"<{CopyHex(document, stampLine, fingerprint)}>"));
    }

    /// <summary>What identifies the master: its length and its first and last MB (or less).</summary>
    public static byte[] MasterHash(long length, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        using var sample = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sample.AppendData(BitConverter.GetBytes(length));
        sample.AppendData(head);
        sample.AppendData(tail);
        return sample.GetHashAndReset();
    }

    /// <summary>The per-copy ID's 32 hex digits, so a leaked copy's /ID can be recomputed for each purchase of a master.</summary>
    public static string CopyHex(byte[] masterHash, string stampLine, string fingerprint) =>
        Convert.ToHexStringLower(SHA256.HashData([.. masterHash, .. Encoding.UTF8.GetBytes(fingerprint + "\n" + stampLine)]), 0, 16);

    /// <summary>
    /// Replaces placeholders in <paramref name="output"/>. Unless <paramref name="final"/>, a lone
    /// placeholder within <see cref="Window"/> of the end is left for the next call: it may be the first
    /// half of a pair whose second half has not arrived yet.
    /// </summary>
    public int Patch(Span<byte> output, bool final)
    {
        // One pass over the copy (a 50 MB copy is scanned as it streams, so a second pass costs ~3 ms):
        // each placeholder found is either the first of a pair or a lone one.
        var single = StaticPlaceholder.Length;
        var loneLimit = final ? output.Length : output.Length - Window + single;
        var count = 0;
        var from = 0;
        while (true)
        {
            var found = output[from..].IndexOf(StaticPlaceholder);
            if (found < 0)
            {
                return count;
            }
            var at = from + found;
            if (at + Window <= output.Length && output.Slice(at + single, single).SequenceEqual(StaticPlaceholder))
            {
                _pair.CopyTo(output[at..]);
                from = at + Window;
            }
            else if (at + single <= loneLimit)
            {
                Replacement.CopyTo(output[at..]);
                from = at + single;
            }
            else
            {
                // Possibly the first half of a pair whose second half is still to come.
                return count;
            }
            count++;
        }
    }
}
