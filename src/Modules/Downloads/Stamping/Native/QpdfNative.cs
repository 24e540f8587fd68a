using System.Runtime.InteropServices;

namespace Storefront.Downloads.Stamping.Native;

/// <summary>
/// The subset of libqpdf's C API (qpdf/qpdf-c.h, qpdf 11) the stamper needs. Strings cross as raw
/// NUL-terminated bytes and every <c>char const*</c> comes back as a pointer: the C API owns that
/// memory, and marshalling it as <c>string</c> would make the runtime free it.
/// </summary>
internal static unsafe partial class QpdfNative
{
    private const string Lib = "libqpdf.so.29";

    internal const int ErrorsBit = 2;

    /// <summary>Linux F_SETPIPE_SZ.</summary>
    internal const int SetPipeSize = 1031;

    [LibraryImport("libc", SetLastError = true)] internal static partial int fcntl(int fd, int command, int argument);

    [LibraryImport(Lib)] internal static partial IntPtr qpdf_init();
    [LibraryImport(Lib)] internal static partial IntPtr qpdf_get_qpdf_version();
    [LibraryImport(Lib)] internal static partial void qpdf_cleanup(IntPtr* qpdf);
    [LibraryImport(Lib)] internal static partial void qpdf_silence_errors(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial int qpdf_has_error(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial IntPtr qpdf_get_error(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial int qpdf_more_warnings(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial IntPtr qpdf_next_warning(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial byte* qpdf_get_error_full_text(IntPtr qpdf, IntPtr error);
    [LibraryImport(Lib)] internal static partial int qpdf_get_error_code(IntPtr qpdf, IntPtr error);
    [LibraryImport(Lib)] internal static partial void qpdf_set_suppress_warnings(IntPtr qpdf, int value);
    [LibraryImport(Lib)] internal static partial void qpdf_set_attempt_recovery(IntPtr qpdf, int value);

    [LibraryImport(Lib)] internal static partial int qpdf_read(IntPtr qpdf, byte* filename, byte* password);
    [LibraryImport(Lib)] internal static partial int qpdf_read_memory(IntPtr qpdf, byte* description, byte* buffer, ulong size, byte* password);
    [LibraryImport(Lib)] internal static partial int qpdf_is_encrypted(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial int qpdf_is_linearized(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial int qpdf_allow_modify_all(IntPtr qpdf);

    [LibraryImport(Lib)] internal static partial int qpdf_init_write_memory(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial int qpdf_init_write(IntPtr qpdf, byte* filename);
    [LibraryImport(Lib)] internal static partial void qpdf_set_static_ID(IntPtr qpdf, int value);
    [LibraryImport(Lib)] internal static partial int qpdf_write(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial nuint qpdf_get_buffer_length(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial byte* qpdf_get_buffer(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial void qpdf_set_object_stream_mode(IntPtr qpdf, int mode);
    [LibraryImport(Lib)] internal static partial void qpdf_set_stream_data_mode(IntPtr qpdf, int mode);
    [LibraryImport(Lib)] internal static partial void qpdf_set_deterministic_ID(IntPtr qpdf, int value);
    [LibraryImport(Lib)] internal static partial void qpdf_set_preserve_encryption(IntPtr qpdf, int value);
    [LibraryImport(Lib)] internal static partial void qpdf_set_linearization(IntPtr qpdf, int value);

    [LibraryImport(Lib)] internal static partial uint qpdf_get_trailer(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial uint qpdf_get_root(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial uint qpdf_make_indirect_object(IntPtr qpdf, uint oh);
    [LibraryImport(Lib)] internal static partial int qpdf_get_num_pages(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial uint qpdf_get_page_n(IntPtr qpdf, nuint index);
    [LibraryImport(Lib)] internal static partial int qpdf_push_inherited_attributes_to_page(IntPtr qpdf);

    [LibraryImport(Lib)] internal static partial int qpdf_oh_is_initialized(IntPtr qpdf, uint oh);
    [LibraryImport(Lib)] internal static partial int qpdf_oh_get_type_code(IntPtr qpdf, uint oh);
    [LibraryImport(Lib)] internal static partial double qpdf_oh_get_numeric_value(IntPtr qpdf, uint oh);
    [LibraryImport(Lib)] internal static partial long qpdf_oh_get_int_value(IntPtr qpdf, uint oh);
    [LibraryImport(Lib)] internal static partial byte* qpdf_oh_get_name(IntPtr qpdf, uint oh);
    [LibraryImport(Lib)] internal static partial byte* qpdf_oh_get_binary_string_value(IntPtr qpdf, uint oh, nuint* length);
    [LibraryImport(Lib)] internal static partial int qpdf_oh_get_array_n_items(IntPtr qpdf, uint oh);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_get_array_item(IntPtr qpdf, uint oh, int n);
    [LibraryImport(Lib)] internal static partial void qpdf_oh_begin_dict_key_iter(IntPtr qpdf, uint dict);
    [LibraryImport(Lib)] internal static partial int qpdf_oh_dict_more_keys(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial byte* qpdf_oh_dict_next_key(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial int qpdf_oh_has_key(IntPtr qpdf, uint oh, byte* key);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_get_key(IntPtr qpdf, uint oh, byte* key);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_new_null(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_new_integer(IntPtr qpdf, long value);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_new_real_from_double(IntPtr qpdf, double value, int decimalPlaces);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_new_name(IntPtr qpdf, byte* name);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_new_binary_string(IntPtr qpdf, byte* str, nuint length);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_new_array(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_new_dictionary(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_new_stream(IntPtr qpdf);
    [LibraryImport(Lib)] internal static partial void qpdf_oh_append_item(IntPtr qpdf, uint oh, uint item);
    [LibraryImport(Lib)] internal static partial void qpdf_oh_replace_key(IntPtr qpdf, uint oh, byte* key, uint item);
    [LibraryImport(Lib)] internal static partial void qpdf_oh_remove_key(IntPtr qpdf, uint oh, byte* key);
    [LibraryImport(Lib)] internal static partial uint qpdf_oh_get_dict(IntPtr qpdf, uint oh);
    [LibraryImport(Lib)] internal static partial int qpdf_oh_get_object_id(IntPtr qpdf, uint oh);
    [LibraryImport(Lib)] internal static partial int qpdf_oh_get_stream_data(IntPtr qpdf, uint oh, int decodeLevel, int* filtered, byte** bufp, nuint* len);
    [LibraryImport(Lib)] internal static partial int qpdf_oh_get_page_content_data(IntPtr qpdf, uint page, byte** bufp, nuint* len);
    [LibraryImport(Lib)] internal static partial void qpdf_oh_replace_stream_data(IntPtr qpdf, uint oh, byte* buf, nuint len, uint filter, uint decodeParms);
}
