using System.Collections.Concurrent;
using static Storefront.Downloads.Stamping.Native.QpdfNative;

namespace Storefront.Downloads.Stamping.Native;

/// <summary>qpdf's <c>qpdf_object_type_e</c>.</summary>
internal enum PdfType
{
    Uninitialized, Reserved, Null, Boolean, Integer, Real, String, Name, Array, Dictionary, Stream,
    Operator, InlineImage, Unresolved, Destroyed,
}

/// <summary>Typed, error-checked access to qpdf object handles (<c>qpdf_oh</c>, 0 is never a valid handle).</summary>
internal sealed unsafe partial class QpdfDocument
{
    // Dictionary keys and names are passed as NUL-terminated UTF-8; the same few keys recur on every page.
    private static readonly ConcurrentDictionary<string, byte[]> CStrings = new();

    private static byte[] C(string text) => CStrings.GetOrAdd(text, Terminated);

    public PdfType TypeOf(uint oh) => oh == 0 ? PdfType.Uninitialized : (PdfType)Checked(qpdf_oh_get_type_code(_q, oh));

    public bool IsDictionary(uint oh) => TypeOf(oh) == PdfType.Dictionary;
    public bool IsNumber(uint oh) => TypeOf(oh) is PdfType.Integer or PdfType.Real;

    public uint Get(uint dict, string key)
    {
        fixed (byte* k = C(key))
        {
            return Checked(qpdf_oh_get_key(_q, dict, k));
        }
    }

    public bool Has(uint dict, string key)
    {
        fixed (byte* k = C(key))
        {
            return Checked(qpdf_oh_has_key(_q, dict, k)) != 0;
        }
    }

    public void Set(uint dict, string key, uint value)
    {
        fixed (byte* k = C(key))
        {
            qpdf_oh_replace_key(_q, dict, k, value);
        }
        Check();
    }

    public void Remove(uint dict, string key)
    {
        fixed (byte* k = C(key))
        {
            qpdf_oh_remove_key(_q, dict, k);
        }
        Check();
    }

    public double Number(uint oh) => Checked(qpdf_oh_get_numeric_value(_q, oh));
    public long Integer(uint oh) => Checked(qpdf_oh_get_int_value(_q, oh));
    public string? Name(uint oh)
    {
        if (TypeOf(oh) != PdfType.Name)
        {
            return null;
        }
        var name = qpdf_oh_get_name(_q, oh);
        Check();
        return Utf8(name);
    }

    public byte[]? StringBytes(uint oh)
    {
        if (TypeOf(oh) != PdfType.String)
        {
            return null;
        }
        nuint length;
        var value = qpdf_oh_get_binary_string_value(_q, oh, &length);
        Check();
        return new ReadOnlySpan<byte>(value, checked((int)length)).ToArray();
    }

    public int Count(uint array) => Checked(qpdf_oh_get_array_n_items(_q, array));
    public uint Item(uint array, int index) => Checked(qpdf_oh_get_array_item(_q, array, index));

    public List<string> Keys(uint dict)
    {
        var keys = new List<string>();
        qpdf_oh_begin_dict_key_iter(_q, dict);
        Check();
        while (Checked(qpdf_oh_dict_more_keys(_q)) != 0)
        {
            var key = qpdf_oh_dict_next_key(_q);
            Check();
            keys.Add(Utf8(key)!);
        }
        return keys;
    }

    public uint NewNull() => Checked(qpdf_oh_new_null(_q));
    public uint NewDictionary() => Checked(qpdf_oh_new_dictionary(_q));
    public uint NewArray() => Checked(qpdf_oh_new_array(_q));
    public uint NewInteger(long value) => Checked(qpdf_oh_new_integer(_q, value));
    public uint NewReal(double value) => Checked(qpdf_oh_new_real_from_double(_q, value, 3));

    public uint NewName(string name)
    {
        fixed (byte* n = C(name))
        {
            return Checked(qpdf_oh_new_name(_q, n));
        }
    }

