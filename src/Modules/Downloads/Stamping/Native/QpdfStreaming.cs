using System.IO.Pipes;

namespace Storefront.Downloads.Stamping.Native;

internal sealed partial class QpdfDocument
{
    /// <summary>
    /// Streams the document to <paramref name="output"/> as qpdf writes it, through a pipe, so a large file
    /// never exists twice in memory and nothing touches the disk. qpdf writes on its own thread into the
    /// pipe's /proc path; this side patches the ID and forwards. Returns the bytes forwarded and qpdf's
    /// error, if it failed part-way.
    /// </summary>
    public async Task<(long Written, QpdfException? Error)> WriteToAsync(Stream output, DocumentId id, CancellationToken cancellationToken)
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.None);
        var descriptor = (int)pipe.ClientSafePipeHandle.DangerousGetHandle();
        // A 1 MB pipe instead of Linux's 64 KB default: sixteen times fewer hand-offs between the writer
        // thread and the reader for a large file. Best effort; the default still works.
        _ = QpdfNative.fcntl(descriptor, QpdfNative.SetPipeSize, 1 << 20);
        var path = Terminated($"/proc/self/fd/{descriptor}");
        var writer = Task.Factory.StartNew(() =>
        {
            try
            {
                WriteToPath(path);
                return (QpdfException?)null;
            }
            catch (QpdfException e)
            {
                return e;
            }
            finally
            {
                // qpdf has closed its own descriptor; closing ours lets the reader see the end of the file.
                pipe.DisposeLocalCopyOfClientHandle();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var copier = new IdPatchingCopier(id, output);
        try
        {
            await copier.CopyFromAsync(pipe, cancellationToken);
        }
        catch
        {
            // The output failed (the buyer went away) or the wait was cancelled. qpdf opens the pipe's path
            // read-write, so it is a reader itself and closing this end would never make its writes fail: it
            // would block on the full pipe for good, holding a thread and the document. It is let finish into
            // nothing instead, which costs a fraction of the copy.
            await pipe.CopyToAsync(Stream.Null, CancellationToken.None);
            await writer;
            throw;
        }
        return (copier.Written, await writer);
    }
}
