using System.Runtime.InteropServices;

namespace Storefront.Downloads.Stamping.Native;

/// <summary>
/// Owns one <c>qpdf_data</c>. Releasing it frees every object handle, parsed object and output buffer
/// qpdf allocated for the call, on success, rejection and exception paths alike.
/// </summary>
internal sealed unsafe class QpdfHandle : SafeHandle
{
    private QpdfHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public static QpdfHandle Create()
    {
        NativeHeap.Tune();
        var result = new QpdfHandle();
        result.SetHandle(QpdfNative.qpdf_init());
        if (result.IsInvalid)
        {
            throw new OutOfMemoryException("qpdf_init returned no instance.");
        }
        return result;
    }

    protected override bool ReleaseHandle()
    {
        var data = handle;
        QpdfNative.qpdf_cleanup(&data);
        return true;
    }
}

/// <summary>A failure qpdf reported through its error state; <see cref="Code"/> is qpdf's error class.</summary>
internal sealed class QpdfException(QpdfErrorCode code, string message) : Exception(message)
{
    public QpdfErrorCode Code { get; } = code;
}

/// <summary>qpdf's <c>qpdf_error_code_e</c>.</summary>
internal enum QpdfErrorCode
{
    Success = 0,
    Internal,
    System,
    Unsupported,
    Password,
    DamagedPdf,
    Pages,
    Object,
    Json,
    Linearization,
}
