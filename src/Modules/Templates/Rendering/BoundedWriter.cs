using System.Text;

namespace Storefront.Templates.Rendering;

/// <summary>Collects a render's output, refusing to grow past a size or to go on past a deadline.</summary>
internal sealed class BoundedWriter(int maxChars, CancellationToken deadline) : StringWriter
{
    public override void Write(char value)
    {
        Check(1);
        base.Write(value);
    }

    public override void Write(string? value)
    {
        Check(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Check(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Check(buffer.Length);
        base.Write(buffer);
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    private void Check(int adding)
    {
        deadline.ThrowIfCancellationRequested();
        if (GetStringBuilder().Length + adding > maxChars)
        {
            throw new InvalidOperationException($"the output grew past {maxChars / 1024} KB");
        }
    }

    public override Encoding Encoding => Encoding.UTF8;
}
