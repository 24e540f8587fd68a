using System.Diagnostics.CodeAnalysis;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Produces a buyer's copy of a master: every page of a PDF carries a visible footer naming the buyer
/// and an invisible fingerprint of the purchase. Thread-safe; never throws for bad input, it rejects.
/// </summary>
public interface IPdfStamper
{
    /// <summary>Stamps <paramref name="master"/> in memory; the master's bytes are never modified.</summary>
    StampResult Stamp(ReadOnlyMemory<byte> master, StampRequest request);

    /// <summary>
    /// Reads the master, stamps it and writes the copy to <paramref name="output"/>; no temporary files.
    /// Nothing is written when the master is rejected, so the caller can still answer with an error.
    /// </summary>
    Task<StampOutcome> StampAsync(Stream master, Stream output, StampRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The upload-time check: would this master stamp, and what should the editor know? A file named
    /// <c>*.pdf</c> that is not a PDF is rejected; any other non-PDF is accepted and will be served unchanged.
    /// </summary>
    MasterValidation Validate(ReadOnlyMemory<byte> master, string? fileName = null);

    /// <summary>
    /// <see cref="Validate"/> for a master in a stream, read from its current position. A large master in
    /// a local file (an upload staged on disk) is checked in place, so its size never costs memory.
    /// </summary>
    Task<MasterValidation> ValidateAsync(Stream master, string? fileName = null, CancellationToken cancellationToken = default);

    /// <summary>Finds the purchase fingerprint in a (possibly leaked, possibly metadata-stripped) copy.</summary>
    bool TryReadFingerprint(ReadOnlyMemory<byte> pdf, [NotNullWhen(true)] out string? fingerprint);
}