    public uint NewString(ReadOnlySpan<byte> value)
    {
        fixed (byte* v = value)
        {
            return Checked(qpdf_oh_new_binary_string(_q, v, (nuint)value.Length));
        }
    }

    public void Append(uint array, uint item)
    {
        qpdf_oh_append_item(_q, array, item);
        Check();
    }

    public uint MakeIndirect(uint oh) => Checked(qpdf_make_indirect_object(_q, oh));
    public uint StreamDictionary(uint stream) => Checked(qpdf_oh_get_dict(_q, stream));
    public int ObjectId(uint oh) => Checked(qpdf_oh_get_object_id(_q, oh));

    /// <summary>A new indirect stream; <paramref name="filter"/> names the filter <paramref name="data"/> is already encoded with.</summary>
    public uint NewStream(ReadOnlySpan<byte> data, string? filter = null)
    {
        var stream = Checked(qpdf_oh_new_stream(_q));
        var filterObject = filter is null ? NewNull() : NewName(filter);
        var parms = NewNull();
        fixed (byte* d = data)
        {
            qpdf_oh_replace_stream_data(_q, stream, d, (nuint)data.Length, filterObject, parms);
        }
        Check();
        return stream;
    }

    public void ReplaceStreamData(uint stream, ReadOnlySpan<byte> data)
    {
        var none = NewNull();
        fixed (byte* d = data)
        {
            qpdf_oh_replace_stream_data(_q, stream, d, (nuint)data.Length, none, NewNull());
        }
        Check();
    }

    /// <summary>
    /// Hands the page's content streams, decoded and concatenated, to <paramref name="read"/> straight from
    /// qpdf's buffer, without a managed copy; returns default when qpdf cannot decode them.
    /// </summary>
    public T? ReadPageContent<T>(uint page, ContentReader<T> read)
    {
        byte* buffer = null;
        nuint length = 0;
        var status = qpdf_oh_get_page_content_data(_q, page, &buffer, &length);
        return Handed(status, buffer, length, read);
    }

    /// <summary>
    /// Hands a stream's data as stored in the file (decrypted, but with its filters still applied) to
    /// <paramref name="read"/>; returns default when qpdf cannot read it.
    /// </summary>
    public T? ReadRawStreamData<T>(uint stream, ContentReader<T> read)
    {
        byte* buffer = null;
        nuint length = 0;
        int filtered = 0;
        var status = qpdf_oh_get_stream_data(_q, stream, 0, &filtered, &buffer, &length);
        return Handed(status, buffer, length, read);
    }

    private T? Handed<T>(int status, byte* buffer, nuint length, ContentReader<T> read)
    {
        try
        {
            if ((status & ErrorsBit) != 0 || qpdf_has_error(_q) != 0)
            {
                qpdf_get_error(_q);
                return default;
            }
            // Beyond a span's reach (2 GB) is beyond any page or stream the engine accepts.
            return length > int.MaxValue ? default : read(new ReadOnlySpan<byte>(buffer, (int)length));
        }
        finally
        {
            // The C API hands out malloc'd memory; NativeMemory.Free is free() on Unix.
            if (buffer != null)
            {
                System.Runtime.InteropServices.NativeMemory.Free(buffer);
            }
        }
    }

    /// <summary>A stream's data with general-purpose filters removed, or null when it cannot be decoded.</summary>
    public byte[]? StreamData(uint stream)
    {
        byte* buffer = null;
        nuint length = 0;
        int filtered = 0;
        var status = qpdf_oh_get_stream_data(_q, stream, 1, &filtered, &buffer, &length);
        var decoded = filtered != 0;
        return Handed(status, buffer, length, content => decoded ? content.ToArray() : null);
    }
}

/// <summary>Reads a span of page content that is only valid during the call.</summary>
internal delegate T ContentReader<out T>(ReadOnlySpan<byte> content);
