using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using static Storefront.Downloads.Stamping.Native.QpdfNative;

namespace Storefront.Downloads.Stamping.Native;

/// <summary>
/// One PDF opened by qpdf, from managed memory or from a file. In-memory bytes stay pinned (qpdf reads
/// them in place, it does not copy) until the instance is disposed. Every call checks qpdf's error state and turns an
/// error into a <see cref="QpdfException"/>; nothing here lets a C++ exception reach the runtime.
/// Not thread-safe: one instance per call.
/// </summary>
internal sealed unsafe partial class QpdfDocument : IDisposable
{
    private readonly QpdfHandle _handle;
    private MemoryHandle _pin;
    private readonly IntPtr _q;

    private QpdfDocument(QpdfHandle handle, MemoryHandle pin)
    {
        _handle = handle;
        _pin = pin;
        _q = handle.DangerousGetHandle();
    }

    public int WarningCount { get; private set; }

    /// <param name="description">What qpdf calls the file in its messages, which may reach the person who gave it.</param>
    public static QpdfDocument Open(ReadOnlyMemory<byte> pdf, string description = "master.pdf")
    {
        var pin = pdf.Pin();
        var name = Terminated(description);
        return Open(pin, q =>
        {
            fixed (byte* text = name)
            fixed (byte* password = "\0"u8)
            {
                qpdf_read_memory(q, text, (byte*)pin.Pointer, (ulong)pdf.Length, password);
            }
        });
    }

    /// <summary>Lets qpdf read the file itself: nothing of it is loaded into managed memory.</summary>
    public static QpdfDocument OpenFile(string path)
    {
        var name = Terminated(path);
        return Open(default, q =>
        {
            fixed (byte* file = name)
            fixed (byte* password = "\0"u8)
            {
                qpdf_read(q, file, password);
            }
        });
    }

    private static QpdfDocument Open(MemoryHandle pin, Action<IntPtr> read)
    {
        var document = new QpdfDocument(QpdfHandle.Create(), pin);
        try
        {
            qpdf_silence_errors(document._q);
            qpdf_set_suppress_warnings(document._q, 1);
            qpdf_set_attempt_recovery(document._q, 1);
            read(document._q);
            document.Check();
            document.DrainWarnings();
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public bool IsEncrypted => Checked(qpdf_is_encrypted(_q)) != 0;
    public bool IsLinearized => Checked(qpdf_is_linearized(_q)) != 0;
    public bool AllowsModification => Checked(qpdf_allow_modify_all(_q)) != 0;

    public int PageCount
    {
        get
        {
            var count = qpdf_get_num_pages(_q);
            Check();
            return count;
        }
    }

    public uint Page(int index) => Checked(qpdf_get_page_n(_q, (nuint)index));
    public uint Trailer => Checked(qpdf_get_trailer(_q));
    public uint Root => Checked(qpdf_get_root(_q));

    public void PushInheritedAttributesToPages()
    {
        qpdf_push_inherited_attributes_to_page(_q);
        Check();
    }

    /// <summary>
    /// Writes the document into qpdf's own buffer. The returned memory belongs to this instance and is
    /// valid until it is disposed. The trailer carries qpdf's static ID placeholder (see <see cref="DocumentId"/>).
    /// </summary>
    public Memory<byte> Write()
    {
        qpdf_init_write_memory(_q);
        Check();
        ConfigureWrite();
        var length = qpdf_get_buffer_length(_q);
        var buffer = qpdf_get_buffer(_q);
        Check();
        if (buffer == null)
        {
            throw new QpdfException(QpdfErrorCode.Internal, "qpdf produced no output buffer.");
        }
        return new UnmanagedMemory(buffer, checked((int)length)).Memory;
    }

    /// <summary>Opens <paramref name="path"/> for qpdf's output and writes the document into it.</summary>
    private void WriteToPath(byte[] path)
    {
        fixed (byte* p = path)
        {
            qpdf_init_write(_q, p);
        }
        Check();
        ConfigureWrite();
    }

    private void ConfigureWrite()
    {
        // Same master + same buyer must give the same bytes: a fixed ID (replaced afterwards, see
        // DocumentId), and no AES re-encryption (qpdf draws a random IV per string and stream), so buyers'
        // copies are written unencrypted.
        qpdf_set_static_ID(_q, 1);
        qpdf_set_preserve_encryption(_q, 0);
        qpdf_set_linearization(_q, 0);
        qpdf_set_object_stream_mode(_q, 1);
        // "preserve": images and other streams are copied as they are, never decoded and recompressed.
        qpdf_set_stream_data_mode(_q, 1);
        Check();
        qpdf_write(_q);
        Check();
        DrainWarnings();
    }

    public void Dispose()
    {
        _handle.Dispose();
        _pin.Dispose();
    }

    internal void Check()
    {
        if (qpdf_has_error(_q) == 0)
        {
            return;
        }
        var error = qpdf_get_error(_q);
        var code = (QpdfErrorCode)qpdf_get_error_code(_q, error);
        var text = Utf8(qpdf_get_error_full_text(_q, error)) ?? "unknown qpdf error";
        throw new QpdfException(code, text);
    }

    internal T Checked<T>(T value)
    {
        Check();
        return value;
    }

    private void DrainWarnings()
    {
        // Warnings accumulate inside qpdf_data; counting them also tells Validate the file was repaired.
        while (qpdf_more_warnings(_q) != 0)
        {
            qpdf_next_warning(_q);
            WarningCount++;
        }
    }

    internal static string? Utf8(byte* text) =>
        text == null ? null : Marshal.PtrToStringUTF8((IntPtr)text);

    internal static byte[] Terminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
