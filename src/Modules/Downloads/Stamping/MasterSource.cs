using System.Collections.Concurrent;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// The master as the engine reads it: bytes in memory, or an open file that qpdf reads by itself so a
/// large master is never copied into the process. Head and tail samples feed sniffing and the copy's /ID.
/// </summary>
internal abstract class MasterSource
{
    protected const int SampleLength = 1 << 20;

    public abstract long Length { get; }

    /// <summary>The first MB (or less).</summary>
    public abstract ReadOnlySpan<byte> Head { get; }

    /// <summary>The last MB (or less).</summary>
    public abstract ReadOnlySpan<byte> Tail { get; }

    public abstract QpdfDocument Open();

    /// <summary>SHA-256 of every byte: what a copy template is cached under.</summary>
    public abstract byte[] ContentHash();

    /// <summary>Whether the bytes may differ from those first read (a file truncated or rewritten in place since).</summary>
    public virtual bool ChangedSinceOpened => false;

    /// <summary>Arrays whose bytes never change, each with its SHA-256 once worked out.</summary>
    private static readonly ConditionalWeakTable<byte[], StrongBox<byte[]?>> Unchanging = new();

    public static MasterSource From(ReadOnlyMemory<byte> bytes) => new InMemory(bytes);

    /// <summary>
    /// Vouches that <paramref name="bytes"/> will never change (a master the gate holds in memory), so the SHA-256 its
    /// copy template is found by is worked out on its first copy, not on every one: an 8 MB master takes ~5 ms to hash
    /// here (SHA-256 at ~1.7 GB/s), about what writing a book's copy from its template takes. Only an array vouched for here is trusted; any other (a pooled buffer, a request's body) is hashed each time.
    /// </summary>
    public static void Unchangeable(byte[] bytes) => Unchanging.TryAdd(bytes, new StrongBox<byte[]?>());

    /// <summary>
    /// A large seekable file positioned at its start, on Linux (qpdf opens it again through /proc). Small
    /// files are better read whole: qpdf parses from memory markedly faster than through many small file
    /// reads (a 1.8 MB, 117-page book: ~160 ms against ~290 ms measured).
    /// </summary>
    public static MasterSource? TryFrom(Stream stream) =>
        stream is FileStream { CanSeek: true, Position: 0 } file && file.Length > StampJob.StreamingThreshold
        && OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd")
            ? new InFile(file)
            : null;

    private sealed class InMemory(ReadOnlyMemory<byte> bytes) : MasterSource
    {
        public override long Length => bytes.Length;
        public override ReadOnlySpan<byte> Head => bytes.Span[..(int)Math.Min(SampleLength, bytes.Length)];
        public override ReadOnlySpan<byte> Tail => bytes.Span[(int)Math.Max(0, bytes.Length - SampleLength)..];
        public override QpdfDocument Open() => QpdfDocument.Open(bytes);
        public override byte[] ContentHash() =>
            MemoryMarshal.TryGetArray(bytes, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            && Unchanging.TryGetValue(whole.Array, out var known)
                ? known.Value ??= SHA256.HashData(bytes.Span)
                : SHA256.HashData(bytes.Span);
    }

    private sealed class InFile : MasterSource
    {
        private static readonly ConcurrentDictionary<(string Path, long Length, long Written), byte[]> KnownHashes = new();

        private readonly FileStream _file;
        private readonly byte[] _head;
        private readonly byte[] _tail;
        private readonly (long Length, DateTime Written) _opened;

        public InFile(FileStream file)
        {
            _file = file;
            _opened = State();
            _head = Read(0, (int)Math.Min(SampleLength, file.Length));
            _tail = Read(Math.Max(0, file.Length - SampleLength), (int)Math.Min(SampleLength, file.Length));
        }

        public override long Length => _opened.Length;

        public override bool ChangedSinceOpened => State() != _opened;
        public override ReadOnlySpan<byte> Head => _head;
        public override ReadOnlySpan<byte> Tail => _tail;

        // The descriptor path names the very file this stream has open, even if it was renamed since.
        public override QpdfDocument Open() =>
            QpdfDocument.OpenFile($"/proc/self/fd/{_file.SafeFileHandle.DangerousGetHandle()}");

        /// <summary>
        /// Hashed once per process while the file keeps its name, length and modification time: reading and hashing
        /// 10 MB was half of a template copy's time. The shop stores masters under the hash of their bytes and never
        /// rewrites one in place, so a file that kept all three kept its bytes.
        /// </summary>
        public override byte[] ContentHash()
        {
            var key = (_file.Name, _opened.Length, _opened.Written.Ticks);
            if (KnownHashes.TryGetValue(key, out var known))
            {
                return known;
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                long offset = 0;
                int n;
                while ((n = RandomAccess.Read(_file.SafeFileHandle, buffer, offset)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    offset += n;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            var value = hash.GetHashAndReset();
            if (!ChangedSinceOpened)
            {
                if (KnownHashes.Count >= 1024)
                {
                    KnownHashes.Clear();
                }
                KnownHashes[key] = value;
            }
            return value;
        }

        // Through the open handle: the file it names now may be another one (replaced by rename), which is harmless.
        private (long, DateTime) State() => (RandomAccess.GetLength(_file.SafeFileHandle), File.GetLastWriteTimeUtc(_file.SafeFileHandle));

        private byte[] Read(long offset, int length)
        {
            var buffer = new byte[length];
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(_file.SafeFileHandle, buffer.AsSpan(read), offset + read);
                if (n == 0)
                {
                    return buffer[..read];
                }
                read += n;
            }
            return buffer;
        }
    }
}
